import { sql } from 'kysely';
import { orderKeyAt } from './search.document.ts';
import { filterSql } from './search.repo.ts';
import type { ParsedQuery, Q, RepoHit, RepoSearchArgs, SearchDocument, SearchRepo } from './search.types.ts';

/**
 * SQLite FTS5 (DESIGN §7, embedded). `search_fts` is an external-content
 * index over `search_documents`, kept in step by triggers (0002-search), so
 * writing the row is all indexing takes. Ranking is bm25 with the column
 * weights stored in the table's `rank` option.
 */

const TEXT_COLUMNS = '{headline dek body people tags}';

/** An FTS5 string: the tokenizer splits it like the indexed text, and no character in it is syntax. */
function ftsString(words: string[]): string {
  return `"${words.join(' ').replace(/"/g, '""')}"`;
}

/** Every word must match, in the text or (through its transliteration key) among the names. */
export function ftsMatchExpression(q: ParsedQuery): string {
  const parts: string[] = [];
  for (const t of q.terms) {
    const text = `${TEXT_COLUMNS} : ${ftsString(t.parts)}`;
    parts.push(t.key ? `(${text} OR names : ${ftsString(t.key.split(' '))})` : text);
  }
  for (const p of q.phrases) parts.push(`${TEXT_COLUMNS} : ${ftsString(p)}`);
  return parts.join(' AND ');
}

/** The rowid (order key) range that "published by now" and the date filters allow. */
function keyRange(args: RepoSearchArgs): { lo: number; hi: number } {
  const ends = [orderKeyAt(args.nowIso, true), ...(args.filters.toIso ? [orderKeyAt(args.filters.toIso)] : [])];
  return { lo: args.filters.fromIso ? orderKeyAt(args.filters.fromIso) : 0, hi: Math.min(...ends) };
}

/**
 * Matches that pass every filter, newest first: FTS5 walks its doclists
 * backwards from the top of the rowid range and stops at the LIMIT, and each
 * hit is checked against the covering index search_documents_filter.
 */
function candidates(match: string, args: RepoSearchArgs) {
  const { lo, hi } = keyRange(args);
  return sql`
    select search_fts.rowid as k, d.article_id as id, search_fts.rank as r
    from search_fts join search_documents d on d.order_key = search_fts.rowid
    where search_fts match ${match} and search_fts.rowid >= ${lo} and search_fts.rowid < ${hi}
      and ${filterSql(args.filters, args.nowIso)}
    order by search_fts.rowid desc`;
}

/**
 * Relevance is bm25 over the `countCap` most recent matches, not over all of
 * them: ranking every match of a common word in a million stories costs
 * hundreds of milliseconds (DESIGN §8 wants p95 < 25 ms), and for news the
 * recent stories are the ones a reader is after. Below the cap it is exact.
 */
async function rankedHits(db: Q, match: string, args: RepoSearchArgs): Promise<Array<{ k: number; id: number }>> {
  const page = args.sort === 'newest'
    ? sql<{ k: number; id: number }>`${candidates(match, args)} limit ${args.limit} offset ${args.offset}`
    : sql<{ k: number; id: number }>`
        select k, id from (${candidates(match, args)} limit ${args.countCap})
        order by r, k desc limit ${args.limit} offset ${args.offset}`;
  return (await page.execute(db)).rows;
}

async function countCapped(db: Q, match: string, args: RepoSearchArgs): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from (${candidates(match, args)} limit ${args.countCap + 1})`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Snippets for one page only: snippet() over every match would cost as much as the search. */
async function marked(db: Q, match: string, keys: number[]): Promise<Map<number, RepoHit>> {
  const out = new Map<number, RepoHit>();
  if (!keys.length) return out;
  const r = await sql<{ id: number; h: string; s: string }>`
    select d.article_id as id,
      highlight(search_fts, 0, char(1), char(2)) as h,
      snippet(search_fts, 2, char(1), char(2), '…', 32) as s
    from search_fts join search_documents d on d.order_key = search_fts.rowid
    where search_fts match ${match} and search_fts.rowid in (${sql.join(keys)})`.execute(db);
  for (const x of r.rows) out.set(x.id, { id: x.id, headlineMarked: x.h ?? '', snippetMarked: x.s ?? '' });
  return out;
}

export const sqliteSearchRepo: SearchRepo = {
  async upsert(db, doc: SearchDocument) {
    const row = {
      article_id: doc.articleId, order_key: doc.orderKey, status: doc.status, published_at: doc.publishedAt, section_id: doc.sectionId,
      headline: doc.headline, dek: doc.dek, body: doc.body, people: doc.people, tags: doc.tags, names: doc.names,
    };
    // An update fires the trigger that swaps the FTS entry; a plain REPLACE would delete without it.
    await db.insertInto('search_documents').values(row).onConflict((oc) => oc.column('article_id').doUpdateSet(row)).execute();
  },

  async remove(db, articleId) {
    await db.deleteFrom('search_documents').where('article_id', '=', articleId).execute();
  },

  async search(db, args) {
    const match = ftsMatchExpression(args.query);
    const hits = await rankedHits(db, match, args);
    const total = hits.length < args.limit && (hits.length > 0 || args.offset === 0) ? args.offset + hits.length : await countCapped(db, match, args);
    const byId = await marked(db, match, hits.map((h) => h.k));
    return { hits: hits.map(({ id }) => byId.get(id) ?? { id, headlineMarked: '', snippetMarked: '' }), total };
  },
};
