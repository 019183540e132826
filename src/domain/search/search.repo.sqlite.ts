import { sql } from 'kysely';
import { privateNames } from '../../storage/migrations/0008-search-speed.ts';
import { orderKeyAt } from './search.document.ts';
import { facetExpression, ftsMatchExpression, unitExpression } from './search.fts-match.ts';
import { phraseGrams } from './search.grams.ts';
import { documentGrams, ftsTokens } from './search.grams.repo.sqlite.ts';
import { gramListWords, withPhraseGrams, writeGramWords, type GramList } from './search.grams.repo.ts';
import type { MatchUnit } from './search.query.ts';
import { IDF_SAMPLE, inverseDocumentFrequency } from './search.ranking.ts';
import { filterFacets, keyRange } from './search.repo.ts';
import type { LeadRow, PageRow, Q, SearchDocument, SearchRepo } from './search.types.ts';

/**
 * SQLite FTS5 (embedded; docs/architecture.md). `search_fts` is an external-content
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

/** Order keys of the matches in [lo, hi), newest first, at most `limit`. */
async function newestKeys(db: Q, match: string, lo: number, hi: number, limit: number): Promise<number[]> {
  const r = await sql<{ k: number }>`select rowid as k from search_fts
    where search_fts match ${match} and rowid >= ${int(lo)} and rowid < ${int(hi)}
    order by rowid desc limit ${limit}`.execute(db);
  return r.rows.map((x) => x.k);
}

/** The short columns of the window, from the covering index search_documents_lead (never the body). */
async function leadRows(db: Q, keys: number[]): Promise<Map<number, LeadRow>> {
  if (!keys.length) return new Map();
  // One string a row: each string handed to JS costs about a microsecond, whatever its length.
  const r = await sql<LeadRow>`select order_key as key, headline || char(30) || dek || char(30) || people || char(30) || tags || char(30) || names as lead
    from search_documents indexed by search_documents_lead where order_key in (${sql.join(keys.map(int))})`.execute(db);
  return new Map(r.rows.map((x) => [x.key, x]));
}

/**
 * Each unit's inverse document frequency over the IDF_SAMPLE most recent
 * stories. Each count stops at the sample size, so a very common word costs
 * a bounded walk, never its whole doclist.
 */
async function unitIdf(db: Q, units: MatchUnit[], nowIso: string): Promise<number[]> {
  const hi = orderKeyAt(nowIso, true);
  // The order key IDF_SAMPLE stories back (an index walk of the sample); a smaller archive is all sample.
  const edge = await sql<{ k: number }>`select order_key as k from search_documents where order_key < ${int(hi)}
    order by order_key desc limit 1 offset ${IDF_SAMPLE - 1}`.execute(db);
  const lo = int(edge.rows[0]?.k ?? 0);
  const stories = edge.rows.length ? IDF_SAMPLE : Number((await sql<{ n: number }>`select count(*) as n from search_documents`.execute(db)).rows[0]?.n ?? 0);
  const counts = units.map((u, i) => sql`select ${i} as i, count(*) as n from (select 1 from search_fts
    where search_fts match ${unitExpression(u)} and rowid >= ${lo} and rowid < ${int(hi)} limit ${IDF_SAMPLE})`);
  const r = await sql<{ i: number; n: number }>`${sql.join(counts, sql` union all `)}`.execute(db);
  const idf = units.map(() => inverseDocumentFrequency(0, stories));
  for (const x of r.rows) idf[x.i] = inverseDocumentFrequency(Number(x.n), stories);
  return idf;
}

/** The pair tokens of each phrase text under `list`: FTS5's own tokens of the text, paired as a story's are. */
async function ftsPhraseGrams(db: Q, list: GramList, texts: readonly string[]): Promise<string[][]> {
  const [words, tokens] = await Promise.all([gramListWords(db, list), ftsTokens(db, texts)]);
  return tokens.map((t) => phraseGrams(t, words));
}

/** Rows per insert: 14 values each, well under SQLite's 32,766 bound values. */
const ROWS_PER_INSERT = 500;

/** Stories' rows; their pairs of common words are made here, in the same transaction as the write. */
async function upsertRows(trx: Q, docs: readonly SearchDocument[]): Promise<void> {
  const { words, version } = await writeGramWords(trx);
  const grams = await documentGrams(trx, docs, words);
  const rows = docs.map((doc, i) => ({
    article_id: doc.articleId, order_key: doc.orderKey, status: doc.status, published_at: doc.publishedAt, section_id: doc.sectionId,
    headline: doc.headline, dek: doc.dek, body: doc.body, people: doc.people, tags: doc.tags, names: privateNames(doc.names), facets: doc.facets,
    grams: grams[i], grams_list: version,
  }));
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    // An update fires the trigger that swaps the FTS entry; a plain REPLACE would delete without it.
    await trx
      .insertInto('search_documents')
      .values(rows.slice(i, i + ROWS_PER_INSERT))
      .onConflict((oc) =>
        oc.column('article_id').doUpdateSet((eb) => ({
          order_key: eb.ref('excluded.order_key'), status: eb.ref('excluded.status'), published_at: eb.ref('excluded.published_at'),
          section_id: eb.ref('excluded.section_id'), headline: eb.ref('excluded.headline'), dek: eb.ref('excluded.dek'), body: eb.ref('excluded.body'),
          people: eb.ref('excluded.people'), tags: eb.ref('excluded.tags'), names: eb.ref('excluded.names'), facets: eb.ref('excluded.facets'),
          grams: eb.ref('excluded.grams'), grams_list: eb.ref('excluded.grams_list'),
        })),
      )
      .execute();
  }
}

export const sqliteSearchRepo: SearchRepo = {
  async upsert(db, doc: SearchDocument) {
    await sqliteSearchRepo.upsertMany(db, [doc]);
  },

  async upsertMany(db, docs) {
    // The list read and the rows written in one transaction, so a list cannot become active in between.
    await (db.isTransaction ? upsertRows(db, docs) : db.transaction().execute((trx) => upsertRows(trx, docs)));
  },

  async remove(db, articleId) {
    await sqliteSearchRepo.removeMany(db, [articleId]);
  },

  async removeMany(db, articleIds) {
    for (let i = 0; i < articleIds.length; i += ROWS_PER_INSERT) {
      await db.deleteFrom('search_documents').where('article_id', 'in', articleIds.slice(i, i + ROWS_PER_INSERT)).execute();
    }
  },

  async matchKeys(db, args) {
    const f = await filterFacets(db, args.filters);
    if (f === null) return [];
    const facets = facetExpression(f.sections, f.author);
    const { lo, hi } = keyRange(args.filters, args.nowIso);
    return withPhraseGrams(db, args.query, ftsPhraseGrams, (grams) => {
      const text = ftsMatchExpression(args.query, grams);
      return newestKeys(db, facets ? `(${text}) AND ${facets}` : text, lo, hi, args.limit);
    });
  },

  leadRows,

  async pageRows(db, keys) {
    if (!keys.length) return new Map<number, PageRow>();
    const r = await sql<PageRow>`select order_key as key, article_id as id, headline, body, names
      from search_documents where order_key in (${sql.join(keys.map(int))})`.execute(db);
    return new Map(r.rows.map((x) => [x.key, x]));
  },

  unitIdf,
};
