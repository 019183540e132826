import { ARTICLE_STATUSES, type ArticleStatus } from '../../domain/articles/index.ts';
import { AppError, notFound } from '../../domain/shared/errors.ts';
import { parseId as parseIdOrNull } from '../../domain/shared/ids.ts';

/**
 * Query-string and path parameters of the Admin API, checked against
 * allowlists. A bad value is a 400 naming the parameter; nothing the client
 * types reaches SQL except as a bound value.
 */

/** A path id: digits only and in range, else the resource simply does not exist (404). */
export function parseId(raw: unknown, what: string): number {
  const id = typeof raw === 'string' ? parseIdOrNull(raw) : null;
  if (id === null) throw notFound(`${what} ${typeof raw === 'string' ? raw.slice(0, 40) : ''}`);
  return id;
}

function badParam(field: string, message: string): AppError {
  return new AppError('BAD_REQUEST', `${field}: ${message}`, { field });
}

export interface ListParams {
  limit: number;
  offset: number;
  status?: ArticleStatus;
  section?: string | number;
  q?: string;
  sort?: string;
}

/**
 * Orders the listing can serve. The domain listing orders by last change,
 * newest first; other orders need a domain change (see docs/admin-api.md).
 */
export const SORTS = ['-updatedAt'] as const;

function single(query: Record<string, unknown>, name: string): string | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw badParam(name, 'give it once');
  return v;
}

function intParam(query: Record<string, unknown>, name: string, min: number, max: number, fallback: number): number {
  const v = single(query, name);
  if (v === undefined) return fallback;
  const n = /^[0-9]{1,10}$/.test(v) ? Number(v) : NaN;
  if (!(n >= min && n <= max)) throw badParam(name, `must be an integer from ${min} to ${max}`);
  return n;
}

/** `?limit=&offset=` plus the named extra parameters; any other parameter is refused. */
export function parseListQuery(raw: unknown, extra: ReadonlyArray<'status' | 'section' | 'q' | 'sort'> = []): ListParams {
  const query = (raw ?? {}) as Record<string, unknown>;
  const allowed = new Set<string>(['limit', 'offset', ...extra]);
  for (const name of Object.keys(query)) if (!allowed.has(name)) throw badParam(name, 'is not a parameter of this listing');
  const out: ListParams = {
    limit: intParam(query, 'limit', 1, 100, 20),
    offset: intParam(query, 'offset', 0, 1_000_000_000, 0),
  };
  const status = single(query, 'status');
  if (status !== undefined) {
    if (!(ARTICLE_STATUSES as readonly string[]).includes(status)) throw badParam('status', `must be one of ${ARTICLE_STATUSES.join(', ')}`);
    out.status = status as ArticleStatus;
  }
  const section = single(query, 'section');
  if (section !== undefined) {
    if (!section || section.length > 120) throw badParam('section', 'must be a section slug or id');
    out.section = parseIdOrNull(section) ?? section;
  }
  const q = single(query, 'q');
  if (q !== undefined) {
    if (q.length > 200) throw badParam('q', 'must be at most 200 characters');
    if (q.trim()) out.q = q.normalize('NFC').trim();
  }
  const sort = single(query, 'sort');
  if (sort !== undefined) {
    if (!(SORTS as readonly string[]).includes(sort)) throw badParam('sort', `invalid_sort: must be one of ${SORTS.join(', ')}`);
    out.sort = sort;
  }
  return out;
}

/** One page of an in-memory list (sections, tags, people are small and listed whole by their services). */
export function pageOf<T, J>(all: T[], p: ListParams, toJson: (t: T) => J) {
  return { items: all.slice(p.offset, p.offset + p.limit).map(toJson), total: all.length, limit: p.limit, offset: p.offset };
}
