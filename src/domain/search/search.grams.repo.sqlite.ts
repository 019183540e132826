import { sql } from 'kysely';
import { SQLITE_TOKENIZE } from '../../storage/migrations/0010-search-common-grams.ts';
import { PRIVATE_TOKEN } from '../../storage/migrations/0008-search-speed.ts';
import { GRAM_PREFIX, wordHashesJson, type TokenAt } from './search.grams.ts';
import { writeGramWords } from './search.grams.repo.ts';
import type { GramEngine, Q } from './search.types.ts';

/**
 * Common-grams on SQLite: FTS5's own tokens of a text, the list of common
 * words (`search_gram_lists`) and the backfill of a new list. Pairs are made
 * from what FTS5 itself emits: the text goes into a scratch FTS5 table of
 * this connection with the tokenizer of `search_fts` (SQLITE_TOKENIZE), and
 * its `fts5vocab` 'instance' table gives every token with its column and
 * position. So a story's pairs and a query's pairs come from one tokenizer,
 * whatever Unicode version JS or SQLite knows.
 */

/**
 * One column: a story's five text columns go in joined by ` U+001F `. A
 * space ends a token whatever comes before it (unicode61 reads separators
 * one character at a time), so the text's tokens are each column's in turn,
 * and the lone U+001F between two columns is a token of its own, private and
 * never common, so no pair spans two columns.
 */
const SCRATCH = [
  `create virtual table if not exists temp.search_scratch using fts5(t, content='', tokenize='${SQLITE_TOKENIZE.replaceAll("'", "''")}')`,
  `create virtual table if not exists temp.search_scratch_at using fts5vocab(temp, search_scratch, instance)`,
  `create virtual table if not exists temp.search_scratch_rows using fts5vocab(temp, search_scratch, row)`,
];
const COLUMN_BREAK = ` ${PRIVATE_TOKEN} `;
const SCRATCH_TEXT = sql.raw(`headline || '${COLUMN_BREAK}' || dek || '${COLUMN_BREAK}' || body || '${COLUMN_BREAK}' || people || '${COLUMN_BREAK}' || tags`);

/**
 * `fn` with the connection to itself: the scratch tables belong to the
 * connection, and no other query may write to them in between. A
 * transaction already has its connection.
 */
async function onOneConnection<T>(db: Q, fn: (c: Q) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.connection().execute((c) => fn(c));
}

/** Empties the scratch table, creating it on the connection's first use. */
async function resetScratch(c: Q): Promise<void> {
  try {
    await sql`insert into temp.search_scratch(search_scratch) values ('delete-all')`.execute(c);
  } catch (e) {
    if (!/no such table/.test(String((e as Error)?.message))) throw e;
    for (const s of SCRATCH) await sql.raw(s).execute(c);
  }
}

/** Texts into the scratch table, the i-th as document i + 1. */
async function fillScratch(c: Q, texts: readonly string[]): Promise<void> {
  await resetScratch(c);
  await sql`insert into temp.search_scratch(rowid, t) select key + 1, value from json_each(${JSON.stringify(texts)})`.execute(c);
}

// A text's tokens depend only on the tokenizer, fixed for the process: recent phrases are remembered.
const tokensMemo = new Map<string, TokenAt[]>();

/** FTS5's tokens of each text (as a phrase query tokenizes it), with their positions. */
export async function ftsTokens(db: Q, texts: readonly string[]): Promise<TokenAt[][]> {
  const missing = [...new Set(texts.filter((t) => !tokensMemo.has(t)))];
  if (missing.length) {
    const found = await onOneConnection(db, async (c) => {
      await fillScratch(c, missing);
      return (await sql<{ doc: number; term: string; offset: number }>`select doc, term, "offset" from temp.search_scratch_at`.execute(c)).rows;
    });
    const out: TokenAt[][] = missing.map(() => []);
    for (const x of found) out[x.doc - 1].push({ term: x.term, offset: x.offset });
    if (tokensMemo.size + missing.length > 1000) tokensMemo.clear();
    missing.forEach((t, i) => tokensMemo.set(t, out[i]));
  }
  return texts.map((t) => tokensMemo.get(t)!);
}

