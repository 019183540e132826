import { markdownToDoc, parseDoc, type Doc } from '../articles/index.ts';
import { validationError, type FieldProblem } from '../shared/errors.ts';
import { isCanonicalSlug, SITE_OWNED_NAMES } from '../shared/slug.ts';

export const PAGE_STATUSES = ['draft', 'published'] as const;
export type PageStatus = (typeof PAGE_STATUSES)[number];

/** What every writer (admin form, Admin API, importers) hands the pages service. */
export interface PageInput {
  title?: string;
  slug?: string;
  body?: Doc;
  status?: PageStatus;
  /** In the footer menu (at the end when it joins), or not. */
  inMenu?: boolean;
  /** Optimistic lock: the version the writer last saw. */
  version?: number;
}

const ALLOWED = new Set(['title', 'slug', 'body', 'bodyMarkdown', 'status', 'inMenu', 'version']);
const MAX_TITLE = 200;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e\u2066-\u2069]/;

/** A page's own slug, or why not: reserved names belong to the site's routes (`/admin`, `/news`, `/search`…). */
export function pageSlugProblem(slug: string): string | null {
  if (!isCanonicalSlug(slug)) return 'must be lower-case letters, digits and hyphens (at most 80)';
  if (SITE_OWNED_NAMES.has(slug)) return `/${slug} is an address the site uses itself; choose another`;
  return null;
}

/** Parsed from untrusted JSON with a field allowlist; `bodyMarkdown` is the no-JavaScript form's body. */
export function parsePageInput(raw: unknown, mode: 'create' | 'update'): PageInput {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw validationError([{ field: 'body', message: 'the request body must be a JSON object' }]);
  const src = raw as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const bad = (field: string, message: string) => problems.push({ field, message });
  const out: PageInput = {};
  for (const k of Object.keys(src)) if (!ALLOWED.has(k)) bad(k, 'is not an accepted field');
  if (src.title !== undefined) {
    if (typeof src.title !== 'string' || !src.title.trim()) bad('title', 'cannot be empty');
    else if (src.title.length > MAX_TITLE) bad('title', `must be at most ${MAX_TITLE} characters`);
    else if (CONTROL.test(src.title)) bad('title', 'contains control or bidirectional-override characters');
    else out.title = src.title.normalize('NFC').trim();
  } else if (mode === 'create') bad('title', 'is required');
  if (src.slug !== undefined && src.slug !== '') {
    const problem = typeof src.slug === 'string' ? pageSlugProblem(src.slug) : 'must be a string';
    if (problem) bad('slug', problem);
    else out.slug = src.slug as string;
  }
  try {
    if (src.body !== undefined) out.body = parseDoc(src.body);
    else if (typeof src.bodyMarkdown === 'string') out.body = markdownToDoc(src.bodyMarkdown);
  } catch (e) {
    problems.push(...((e as { problems?: FieldProblem[] }).problems ?? [{ field: 'body', message: 'is not a valid document' }]));
  }
  if (src.status !== undefined) {
    if (!(PAGE_STATUSES as readonly unknown[]).includes(src.status)) bad('status', 'must be draft or published');
    else out.status = src.status as PageStatus;
  }
  if (src.inMenu !== undefined) {
    if (typeof src.inMenu !== 'boolean') bad('inMenu', 'must be true or false');
    else out.inMenu = src.inMenu;
  }
  if (src.version !== undefined) {
    if (!Number.isInteger(src.version) || (src.version as number) < 1) bad('version', 'must be a positive integer');
    else out.version = src.version as number;
  }
  if (problems.length) throw validationError(problems);
  return out;
}
