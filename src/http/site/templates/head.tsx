import { curlQuotes } from '../../../domain/shared/typography.ts';
import type { SiteContext } from '../context.ts';

export interface FeedLink {
  type: 'application/rss+xml' | 'application/atom+xml' | 'application/feed+json';
  title: string;
  href: string;
}

/** Everything a page says about itself in `<head>`. */
export interface PageMeta {
  /** The whole `<title>`. */
  title: string;
  description: string;
  /** Absolute, from SITE_URL (never from the Host header); empty on error pages. */
  canonical: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  /** OpenGraph and article:* tags, in order. */
  properties: Array<[string, string]>;
  /** Twitter card and other `name=` tags. */
  names: Array<[string, string]>;
  /** Already serialised with jsonForScript. */
  jsonLd?: string;
  feeds: FeedLink[];
  prev?: string;
  next?: string;
}

function feedsAt(base: string, name: string): FeedLink[] {
  return [
    { type: 'application/rss+xml', title: `${name} (RSS)`, href: `${base}/feed.xml` },
    { type: 'application/atom+xml', title: `${name} (Atom)`, href: `${base}/atom.xml` },
    { type: 'application/feed+json', title: `${name} (JSON Feed)`, href: `${base}/feed.json` },
  ];
}

export const siteFeeds = (ctx: SiteContext): FeedLink[] => feedsAt('', ctx.settings.name);
export const sectionFeeds = (ctx: SiteContext, name: string, path: string): FeedLink[] => feedsAt(path, `${ctx.settings.name}: ${name}`);

/** The meta of an ordinary (non-story) page: title, description, canonical and a website card. */
export function basicMeta(ctx: SiteContext, o: { title: string; description: string; path: string; feeds?: FeedLink[] }): PageMeta {
  const canonical = ctx.siteUrl + o.path;
  const description = o.description || ctx.settings.tagline;
  return {
    title: o.title ? `${o.title} | ${ctx.settings.name}` : ctx.settings.name,
    description,
    canonical,
    lang: ctx.settings.language,
    dir: ctx.siteDir,
    properties: [
      ['og:type', 'website'],
      ['og:site_name', ctx.settings.name],
      ['og:title', o.title || ctx.settings.name],
      ['og:description', description],
      ['og:url', canonical],
    ],
    names: [['twitter:card', 'summary']],
    feeds: [...siteFeeds(ctx), ...(o.feeds ?? [])],
  };
}

/**
 * The tags whose content is copy a person reads (a search result, a shared
 * card): curled like the page. Every other tag (URLs, sizes, times, the
 * locale, robots) is left exactly as built.
 */
const COPY_TAGS: ReadonlySet<string> = new Set(['og:title', 'og:description', 'og:site_name', 'og:image:alt', 'twitter:title', 'twitter:description', 'author']);
const copyOf = (meta: PageMeta, tag: string, content: string): string => (COPY_TAGS.has(tag) ? curlQuotes(content, meta.lang) : content);

export function Head({ ctx, meta }: { ctx: SiteContext; meta: PageMeta }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{curlQuotes(meta.title, meta.lang)}</title>
      {meta.description ? <meta name="description" content={curlQuotes(meta.description, meta.lang)} /> : null}
      {meta.canonical ? <link rel="canonical" href={meta.canonical} /> : null}
      {meta.prev ? <link rel="prev" href={meta.prev} /> : null}
      {meta.next ? <link rel="next" href={meta.next} /> : null}
      <link rel="stylesheet" href={ctx.assets.css} />
      <link rel="icon" type="image/svg+xml" href={ctx.assets.favicon} />
      {meta.feeds.map((f) => (
        <link rel="alternate" type={f.type} title={f.title} href={f.href} />
      ))}
      <meta name="theme-color" content="#ffffff" />
      {meta.properties.map(([p, c]) => (
        <meta property={p} content={copyOf(meta, p, c)} />
      ))}
      {meta.names.map(([n, c]) => (
        <meta name={n} content={copyOf(meta, n, c)} />
      ))}
      {meta.jsonLd ? <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: meta.jsonLd }} /> : null}
    </head>
  );
}