/** The text columns of a story, as `search_documents` holds them. */
export interface GramSource {
  headline: string;
  dek: string;
  body: string;
  people: string;
  tags: string;
}

const scratchText = (d: GramSource): string => [d.headline, d.dek, d.body, d.people, d.tags].join(COLUMN_BREAK);

/** Document and position in one number (a batch has far fewer than 2^21 documents). */
const POSITION = 2 ** 32;

/**
 * Each story's pair tokens (space separated, '' for none) for the common
 * `words`: every two adjacent positions whose terms are both common, each
 * pair once. SQL lists each common word's positions (an indexed lookup of
 * the scratch table's instances by term); the pairs are found here.
 */
export async function documentGrams(db: Q, docs: readonly GramSource[], words: ReadonlySet<string>): Promise<string[]> {
  if (!docs.length || !words.size) return docs.map(() => '');
  const at = await onOneConnection(db, async (c) => {
    await fillScratch(c, docs.map(scratchText));
    return (await sql<{ h: string; at: string | null }>`select w.value as h,
      (select group_concat(i.doc * ${sql.raw(String(POSITION))} + i."offset") from temp.search_scratch_at i where i.term = w.key) as at
      from json_each(${wordHashesJson(words)}) w`.execute(c)).rows;
  });
  // Per story, the hash of the common word at each position (positions of other words stay holes).
  const hashAt: string[][] = docs.map(() => []);
  for (const r of at) {
    if (!r.at) continue;
    for (const x of r.at.split(',')) {
      const p = Number(x);
      const doc = Math.floor(p / POSITION);
      hashAt[doc - 1][p - doc * POSITION] = r.h;
    }
  }
  return hashAt.map((hs) => {
    const grams = new Set<string>();
    hs.forEach((h, i) => {
      const next = hs[i + 1];
      if (next !== undefined) grams.add(GRAM_PREFIX + h + next);
    });
    return [...grams].join(' ');
  });
}

/** How many of the `sample` most recent stories each term is in: FTS5's row counts over them. */
export async function sampleWordCounts(db: Q, sample: number): Promise<{ stories: number; counts: Array<{ term: string; docs: number }> }> {
  return onOneConnection(db, async (c) => {
    await resetScratch(c);
    await sql`insert into temp.search_scratch(rowid, t) select order_key, ${SCRATCH_TEXT} from search_documents order by order_key desc limit ${sample}`.execute(c);
    const n = await sql<{ n: number }>`select count(*) as n from (select 1 from search_documents order by order_key desc limit ${sample})`.execute(c);
    const r = await sql<{ term: string; docs: number }>`select term, doc as docs from temp.search_scratch_rows`.execute(c);
    await resetScratch(c);
    return { stories: Number(n.rows[0]?.n ?? 0), counts: r.rows };
  });
}

/**
 * Gives up to `batch` stories after order key `after` that lack them the
 * pairs of the building list (and of the active one). Run in one
 * transaction by the caller, which holds SQLite's write lock: no story or
 * list changes meanwhile. Returns how many stories it rewrote and the last
 * order key it looked at (null when it reached the end).
 */
export async function backfillGramRows(trx: Q, after: number, batch: number): Promise<{ rewritten: number; last: number | null }> {
  const { words, version } = await writeGramWords(trx);
  if (!version) return { rewritten: 0, last: null };
  const rows = await trx.selectFrom('search_documents').select(['order_key', 'headline', 'dek', 'body', 'people', 'tags'])
    .where('order_key', '>', after).where('grams_list', '<', version).orderBy('order_key').limit(batch).execute();
  const grams = await documentGrams(trx, rows, words);
  const updates = JSON.stringify(rows.map((r, i) => [r.order_key, grams[i]]));
  await sql`update search_documents set grams = u.value ->> 1, grams_list = ${version}
    from json_each(${updates}) u where search_documents.order_key = u.value ->> 0`.execute(trx);
  return { rewritten: rows.length, last: rows.length < batch ? null : rows[rows.length - 1].order_key };
}


export const sqliteGramEngine: GramEngine = {
  sampleWordCounts,
  backfillGramRows,
  // SQLite has one writer at a time: no story is written while the activation's transaction writes.
  async lockForActivation() {},
};
