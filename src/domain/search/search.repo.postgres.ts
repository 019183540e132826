import { sql, type RawBuilder } from 'kysely';
import { PG_SEARCH_CONFIG } from '../../storage/migrations/0002-search.ts';
import { PRIVATE_TOKEN } from '../../storage/migrations/0008-search-speed.ts';
import { lockForStoryWrite, pairLexeme, pairsOf, phrasePairs } from './search.grams.repo.postgres.ts';
import { indexStats, keyForNewest, matchDensity, unitFrequency, type IndexStats } from './search.stats.repo.postgres.ts';
import { withPhraseGrams, writeGramWords } from './search.grams.repo.ts';
import { foldText, matchUnits, type MatchUnit } from './search.query.ts';
import { inverseDocumentFrequency } from './search.ranking.ts';
import { filterFacets, keyRange } from './search.repo.ts';
import type { LeadRow, PageRow, ParsedQuery, Q, SearchDocument, SearchRepo } from './search.types.ts';

/**
 * PostgreSQL full text (scale-out; docs/architecture.md): one tsvector per story in
 * the narrow table `search_index` (0019-search-postgres) with a GIN index. Words of headline (weight A),
 * standfirst, bylines, tags (B) and body (D) are folded in JS and parsed by
 * the `dateline_search` configuration; name keys (C) and facets are private
 * lexemes written as they are (0008-search-speed: they start with U+001F,
 * which no parsed word contains). So a query has no weight restrictions and
 * the GIN index answers words, names, filters and phrases of two common
 * words (their pair lexeme) exactly, without reading a single tsvector
 * back; other phrases are checked in the tsvectors of the stories holding
 * their words and pairs.
 */

const CFG = sql.raw(`'${PG_SEARCH_CONFIG}'::regconfig`);

/** Text as the tsvector sees it: folded, and never markup (the default parser drops `<script>` as an HTML tag). */
export const foldForIndex = (s: string): string => foldText(s).replace(/[<>&]/g, ' ');

/** A quoted lexeme for tsvector or tsquery input: nothing inside it is an operator. */
const quoted = (w: string): string => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** Name keys as private lexemes with positions (a key of two words is a phrase): `'\u001fkani':1 '\u001fjn':2 …`. */
export function namesVectorText(names: string): string {
  const words = names.split(/\s+/).filter((w) => w && w !== ';');
  return words.map((w, i) => `${quoted(PRIVATE_TOKEN + w)}:${i + 1}`).join(' ');
}

/** Facet tokens (already private) as lexemes. */
export const facetsVectorText = (facets: string): string => facets.split(' ').filter(Boolean).map(quoted).join(' ');

type Part = string | RawBuilder<unknown>;

/**
 * A private lexeme between two columns: `||` numbers the right-hand words on
 * from the left's last, so without it the headline's last word and the
 * standfirst's first would make a phrase (FTS5 never matches across columns).
 */
const GAP = sql.raw(`'${PRIVATE_TOKEN}:1'::tsvector`);

/**
 * The tsvector of a story from its folded text, and the names and facets
 * vector texts above. The bench's bulk load builds it from this same SQL.
 */
export function documentVector(p: { headline: Part; dek: Part; people: Part; tags: Part; names: Part; body: Part; facets: Part }): RawBuilder<unknown> {
  return sql`setweight(to_tsvector(${CFG}, ${p.headline}), 'A') || ${GAP} || setweight(to_tsvector(${CFG}, ${p.dek}), 'B')
    || ${GAP} || setweight(to_tsvector(${CFG}, ${p.people}), 'B') || ${GAP} || setweight(to_tsvector(${CFG}, ${p.tags}), 'B')
    || ${GAP} || setweight((${p.names})::tsvector, 'C') || ${GAP} || setweight(to_tsvector(${CFG}, ${p.body}), 'D') || (${p.facets})::tsvector`;
}

/** The matches a search needs are expected in this many times the stories the statistics say hold them. */
const MARGIN = 1.5;
/** Each further slice covers this many times the stories of all before it. */
const GROWTH = 4;
/** Measured at a million stories (docs/search.md): one GIN match's heap visit, and one order key in a range bitmap, in µs. */
const HEAP_VISIT_US = 3;
const RANGE_KEY_US = 0.1;

/**
 * Stories the first slice should cover: enough for MARGIN times the
 * matches needed, or all of them (Infinity) when visiting every match of
 * the whole range is expected to cost less than the slice's range bitmap.
 * Words under 0.2% of stories are not in the statistics (0019 keeps 10,000
 * lexemes) and count as 0.1%, so such a word is read whole: at most some
 * 2,000 heap visits.
 */
function firstSlice(limit: number, density: number, stories: number): number {
  const slice = (MARGIN * limit) / density;
  const whole = density * stories * HEAP_VISIT_US;
  return whole <= slice * RANGE_KEY_US + MARGIN * limit * HEAP_VISIT_US ? Infinity : slice;
}

