import type { Db } from '../../storage/index.ts';
import type { JobKind, JobQueue } from '../jobs/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { zonedParts } from '../shared/time.ts';
import type { HouseSpellings } from '../transliteration/index.ts';
import { buildSearchDocument, INDEXED_STATUSES } from './search.document.ts';
import { isEmptyQuery, parseQuery } from './search.query.ts';
import { findHits } from './search.find.ts';
import { buildCommonGrams, commonGramsStatus, retireCommonGrams, type GramBuildArgs, type GramBuildResult, type GramStatus } from './search.grams.service.ts';
import { hydrateHits, loadDocumentSources } from './search.repo.ts';
import { postgresGramEngine } from './search.grams.repo.postgres.ts';
import { sqliteGramEngine } from './search.grams.repo.sqlite.ts';
import { postgresSearchRepo } from './search.repo.postgres.ts';
import { sqliteSearchRepo } from './search.repo.sqlite.ts';
import { renderMarked } from './search.snippet.ts';
import {
  SEARCH_SORTS, type ParsedQuery, type Q, type SearchFilters, type SearchHit, type SearchIndexer, type SearchParams,
  type GramEngine, type SearchDocument, type SearchRepo, type SearchResult, type SearchSort,
} from './search.types.ts';

export interface SearchDeps {
  db: Db;
  clock: Clock;
  /** Preferred spellings by transliteration key; loaded before each search. */
  houseSpellings: HouseSpellings & { refresh?(): Promise<void> };
  /** Where reindexLater() puts its work (absent in tools that never rename). */
  jobs?: JobQueue;
}

/** The job kind of re-indexing after a rename. */
export const REINDEX_JOB = 'search-reindex';

interface ReindexPayload {
  ids: number[];
}

export const SEARCH_PAGE_SIZE = 20;
export const MAX_SEARCH_LIMIT = 50;
/** Pages past this offset are not served: deep pages cost a full ranking and nobody reads them. */
export const MAX_SEARCH_OFFSET = 1000;
/** The count stops here; above it the page says "more than 1,000". */
export const SEARCH_COUNT_CAP = 1000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SLUG = /^[\p{L}\p{N}][\p{L}\p{N}\p{M}-]{0,119}$/u;

function bad(field: string, message: string): AppError {
  return new AppError('BAD_REQUEST', `${field}: ${message}`, { field });
}

function str(raw: unknown, field: string): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw bad(field, 'give it once');
  return raw;
}

/** Minutes east of UTC of `tz` at `at` (+04:30 → 270). */
function offsetMinutes(at: Date, tz: string): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(zonedParts(at, tz).offset);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/**
 * `YYYY-MM-DD` → the instant its day (plus `days`) starts in the edition's
 * time zone, or a 400 naming the field. Two passes settle days on which the
 * offset changes (DST, or Tehran's retired DST).
 */
function dayBound(raw: unknown, field: string, days: number, tz: string): string | undefined {
  const s = str(raw, field);
  if (s === undefined) return undefined;
  const m = DATE.exec(s);
  if (!m) throw bad(field, 'must be a date as YYYY-MM-DD');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1000 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) throw bad(field, 'must be a real date as YYYY-MM-DD');
  date.setUTCDate(d + days);
  let at = date.getTime() - offsetMinutes(date, tz) * 60_000;
  at = date.getTime() - offsetMinutes(new Date(at), tz) * 60_000;
  return new Date(at).toISOString();
}

function int(raw: unknown, field: string, min: number, max: number, fallback: number): number {
  const s = str(typeof raw === 'number' ? String(raw) : raw, field);
  if (s === undefined) return fallback;
  const n = /^\d{1,10}$/.test(s) ? Number(s) : NaN;
  if (!(n >= min && n <= max)) throw bad(field, `must be a whole number from ${min} to ${max}`);
  return n;
}

function slugParam(raw: unknown, field: string): string | undefined {
  const s = str(raw, field);
  if (s !== undefined && !SLUG.test(s)) throw bad(field, 'must be a slug');
  return s;
}

