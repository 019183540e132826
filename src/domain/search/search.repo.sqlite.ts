import { sql } from 'kysely';
import { authorFacet, privateNames, sectionFacet } from '../../storage/migrations/0008-search-speed.ts';
import { orderKeyAt } from './search.document.ts';
import { facetExpression, ftsMatchExpression, matchUnits, unitExpression, type MatchUnit } from './search.fts-match.ts';
import { IDF_SAMPLE, inverseDocumentFrequency, RANK_WINDOW, rankWindow, type LeadRow } from './search.ranking.ts';
import type { Q, RepoHit, RepoSearchArgs, SearchDocument, SearchFilters, SearchRepo } from './search.types.ts';

/**
 * SQLite FTS5 (DESIGN §7, embedded). `search_fts` is an external-content
 * index over `search_documents` (0008-search-speed), kept in step by
 * triggers, so writing the row is all indexing takes. Its rowid is the order
 * key (search.document.ts): newest first is a backwards walk, and "published
 * by now" and the date filters are a rowid range. Section and author are
 * facet terms, so the matches come from FTS5 alone, without a join per
 * candidate; relevance then reads the window's short columns (search.ranking.ts).
 *
 * Rowids are bound as BigInt: better-sqlite3 binds a JS number as a REAL,
 * and FTS5 only seeks on an INTEGER bound. Given a REAL it walks the doclists
 * from the end and leaves SQLite to discard the rows, which for a common word
 * and last year's dates is tens of milliseconds instead of one.
 */

const int = (n: number): bigint => BigInt(n);

/** The rowid (order key) range that "published by now" and the date filters allow: [lo, hi). */
function keyRange(args: RepoSearchArgs): { lo: number; hi: number } {
  const ends = [orderKeyAt(args.nowIso, true), ...(args.filters.toIso ? [orderKeyAt(args.filters.toIso)] : [])];
  return { lo: args.filters.fromIso ? orderKeyAt(args.filters.fromIso) : 0, hi: Math.min(...ends) };
}

/** The facet terms of the filters ('' for none), or null when a filter names no section or person: nothing can match. */
async function facetsMatch(db: Q, f: SearchFilters): Promise<string | null> {
  let sections: string[] | null = null;
  let author: string | null = null;
  if (f.sectionSlug) {
    const r = await sql<{ id: number }>`select s.id from sections s where s.slug = ${f.sectionSlug}
      or s.parent_id = (select p.id from sections p where p.slug = ${f.sectionSlug})`.execute(db);
    if (!r.rows.length) return null;
    sections = r.rows.map((x) => sectionFacet(x.id));
  }
  if (f.authorSlug) {
    const r = await sql<{ id: number }>`select id from people where slug = ${f.authorSlug}`.execute(db);
    if (!r.rows.length) return null;
    author = authorFacet(r.rows[0].id);
  }
  return facetExpression(sections, author);
}

/** Order keys of the matches in [lo, hi), newest first, at most `limit`. */
async function newestKeys(db: Q, match: string, lo: number, hi: number, limit: number): Promise<number[]> {
  const r = await sql<{ k: number }>`select rowid as k from search_fts
    where search_fts match ${match} and rowid >= ${int(lo)} and rowid < ${int(hi)}
    order by rowid desc limit ${limit}`.execute(db);
  return r.rows.map((x) => x.k);
}

/** The short columns of the window, from the covering index search_documents_lead (never the body). */
async function leadRows(db: Q, keys: number[]): Promise<Map<number, LeadRow>> {
  const r = await sql<LeadRow>`select order_key as key, headline, dek, people, tags, names
    from search_documents indexed by search_documents_lead where order_key in (${sql.join(keys.map(int))})`.execute(db);
  return new Map(r.rows.map((x) => [x.key, x]));
}

/**
 * Each unit's inverse document frequency over the IDF_SAMPLE most recent
 * stories. Only a query of two or more units needs it: with one unit it
 * scales every score alike. Each count stops at the sample size, so a very
 * common word costs a bounded walk, never its whole doclist.
 */
