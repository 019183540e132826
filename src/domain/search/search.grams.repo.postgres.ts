import { sql, type RawBuilder } from 'kysely';
import { PG_SEARCH_CONFIG } from '../../storage/migrations/0002-search.ts';
import { PG_PAIRS_FUNCTION } from '../../storage/migrations/0019-search-postgres.ts';
import { PRIVATE_TOKEN } from '../../storage/migrations/0008-search-speed.ts';
import { GRAM_PREFIX } from './search.grams.ts';
import { gramListWords, writeGramWords, type GramList } from './search.grams.repo.ts';
import type { GramEngine, Q } from './search.types.ts';

/**
 * Common-grams on PostgreSQL (docs/search.md): the pairs come from the
 * tsvector's own lexemes and positions (`dateline_search_pairs`,
 * 0019-search-postgres), a story's in `grams` and as position-less lexemes
 * in `search_index.document`. A pair lexeme names its two words (SQLite's
 * tokens are hashes), so it is present exactly when the phrase is: a phrase
 * of two common words is one GIN entry, and no tsvector is read back.
 */

/** The pair lexeme of `a b` (a directly before b), as dateline_search_pairs writes it. */
export const pairLexeme = (a: string, b: string): string => GRAM_PREFIX + a + PRIVATE_TOKEN + b;

const PAIRS = sql.raw(PG_PAIRS_FUNCTION);
const CFG = sql.raw(`'${PG_SEARCH_CONFIG}'::regconfig`);

/** The pair tokens of tsvector `v` for `words`, as a text[] (SQL). */
export const pairsOf = (v: RawBuilder<unknown>, words: ReadonlySet<string>): RawBuilder<string[]> =>
  sql<string[]>`${PAIRS}(${v}, ${[...words]}::text[])`;

/**
 * Story writes wait while a list becomes active, and an activation waits
 * for the writes under way: a writer takes this before it reads the lists,
 * so no story is written with lists older than the ones queries use.
 */
export async function lockForStoryWrite(trx: Q): Promise<void> {
  await sql`lock table search_documents, search_index in row exclusive mode`.execute(trx);
}

// A phrase's pairs depend only on the list and the text: recent ones are remembered.
const pairsMemo = new Map<string, string[]>();

/** The pair tokens each phrase text requires under `list`, from the same parser as the stories' tsvectors. */
export async function phrasePairs(db: Q, list: GramList, texts: readonly string[]): Promise<string[][]> {
  const memoKey = (t: string) => `${list.listId}\u0000${t}`;
  const missing = [...new Set(texts.filter((t) => !pairsMemo.has(memoKey(t))))];
  if (missing.length) {
    const words = await gramListWords(db, list);
    const r = await sql<{ i: number; p: string[] }>`select t.i::int as i, ${pairsOf(sql`to_tsvector(${CFG}, t.text)`, words)} as p
      from unnest(${missing}::text[]) with ordinality as t(text, i)`.execute(db);
    if (pairsMemo.size + missing.length > 1000) pairsMemo.clear();
    for (const x of r.rows) pairsMemo.set(memoKey(missing[x.i - 1]), x.p);
  }
  return texts.map((t) => pairsMemo.get(memoKey(t)) ?? []);
}

export const postgresGramEngine: GramEngine = {
  /** ts_stat's document counts over the sample's tsvectors (private lexemes are left out by chooseCommonWords). */
  async sampleWordCounts(db, sample) {
    const inner = `select document from search_index order by order_key desc limit ${Math.floor(sample)}`;
    const r = await sql<{ term: string; docs: number }>`select word as term, ndoc as docs from ts_stat(${inner})`.execute(db);
    const n = await sql<{ n: number }>`select count(*)::int as n from (select 1 from search_index order by order_key desc limit ${Math.floor(sample)}) s`.execute(db);
    return { stories: n.rows[0]?.n ?? 0, counts: r.rows.map((x) => ({ term: x.term, docs: Number(x.docs) })) };
  },

  /**
   * Up to `batch` stories after `after` that lack the live lists' pairs get
   * them: the old pair lexemes leave the tsvector and the new ones join it,
   * in one statement. The rows are locked, so a story written meanwhile
   * waits, or is rewritten from its new tsvector.
   */
  async backfillGramRows(trx, after, batch) {
    const { words, version } = await writeGramWords(trx);
    if (!version) return { rewritten: 0, last: null };
    const r = await sql<{ n: number; last: string | null }>`with b as (
        select d.order_key, ts_delete(i.document, string_to_array(d.grams, ' ')) as v from search_documents d join search_index i on i.order_key = d.order_key
        where d.order_key > ${after} and d.grams_list < ${version} order by d.order_key limit ${batch} for update
      ), p as (select order_key, v, ${pairsOf(sql`v`, words)} as p from b),
      i as (update search_index s set document = p.v || array_to_tsvector(p.p) from p where s.order_key = p.order_key),
      u as (update search_documents s set grams = array_to_string(p.p, ' '), grams_list = ${version} from p where s.order_key = p.order_key returning s.order_key)
      select count(*)::int as n, max(order_key)::text as last from u`.execute(trx);
    const n = r.rows[0]?.n ?? 0;
    return { rewritten: n, last: n < batch || !r.rows[0]?.last ? null : Number(r.rows[0].last) };
  },

  /** Waits for the story writes under way and holds new ones off until the activation commits (lockForStoryWrite). */
  async lockForActivation(trx) {
    await sql`lock table search_documents, search_index in share mode`.execute(trx);
  },
};