export interface ValidatedSearch {
  query: ParsedQuery;
  filters: SearchFilters;
  sort: SearchSort;
  limit: number;
  offset: number;
}

/** Checks every parameter; a bad one is a 400 naming it. The query text itself is never refused, only cleaned. */
export function validateSearch(p: SearchParams, timeZone = 'UTC'): ValidatedSearch {
  const sortRaw = str(p.sort, 'sort') ?? 'relevance';
  if (!(SEARCH_SORTS as readonly string[]).includes(sortRaw)) throw bad('sort', `must be one of ${SEARCH_SORTS.join(', ')}`);
  const filters: SearchFilters = {
    sectionSlug: slugParam(p.section, 'section'),
    authorSlug: slugParam(p.author, 'author'),
    fromIso: dayBound(p.from, 'from', 0, timeZone),
    toIso: dayBound(p.to, 'to', 1, timeZone),
  };
  if (filters.fromIso && filters.toIso && filters.fromIso >= filters.toIso) throw bad('to', 'must not be before from');
  if (p.q !== undefined && typeof p.q !== 'string') throw bad('q', 'give it once');
  return {
    query: parseQuery(p.q ?? ''),
    filters,
    sort: sortRaw as SearchSort,
    limit: int(p.limit, 'limit', 1, MAX_SEARCH_LIMIT, SEARCH_PAGE_SIZE),
    offset: int(p.offset, 'offset', 0, MAX_SEARCH_OFFSET, 0),
  };
}

/**
 * Transliteration-aware search over published stories (docs/search.md), one
 * operation for the public site, the Content API and the CLI. The dialect
 * repo is picked once from the database's capability flag.
 */
export class SearchService {
  private readonly repo: SearchRepo;
  private readonly grams: GramEngine;
  readonly indexer: SearchIndexer;

  constructor(private readonly deps: SearchDeps) {
    this.repo = deps.db.caps.fullText === 'fts5' ? sqliteSearchRepo : postgresSearchRepo;
    this.grams = deps.db.caps.fullText === 'fts5' ? sqliteGramEngine : postgresGramEngine;
    const repo = this.repo;
    const indexMany = async (trx: Q, articleIds: readonly number[]) => {
      const sources = await loadDocumentSources(trx, articleIds);
      const docs: SearchDocument[] = [];
      const gone: number[] = [];
      for (const id of new Set(articleIds)) {
        const src = sources.get(id);
        if (src && INDEXED_STATUSES.has(src.status)) docs.push(buildSearchDocument(src));
        else gone.push(id);
      }
      if (docs.length) await repo.upsertMany(trx, docs);
      if (gone.length) await repo.removeMany(trx, gone);
    };
    this.indexer = {
      index: (trx: Q, articleId: number) => indexMany(trx, [articleId]),
      indexMany,
      async remove(trx: Q, articleId: number) {
        await repo.remove(trx, articleId);
      },
    };
  }

  /** `timeZone` is the edition's: from/to days start at its midnight. */
  async search(params: SearchParams, timeZone = 'UTC'): Promise<SearchResult> {
    const v = validateSearch(params, timeZone);
    const result: SearchResult = {
      query: v.query.text, sort: v.sort, limit: v.limit, offset: v.offset, total: 0, totalIsLowerBound: false,
      items: [], notices: [...v.query.notices], houseSpellings: [],
    };
    if (isEmptyQuery(v.query)) return result;
    await this.deps.houseSpellings.refresh?.();
    result.houseSpellings = this.houseSpellingsFor(v.query);
    const db = this.deps.db.kysely;
    const nowIso = this.deps.clock.now().toISOString();
    const { hits, total } = await findHits(this.repo, db, {
      query: v.query, filters: v.filters, sort: v.sort, limit: v.limit, offset: v.offset, nowIso, countCap: SEARCH_COUNT_CAP,
    });
    result.total = Math.min(total, SEARCH_COUNT_CAP);
    result.totalIsLowerBound = total > SEARCH_COUNT_CAP;
    const rows = await hydrateHits(db, hits.map((h) => h.id), nowIso);
    const keys = new Set(v.query.terms.map((t) => t.key).filter(Boolean));
    for (const h of hits) {
      const row = rows.get(h.id);
      if (!row) continue;
      // Another spelling can only be marked if the story has a name with that key.
      const found = new Set([...keys].filter((k) => h.nameKeys.has(k)));
      const snippet = renderMarked(h.snippetMarked || row.dek, found);
      const headline = renderMarked(h.headlineMarked || row.headline, found);
      const hit: SearchHit = {
        id: row.id, slug: row.slug, headline: row.headline, headlineHtml: headline.html, dek: row.dek,
        publishedAt: new Date(row.publishedAt), section: row.section, bylines: row.bylines,
        snippetHtml: snippet.html, snippetText: snippet.text,
      };
      result.items.push(hit);
    }
    return result;
  }