async function unitIdf(db: Q, units: MatchUnit[], hi: number): Promise<number[]> {
  if (units.length < 2) return units.map(() => 1);
  const s = await sql<{ lo: number | null; n: number }>`select min(order_key) as lo, count(*) as n from
    (select order_key from search_documents where order_key < ${int(hi)} order by order_key desc limit ${IDF_SAMPLE})`.execute(db);
  const lo = int(s.rows[0]?.lo ?? 0);
  const stories = Number(s.rows[0]?.n ?? 0);
  const counts = units.map((u, i) => sql`select ${i} as i, count(*) as n from (select 1 from search_fts
    where search_fts match ${unitExpression(u)} and rowid >= ${lo} and rowid < ${int(hi)} limit ${IDF_SAMPLE})`);
  const r = await sql<{ i: number; n: number }>`${sql.join(counts, sql` union all `)}`.execute(db);
  const idf = units.map(() => inverseDocumentFrequency(0, stories));
  for (const x of r.rows) idf[x.i] = inverseDocumentFrequency(Number(x.n), stories);
  return idf;
}

/** The most recent RANK_WINDOW matches best first, then the rest as they came (newest first). */
async function relevanceOrder(db: Q, args: RepoSearchArgs, keys: number[], hi: number): Promise<number[]> {
  const window = keys.slice(0, RANK_WINDOW);
  const units = matchUnits(args.query);
  const rows = await leadRows(db, window);
  const idf = await unitIdf(db, units, hi);
  return [...rankWindow(window, rows, units, idf), ...keys.slice(RANK_WINDOW)];
}

/** Highlighted headline and body snippet for one page of order keys. */
async function marked(db: Q, textMatch: string, keys: number[]): Promise<Map<number, RepoHit>> {
  const out = new Map<number, RepoHit>();
  if (!keys.length) return out;
  const r = await sql<{ k: number; id: number; h: string; s: string }>`
    select search_fts.rowid as k, d.article_id as id,
      highlight(search_fts, 0, char(1), char(2)) as h,
      snippet(search_fts, 2, char(1), char(2), '…', 32) as s
    from search_fts join search_documents d on d.order_key = search_fts.rowid
    where search_fts match ${textMatch} and search_fts.rowid in (${sql.join(keys.map(int))})`.execute(db);
  for (const x of r.rows) out.set(x.k, { id: x.id, headlineMarked: x.h ?? '', snippetMarked: x.s ?? '' });
  return out;
}

export const sqliteSearchRepo: SearchRepo = {
  async upsert(db, doc: SearchDocument) {
    const row = {
      article_id: doc.articleId, order_key: doc.orderKey, status: doc.status, published_at: doc.publishedAt, section_id: doc.sectionId,
      headline: doc.headline, dek: doc.dek, body: doc.body, people: doc.people, tags: doc.tags, names: privateNames(doc.names), facets: doc.facets,
    };
    // An update fires the trigger that swaps the FTS entry; a plain REPLACE would delete without it.
    await db.insertInto('search_documents').values(row).onConflict((oc) => oc.column('article_id').doUpdateSet(row)).execute();
  },

  async remove(db, articleId) {
    await db.deleteFrom('search_documents').where('article_id', '=', articleId).execute();
  },

  /**
   * One walk finds the countCap + 1 most recent matches: the count (capped)
   * and the candidates relevance orders. Snippets are made for the page only.
   */
  async search(db, args) {
    const text = ftsMatchExpression(args.query);
    const facets = await facetsMatch(db, args.filters);
    if (facets === null) return { hits: [], total: 0 };
    const match = facets ? `(${text}) AND ${facets}` : text;
    const { lo, hi } = keyRange(args);
    const keys = await newestKeys(db, match, lo, hi, Math.max(args.countCap + 1, args.offset + args.limit));
    const order = args.sort === 'relevance' && args.offset < RANK_WINDOW && keys.length > 1 ? await relevanceOrder(db, args, keys, hi) : keys;
    const page = order.slice(args.offset, args.offset + args.limit);
    const byKey = await marked(db, text, page);
    return { hits: page.flatMap((k) => byKey.get(k) ?? []), total: keys.length };
  },
};
