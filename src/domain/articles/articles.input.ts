import { validationError, type FieldProblem } from '../shared/errors.ts';
import { isCanonicalSlug, RESERVED_SLUGS } from '../shared/slug.ts';
import { parseIsoWithOffset } from '../shared/time.ts';
import { ARTICLE_STATUSES, COMMENT_MODES, type ArticleStatus, type CommentMode } from './articles.types.ts';
import type { EmbedProviders } from '../embeds/index.ts';
import { parseDoc, type Doc } from './document.ts';
import { markdownToDoc } from './markdown.ts';

/**
 * The one shape every writer (Admin API, CLI, demo seed, later the editor)
 * hands to the articles service. Parsed from untrusted JSON with a field
 * allowlist: an unknown field is an error, never silently stored.
 */
export interface ArticleInput {
  headline?: string;
  dek?: string;
  dateline?: string;
  body?: Doc;
  slug?: string;
  section?: string | number | null;
  tags?: string[];
  bylines?: Array<string | number>;
  credit?: string;
  language?: string;
  status?: ArticleStatus;
  publishedAt?: Date | null;
  featuredImageId?: number | null;
  commentMode?: CommentMode;
  canonicalUrl?: string;
  seoTitle?: string;
  seoDescription?: string;
  socialTitle?: string;
  socialDescription?: string;
  /** Optimistic lock: the version the writer last saw. */
  version?: number;
  /** Owner of a new story (staff user id). Set by the newsroom, never parsed from a request body. */
  createdBy?: number | null;
  /** Owner of a new story started through the Admin API (key id). Set by the workflow, never parsed. */
  createdByKey?: number | null;
}

const TEXT_LIMITS: Record<string, number> = {
  headline: 300,
  dek: 600,
  dateline: 80,
  credit: 200,
  seoTitle: 300,
  seoDescription: 1000,
  socialTitle: 300,
  socialDescription: 1000,
  canonicalUrl: 2048,
};

const ALLOWED = new Set([
  ...Object.keys(TEXT_LIMITS), 'body', 'bodyMarkdown', 'slug', 'section', 'tags', 'bylines', 'language', 'status',
  'publishedAt', 'featuredImageId', 'commentMode', 'version',
]);

const BCP47 = /^[a-z]{2,3}(-[A-Za-z]{4})?(-([A-Z]{2}|\d{3}))?$/;
const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'ckb', 'yi', 'dv', 'sd', 'ug']);

export function directionOf(language: string): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.has(language.split('-')[0]) ? 'rtl' : 'ltr';
}