  /**
   * Re-indexes these stories later, as a durable job written in the
   * caller's transaction: a renamed tag or person is in every one of its
   * stories' entries, and a stop half-way leaves the job to be run again
   * (by this instance after a restart, or another one) to the end.
   */
  async reindexLater(trx: Q, articleIds: number[]): Promise<void> {
    const ids = [...new Set(articleIds)];
    if (!ids.length) return;
    if (!this.deps.jobs) throw new Error('reindexLater needs the job queue');
    await this.deps.jobs.enqueue(trx, REINDEX_JOB, { ids } satisfies ReindexPayload);
  }

  /** The `search-reindex` job kind (registered by main.ts): 500 stories a transaction, each batch whole. */
  readonly reindexJob: JobKind<ReindexPayload> = {
    handle: async (p, ctx) => {
      const ids = Array.isArray(p.ids) ? p.ids.filter((x) => Number.isInteger(x)) : [];
      for (let i = 0; i < ids.length; i += 500) {
        // Re-indexing is idempotent: another runner that took the job over starts again from the top.
        ctx.signal.throwIfAborted();
        await this.indexBatch(ids.slice(i, i + 500));
      }
    },
  };

  /** One transaction: a batch's entries change together, and a stop leaves each whole. */
  private async indexBatch(ids: readonly number[]): Promise<void> {
    await this.deps.db.kysely.transaction().execute((trx) => this.indexer.indexMany(trx, ids));
  }

  /** Rebuilds every entry (after a restore; renames are handled by reindexLater's jobs). Returns how many stories are indexed. */
  async reindexAll(batch = 500): Promise<number> {
    const db = this.deps.db.kysely;
    let after = 0;
    let indexed = 0;
    for (;;) {
      const ids = (await db.selectFrom('articles').select('id').where('id', '>', after).orderBy('id').limit(batch).execute()).map((r) => r.id);
      if (!ids.length) return indexed;
      await this.indexBatch(ids);
      indexed += (await db.selectFrom('search_documents').select((eb) => eb.fn.countAll<number>().as('n')).where('article_id', 'in', ids).executeTakeFirst())?.n ?? 0;
      after = ids[ids.length - 1];
    }
  }

  /**
   * Common-grams, the pairs of common words that make phrases of them fast
   * on a large index, on both engines (search.grams.service.ts).
   */
  async commonGramsStatus(): Promise<GramStatus> {
    return commonGramsStatus(this.deps.db.kysely);
  }

  async buildCommonGrams(args: Omit<GramBuildArgs, 'nowIso'> = {}): Promise<GramBuildResult> {
    return buildCommonGrams(this.deps.db.kysely, this.grams, { ...args, nowIso: this.deps.clock.now().toISOString() });
  }

  async retireCommonGrams(): Promise<number> {
    return retireCommonGrams(this.deps.db.kysely);
  }

  private houseSpellingsFor(q: ParsedQuery): Array<{ term: string; spelling: string }> {
    const out: Array<{ term: string; spelling: string }> = [];
    for (const t of q.terms) {
      const spelling = t.key ? this.deps.houseSpellings.preferredFor(t.key) : undefined;
      if (spelling && spelling.toLowerCase() !== t.original.toLowerCase()) out.push({ term: t.original, spelling });
    }
    return out;
  }
}
