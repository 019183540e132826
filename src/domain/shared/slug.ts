/**
 * Slugs: NFC first so `café` and `cafe\u0301` collide on purpose, Latin
 * diacritics folded, any other script kept (a Persian headline keeps a
 * Persian slug), bidi and control characters dropped, path separators gone.
 */
export const RESERVED_SLUGS = new Set([
  'admin', 'api', 'feed', 'feeds', 'media', 'static', 'assets', 'sitemap.xml', 'sitemap', 'robots.txt',
  'search', 'news', 'section', 'tag', 'author', 'rss', 'atom', 'login', 'logout', 'setup',
  // Paths under /news/:id/ that belong to the comments, not to a story slug.
  'comment-form', 'comments', 'comments.xml',
]);

/**
 * First path segments the site answers itself (routes, ops endpoints): a
 * static page or a redirect rule there would never be reached.
 */
export const SITE_OWNED_NAMES: ReadonlySet<string> = new Set([
  ...RESERVED_SLUGS, 'healthz', 'readyz', 'livez', 'metrics', 'sitemaps', 'favicon.ico', '.well-known', 'feed.xml', 'feed.json',
]);

const MAX_SLUG = 80;

export function slugify(input: string): string {
  const folded = input
    .normalize('NFC')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  let slug = folded.slice(0, MAX_SLUG).replace(/-+$/, '');
  if (!slug) slug = 'story';
  return slug;
}

/** A caller-supplied slug is accepted only if it is already in canonical form. */
export function isCanonicalSlug(slug: string): boolean {
  return slug.length > 0 && slug.length <= MAX_SLUG && slugify(slug) === slug;
}

export function withSuffix(base: string, n: number): string {
  if (n <= 1) return base;
  const suffix = `-${n}`;
  return base.slice(0, MAX_SLUG - suffix.length).replace(/-+$/, '') + suffix;
}