// Bidi overrides and C0 controls have no business in a headline or a slug.
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/** `embeds`: the site's provider table (built-ins plus EMBED_PROVIDERS); the built-ins when left out. */
export function parseArticleInput(raw: unknown, mode: 'create' | 'update', embeds?: EmbedProviders): ArticleInput {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw validationError([{ field: 'body', message: 'the request body must be a JSON object' }]);
  }
  const src = raw as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const out: ArticleInput = {};
  const bad = (field: string, message: string) => problems.push({ field, message });

  for (const key of Object.keys(src)) if (!ALLOWED.has(key)) bad(key, 'is not a field of an article');

  for (const [field, max] of Object.entries(TEXT_LIMITS)) {
    const v = src[field];
    if (v === undefined) continue;
    if (typeof v !== 'string') bad(field, 'must be a string');
    else if (v.length > max) bad(field, `must be at most ${max} characters`);
    else if (FORBIDDEN_CHARS.test(v)) bad(field, 'contains control or bidirectional-override characters');
    else (out as Record<string, unknown>)[field] = v.normalize('NFC').trim();
  }
  if (out.canonicalUrl && !/^https?:\/\/[^\s]+$/.test(out.canonicalUrl)) bad('canonicalUrl', 'must be an absolute http(s) URL');
  if (mode === 'create' && !out.headline) bad('headline', 'is required');
  if (mode === 'update' && src.headline !== undefined && !out.headline) bad('headline', 'cannot be empty');

  if (src.body !== undefined && src.bodyMarkdown !== undefined) bad('body', 'send body or bodyMarkdown, not both');
  else if (src.body !== undefined) collect(problems, () => (out.body = parseDoc(src.body, 'body', embeds)));
  else if (src.bodyMarkdown !== undefined) {
    if (typeof src.bodyMarkdown !== 'string') bad('bodyMarkdown', 'must be a string');
    else if (src.bodyMarkdown.length > 500_000) bad('bodyMarkdown', 'must be at most 500000 characters');
    else collect(problems, () => (out.body = markdownToDoc(src.bodyMarkdown as string, embeds)));
  }

  if (src.slug !== undefined) {
    if (typeof src.slug !== 'string' || !isCanonicalSlug(src.slug)) bad('slug', 'must be lower-case letters, digits and hyphens (at most 80)');
    else if (RESERVED_SLUGS.has(src.slug)) bad('slug', `"${src.slug}" is reserved`);
    else out.slug = src.slug;
  }
  if (src.section !== undefined) {
    const s = src.section;
    if (s === null || (typeof s === 'string' && s.length > 0 && s.length <= 120) || (Number.isInteger(s) && (s as number) > 0)) out.section = s as string | number | null;
    else bad('section', 'must be a section slug, a section id, or null');
  }
  if (src.tags !== undefined) {
    const t = src.tags;
    if (!Array.isArray(t) || t.length > 30 || t.some((x) => typeof x !== 'string' || !x.trim() || x.length > 100)) {
      bad('tags', 'must be a list of at most 30 tag names or slugs');
    } else out.tags = [...new Set(t.map((x: string) => x.normalize('NFC').trim()))];
  }
  if (src.bylines !== undefined) {
    const b = src.bylines;
    if (!Array.isArray(b) || b.length > 20 || b.some((x) => !(typeof x === 'string' && x.length > 0 && x.length <= 120) && !(Number.isInteger(x) && x > 0))) {
      bad('bylines', 'must be a list of at most 20 people (slugs or ids), in byline order');
    } else out.bylines = b as Array<string | number>;
  }
  if (src.language !== undefined) {
    if (typeof src.language !== 'string' || !BCP47.test(src.language)) bad('language', 'must be a BCP 47 tag such as en, fa or en-GB');
    else out.language = src.language;
  }
  if (src.status !== undefined) {
    if (!ARTICLE_STATUSES.includes(src.status as ArticleStatus)) bad('status', `must be one of ${ARTICLE_STATUSES.join(', ')}`);
    else out.status = src.status as ArticleStatus;
  }
  if (src.publishedAt !== undefined) {
    if (src.publishedAt === null) out.publishedAt = null;
    else {
      const d = typeof src.publishedAt === 'string' ? parseIsoWithOffset(src.publishedAt) : null;
      if (!d) bad('publishedAt', 'must be ISO 8601 with an offset, e.g. 2021-05-21T18:15:00+04:30');
      else out.publishedAt = d;
    }
  }
  if (src.featuredImageId !== undefined) {
    const f = src.featuredImageId;
    if (f !== null && !(Number.isInteger(f) && (f as number) > 0)) bad('featuredImageId', 'must be an image id or null');
    else out.featuredImageId = f as number | null;
  }
  if (src.commentMode !== undefined) {
    if (!COMMENT_MODES.includes(src.commentMode as CommentMode)) bad('commentMode', `must be one of ${COMMENT_MODES.join(', ')}`);
    else out.commentMode = src.commentMode as CommentMode;
  }
  if (src.version !== undefined) {
    if (!Number.isInteger(src.version) || (src.version as number) < 1) bad('version', 'must be a positive integer');
    else out.version = src.version as number;
  }
  if (problems.length) throw validationError(problems);
  return out;
}

function collect(problems: FieldProblem[], fn: () => void): void {
  try {
    fn();
  } catch (e) {
    const p = (e as { problems?: FieldProblem[] }).problems;
    if (p?.length) problems.push(...p);
    else throw e;
  }
}
