import type { EmbedProviders } from '../../../domain/embeds/index.ts';
import { parseArticleInput, zonedLocalToUtc, type Article, type ArticleInput } from '../../../domain/articles/index.ts';
import { AppError, validationError } from '../../../domain/shared/errors.ts';
import { docToMarkdown } from './doc-markdown.ts';

/**
 * The editor form (urlencoded, or the same names as JSON from autosave) →
 * ArticleInput. Only the names below are read: anything else a client adds
 * (`status`, `createdBy`, `version` tricks) is ignored or goes through the
 * domain's own allowlist, never straight to storage.
 */
const TEXT_FIELDS = ['headline', 'dek', 'dateline', 'credit', 'seoTitle', 'seoDescription', 'socialTitle', 'socialDescription', 'canonicalUrl'] as const;

export const INTENTS = ['save', 'draft', 'review', 'publish', 'schedule', 'unpublish'] as const;
export type Intent = (typeof INTENTS)[number];

export type FormFields = Record<string, unknown>;

export function str(f: FormFields, name: string): string | undefined {
  const v = f[name];
  return typeof v === 'string' ? v : undefined;
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function intentOf(f: FormFields): Intent {
  const v = str(f, 'intent') ?? 'save';
  return (INTENTS as readonly string[]).includes(v) ? (v as Intent) : 'save';
}

/** What a button asks for: the status and publish time to send to the workflow. */
export function intentInput(intent: Intent, f: FormFields, ctx: { timeZone: string; now: Date }): Pick<ArticleInput, 'status' | 'publishedAt'> {
  switch (intent) {
    case 'draft':
      return { status: 'draft' };
    case 'review':
      return { status: 'review' };
    case 'publish':
      return { status: 'published', publishedAt: ctx.now };
    case 'unpublish':
      return { status: 'unpublished' };
    case 'schedule': {
      const at = zonedLocalToUtc(str(f, 'publishAt') ?? '', ctx.timeZone, 'publishAt');
      if (at.getTime() <= ctx.now.getTime()) throw validationError([{ field: 'publishAt', message: 'pick a time in the future, or press Publish now' }]);
      return { status: 'scheduled', publishedAt: at };
    }
    default:
      return {};
  }
}

/**
 * Body: the editor's JSON (`bodyJson` from the form, `body` from autosave),
 * else the Markdown textarea of the no-JavaScript form. Unchanged Markdown
 * leaves the stored body alone, so a plain-form save of other fields never
 * flattens pull quotes or image credits that Markdown cannot spell.
 */
function bodyRaw(f: FormFields, current: Article | null): Record<string, unknown> {
  if (f.body !== undefined) return { body: f.body };
  const json = str(f, 'bodyJson');
  if (json) {
    try {
      return { body: JSON.parse(json) };
    } catch {
      throw new AppError('BAD_REQUEST', 'the story body did not arrive intact; reload and try again', { field: 'body' });
    }
  }
  const md = str(f, 'bodyMarkdown');
  if (md === undefined) return {};
  if (current && md.replace(/\r\n/g, '\n').trim() === docToMarkdown(current.body).trim()) return {};
  return { bodyMarkdown: md.replace(/\r\n/g, '\n') };
}

export function storyInput(f: FormFields, mode: 'create' | 'update', current: Article | null, embeds?: EmbedProviders): ArticleInput {
  const raw: Record<string, unknown> = {};
  for (const k of TEXT_FIELDS) {
    const v = str(f, k);
    if (v !== undefined) raw[k] = v;
  }
  const language = str(f, 'language')?.trim();
  if (language) raw.language = language;
  const commentMode = str(f, 'commentMode');
  if (commentMode) raw.commentMode = commentMode;
  const slug = str(f, 'slug')?.trim();
  if (slug && slug !== current?.slug) raw.slug = slug;
  const section = str(f, 'section');
  if (section !== undefined) raw.section = section.trim() ? section.trim() : null;
  const tags = str(f, 'tags');
  if (tags !== undefined) raw.tags = list(tags);
  const bylines = str(f, 'bylines');
  if (bylines !== undefined) raw.bylines = list(bylines);
  const featured = str(f, 'featuredImageId')?.trim();
  if (featured !== undefined) raw.featuredImageId = featured ? (/^\d{1,9}$/.test(featured) ? Number(featured) : featured) : null;
  const version = str(f, 'version') ?? (typeof f.version === 'number' ? String(f.version) : undefined);
  if (version && mode === 'update') raw.version = /^\d{1,9}$/.test(version) ? Number(version) : version;
  Object.assign(raw, bodyRaw(f, current));
  if (raw.bodyMarkdown === '' && !current) delete raw.bodyMarkdown;
  return parseArticleInput(raw, mode, embeds);
}