const phraseText = (words: readonly string[]): string => words.map(quoted).join(' <-> ');

/**
 * One word (its text, or its key among the names) or one phrase. `pairs`
 * are the pair tokens of its text (common-grams): ANDed with the phrase
 * they let GIN skip to the stories that can hold it; the phrase decides.
 */
function unitQuery(u: MatchUnit, pairs: readonly string[] = []): RawBuilder<unknown> {
  // A phrase of two common words is its pair lexeme, exactly (0019-search-postgres): no tsvector is read back.
  if (u.parts.length === 2 && pairs.length === 1 && pairs[0] === pairLexeme(u.parts[0], u.parts[1])) {
    const pair = sql`${quoted(pairs[0])}::tsquery`;
    return u.key ? sql`(${pair} || ${phraseText(u.key.split(' ').map((w) => PRIVATE_TOKEN + w))}::tsquery)` : pair;
  }
  let text = sql`to_tsquery(${CFG}, ${phraseText(u.parts)})`;
  if (pairs.length) text = sql`(${pairs.map(quoted).join(' & ')}::tsquery && ${text})`;
  return u.key ? sql`(${text} || ${phraseText(u.key.split(' ').map((w) => PRIVATE_TOKEN + w))}::tsquery)` : text;
}

/**
 * The tsquery of a query and its facets, from sanitised parts only, every
 * lexeme quoted; `pairs[i]` are the pair tokens of the i-th unit of matchUnits(q).
 */
export function tsquery(q: ParsedQuery, sections: string[] | null, author: string | null, pairs: ReadonlyArray<readonly string[]> = []): RawBuilder<unknown> {
  const parts = matchUnits(q).map((u, i) => unitQuery(u, pairs[i]));
  if (sections) parts.push(sql`${sections.map(quoted).join(' | ')}::tsquery`);
  if (author) parts.push(sql`${quoted(author)}::tsquery`);
  return sql.join(parts, sql` && `);
}

/**
 * Stories' two rows each in one statement, whatever their number: the text
 * in `search_documents`, the tsvector in `search_index`, carrying the pairs
 * of every live list of common words (pairsOf), made from the tsvector
 * itself. The values travel as one array per column (unnest), so the
 * import's flip writes 500 entries in one round trip, not 500.
 */
async function upsertRows(trx: Q, docs: readonly SearchDocument[]): Promise<void> {
  await lockForStoryWrite(trx);
  const { words, version } = await writeGramWords(trx);
  const f = foldForIndex;
  const column = <T>(pick: (d: SearchDocument) => T): T[] => docs.map(pick);
  const vector = documentVector({
    headline: sql`t.fold_headline`, dek: sql`t.fold_dek`, people: sql`t.fold_people`, tags: sql`t.fold_tags`, body: sql`t.fold_body`,
    names: sql`t.names_vector`, facets: sql`t.facets_vector`,
  });
  await sql`with t as (
      select * from unnest(${column((d) => d.articleId)}::int[], ${column((d) => d.orderKey)}::bigint[], ${column((d) => d.status)}::text[],
        ${column((d) => d.publishedAt)}::text[], ${column((d) => d.sectionId)}::int[], ${column((d) => d.headline)}::text[], ${column((d) => d.dek)}::text[],
        ${column((d) => d.body)}::text[], ${column((d) => d.people)}::text[], ${column((d) => d.tags)}::text[], ${column((d) => d.names)}::text[],
        ${column((d) => d.facets)}::text[], ${column((d) => f(d.headline))}::text[], ${column((d) => f(d.dek))}::text[], ${column((d) => f(d.people))}::text[],
        ${column((d) => f(d.tags))}::text[], ${column((d) => f(d.body))}::text[], ${column((d) => namesVectorText(d.names))}::text[],
        ${column((d) => facetsVectorText(d.facets))}::text[])
      as t(article_id, order_key, status, published_at, section_id, headline, dek, body, people, tags, names, facets,
        fold_headline, fold_dek, fold_people, fold_tags, fold_body, names_vector, facets_vector)),
    v as (select t.*, ${vector} as d from t), p as (select v.*, ${pairsOf(sql`v.d`, words)} as p from v),
    row as (insert into search_documents (article_id, order_key, status, published_at, section_id, headline, dek, body, people, tags, names, facets, grams, grams_list)
      select article_id, order_key, status, published_at, section_id, headline, dek, body, people, tags, names, facets, array_to_string(p.p, ' '), ${version} from p
      on conflict (article_id) do update set
        order_key = excluded.order_key, status = excluded.status, published_at = excluded.published_at, section_id = excluded.section_id,
        headline = excluded.headline, dek = excluded.dek, body = excluded.body, people = excluded.people, tags = excluded.tags,
        names = excluded.names, facets = excluded.facets, grams = excluded.grams, grams_list = excluded.grams_list)
    insert into search_index (article_id, order_key, document) select article_id, order_key, p.d || array_to_tsvector(p.p) from p
    on conflict (article_id) do update set order_key = excluded.order_key, document = excluded.document`.execute(trx);
}

/**
 * `fn` in a transaction (the caller's, if it is one) whose statements use
 * bitmap scans only, which fetch heap pages in physical order and, with
 * effective_io_concurrency, ask the kernel for the next ones ahead. A
 * search's rows are scattered over the archive: reading the 100 rows of a
 * relevance window of a rare word by index scan, one page after another,
 * took 25–40 ms from disk, by bitmap scan with prefetching 3–9 ms.
 * One statement sets both, for the transaction only.
 */
async function bitmapScans<T>(db: Q, fn: (trx: Q) => Promise<T>): Promise<T> {
  const run = async (trx: Q) => {
    await sql`select set_config('enable_indexscan', 'off', true), set_config('effective_io_concurrency', ${String(IO_CONCURRENCY)}, true)`.execute(trx);
    return fn(trx);
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** Pages a bitmap heap scan asks for ahead (PostgreSQL's default, 1, reads one at a time). */
const IO_CONCURRENCY = 32;

/**
 * Up to `limit` order keys of matches in [lo, hi), newest first, reading
 * slices of the range newest first: the first sized by firstSlice, each
 * next one GROWTH times the stories read so far, the last the rest of the range. Each slice
 * is one statement: GIN's matches of the query, ANDed with the order key
 * range, and only those rows' order keys read, from the narrow heap. The
 * planner would rather walk the order key index testing every story's
 * tsvector, which costs a detoast per story, so index scans are off (bitmapScans).
 */
async function newestMatches(trx: Q, q: RawBuilder<unknown>, lo: number, hi: number, limit: number, density: number, st: IndexStats | null): Promise<number[]> {
  const keys: number[] = [];
  let top = hi;
  let stories = st ? firstSlice(limit, density, st.stories) : Infinity;
  for (;;) {
    const from = stories === Infinity ? lo : Math.max(lo, keyForNewest(st, hi, stories) ?? lo);
    if (from < top) {
      const r = await sql<{ k: string }>`select order_key as k from search_index
        where document @@ (${q}) and order_key >= ${from} and order_key < ${top}
        order by order_key desc limit ${limit - keys.length}`.execute(trx);
      for (const x of r.rows) keys.push(Number(x.k));
    }
    if (keys.length >= limit || from <= lo) return keys;
    top = from;
    stories *= GROWTH;
  }
}

export const postgresSearchRepo: SearchRepo = {
  async upsert(db, doc: SearchDocument) {
    await postgresSearchRepo.upsertMany(db, [doc]);
  },

  async upsertMany(db, docs) {
    // The lock, the lists read and the rows written in one transaction (lockForStoryWrite).
    await (db.isTransaction ? upsertRows(db, docs) : db.transaction().execute((trx) => upsertRows(trx, docs)));
  },

  async remove(db, articleId) {
    await postgresSearchRepo.removeMany(db, [articleId]);
  },

  async removeMany(db, articleIds) {
    await db.deleteFrom('search_documents').where('article_id', '=', sql<number>`any(${[...articleIds]}::int[])`).execute();
  },

  /** Newest first, slice by slice (newestMatches), the phrases' pair lexemes ANDed in. */
  async matchKeys(db, args) {
    const f = await filterFacets(db, args.filters);
    if (f === null) return [];
    const { lo, hi } = keyRange(args.filters, args.nowIso);
    const st = await indexStats(db);
    return withPhraseGrams(db, args.query, phrasePairs, (pairs = []) => {
      const q = tsquery(args.query, f.sections, f.author, pairs);
      const density = st ? matchDensity(st, args.query, f, pairs) : 1;
      return bitmapScans(db, (trx) => newestMatches(trx, q, lo, hi, args.limit, density, st));
    });
  },

  async leadRows(db, keys) {
    if (!keys.length) return new Map<number, LeadRow>();
    const r = await bitmapScans(db, (trx) => sql<LeadRow>`select order_key as key, headline || chr(30) || dek || chr(30) || people || chr(30) || tags || chr(30) || names as lead
      from search_documents where order_key = any(${keys}::bigint[])`.execute(trx));
    return new Map(r.rows.map((x) => [Number(x.key), { key: Number(x.key), lead: x.lead }]));
  },

  async pageRows(db, keys) {
    if (!keys.length) return new Map<number, PageRow>();
    const r = await bitmapScans(db, (trx) => sql<PageRow>`select order_key as key, article_id as id, headline, body, names
      from search_documents where order_key = any(${keys}::bigint[])`.execute(trx));
    return new Map(r.rows.map((x) => [Number(x.key), { ...x, key: Number(x.key) }]));
  },

  /**
   * From the planner's statistics (indexStats): no tsvector is read.
   * Without statistics (a new database) every unit weighs the same.
   */
  async unitIdf(db, units) {
    const st = await indexStats(db);
    if (!st) return units.map(() => 1);
    return units.map((u) => inverseDocumentFrequency(unitFrequency(st, u) * st.stories, st.stories));
  },
};
