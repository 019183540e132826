import { sql } from 'kysely';
import { SQLITE_TOKENIZE } from '../../storage/migrations/0010-search-common-grams.ts';
import { GRAM_PREFIX, wordHashesJson, type TokenAt } from './search.grams.ts';
import type { Q } from './search.types.ts';

/**
 * Common-grams on SQLite: FTS5's own tokens of a text, the list of common
 * words (`search_gram_lists`) and the backfill of a new list. Pairs are made
 * from what FTS5 itself emits: the text goes into a scratch FTS5 table of
 * this connection with the tokenizer of `search_fts` (SQLITE_TOKENIZE), and
 * its `fts5vocab` 'instance' table gives every token with its column and
 * position. So a story's pairs and a query's pairs come from one tokenizer,
 * whatever Unicode version JS or SQLite knows.
 */

const SCRATCH = [
  `create virtual table if not exists temp.search_scratch using fts5(headline, dek, body, people, tags,
     content='', tokenize='${SQLITE_TOKENIZE.replaceAll("'", "''")}')`,
  `create virtual table if not exists temp.search_scratch_at using fts5vocab(temp, search_scratch, instance)`,
  `create virtual table if not exists temp.search_scratch_rows using fts5vocab(temp, search_scratch, row)`,
];

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

/** FTS5's tokens of each text (as a phrase query tokenizes it), with their positions. */
export async function ftsTokens(db: Q, texts: readonly string[]): Promise<TokenAt[][]> {
  if (!texts.length) return [];
  return onOneConnection(db, async (c) => {
    await resetScratch(c);
    await sql`insert into temp.search_scratch(rowid, body) select key + 1, value from json_each(${JSON.stringify(texts)})`.execute(c);
    const r = await sql<{ doc: number; term: string; offset: number }>`select doc, term, "offset" from temp.search_scratch_at`.execute(c);
    const out: TokenAt[][] = texts.map(() => []);
    for (const x of r.rows) out[x.doc - 1].push({ term: x.term, offset: x.offset });
    return out;
  });
}

/** The text columns of a story, as `search_documents` holds them. */
export interface GramSource {
  headline: string;
  dek: string;
  body: string;
  people: string;
  tags: string;
}

/**
 * Pairs of adjacent common words, computed in SQL over the scratch table's
 * instances: every two positions p, p + 1 of one column whose terms are both
 * in `words` (a JSON object, word → its hash), each pair once.
 */
const PAIRS = (words: string) => sql<{ doc: number; grams: string }>`
  with w(term, h) as materialized (select key, value from json_each(${words})),
  t as materialized (select i.doc as doc, i.col as col, i."offset" as pos, w.h as h from temp.search_scratch_at i join w on w.term = i.term)
  select a.doc as doc, replace(group_concat(distinct ${GRAM_PREFIX} || a.h || b.h), ',', ' ') as grams
  from t a join t b on b.doc = a.doc and b.col = a.col and b.pos = a.pos + 1 group by a.doc`;

/** Each story's pair tokens (space separated, '' for none) for the common `words`. */
export async function documentGrams(db: Q, docs: readonly GramSource[], words: ReadonlySet<string>): Promise<string[]> {
  if (!docs.length || !words.size) return docs.map(() => '');
  return onOneConnection(db, async (c) => {
    await resetScratch(c);
    const rows = JSON.stringify(docs.map((d) => [d.headline, d.dek, d.body, d.people, d.tags]));
    await sql`insert into temp.search_scratch(rowid, headline, dek, body, people, tags)
      select key + 1, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 from json_each(${rows})`.execute(c);
    const r = await PAIRS(wordHashesJson(words)).execute(c);
    const out = docs.map(() => '');
    for (const x of r.rows) out[x.doc - 1] = x.grams;
    return out;
  });
}

/** How many of the `sample` most recent stories each term is in: FTS5's row counts over them. */
export async function sampleWordCounts(db: Q, sample: number): Promise<{ stories: number; counts: Array<{ term: string; docs: number }> }> {
  return onOneConnection(db, async (c) => {
    await resetScratch(c);
    await sql`insert into temp.search_scratch(rowid, headline, dek, body, people, tags)
      select order_key, headline, dek, body, people, tags from search_documents order by order_key desc limit ${sample}`.execute(c);
    const n = await sql<{ n: number }>`select count(*) as n from (select 1 from search_documents order by order_key desc limit ${sample})`.execute(c);
    const r = await sql<{ term: string; docs: number }>`select term, doc as docs from temp.search_scratch_rows`.execute(c);
    await resetScratch(c);
    return { stories: Number(n.rows[0]?.n ?? 0), counts: r.rows };
  });
}

/** One version of the list of common words. */
export interface GramList {
  version: number;
  listId: string;
  state: 'building' | 'active' | 'retired';
  wordCount: number;
  sampleStories: number;
  createdAt: string;
  activatedAt: string | null;
}

/** The active list (queries use it) and the one being built, if any. */
export async function liveGramLists(db: Q): Promise<{ active?: GramList; building?: GramList }> {
  const r = await sql<{ version: number; list_id: string; state: GramList['state']; word_count: number; sample_stories: number; created_at: string; activated_at: string | null }>`
    select version, list_id, state, word_count, sample_stories, created_at, activated_at from search_gram_lists where state <> 'retired'`.execute(db);
  const out: { active?: GramList; building?: GramList } = {};
  for (const x of r.rows) {
    const l: GramList = { version: x.version, listId: x.list_id, state: x.state, wordCount: x.word_count, sampleStories: x.sample_stories, createdAt: x.created_at, activatedAt: x.activated_at };
    if (x.state === 'active') out.active = l;
    else out.building = l;
  }
  return out;
}

/** The active list's version, or 0. */
export async function activeGramVersion(db: Q): Promise<number> {
  const r = await sql<{ v: number }>`select version as v from search_gram_lists where state = 'active'`.execute(db);
  return r.rows[0]?.v ?? 0;
}

// A version never changes, so its words are read once; keyed by list_id, which is unique across databases.
const wordsCache = new Map<string, ReadonlySet<string>>();

export async function gramListWords(db: Q, list: GramList): Promise<ReadonlySet<string>> {
  let words = wordsCache.get(list.listId);
  if (!words) {
    const r = await sql<{ words: string }>`select words from search_gram_lists where list_id = ${list.listId}`.execute(db);
    words = new Set((r.rows[0]?.words ?? '').split('\n').filter(Boolean));
    if (wordsCache.size >= 16) wordsCache.clear();
    wordsCache.set(list.listId, words);
  }
  return words;
}

/** The words a story written now must pair: the active list's and the building one's. */
export async function writeGramWords(db: Q): Promise<{ words: ReadonlySet<string>; version: number }> {
  const { active, building } = await liveGramLists(db);
  const lists = [active, building].filter((l): l is GramList => !!l);
  if (!lists.length) return { words: new Set(), version: 0 };
  if (lists.length === 1) return { words: await gramListWords(db, lists[0]), version: lists[0].version };
  const words = new Set<string>();
  for (const l of lists) for (const w of await gramListWords(db, l)) words.add(w);
  return { words, version: Math.max(...lists.map((l) => l.version)) };
}

/** A new list, building. The caller checks that none is building. */
export async function insertGramList(db: Q, words: readonly string[], sampleStories: number, nowIso: string): Promise<number> {
  const r = await sql<{ v: number }>`select coalesce(max(version), 0) + 1 as v from search_gram_lists`.execute(db);
  const version = Number(r.rows[0].v);
  await db.insertInto('search_gram_lists').values({
    version, list_id: crypto.randomUUID(), state: 'building', words: words.join('\n'), word_count: words.length, sample_stories: sampleStories, created_at: nowIso, activated_at: null,
  }).execute();
  return version;
}

/** Stories whose pairs were made without the words of list `version`. */
export async function pendingGramRows(db: Q, version: number): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from search_documents where grams_list < ${version}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
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
  for (const [i, r] of rows.entries()) {
    await trx.updateTable('search_documents').set({ grams: grams[i], grams_list: version }).where('order_key', '=', r.order_key).execute();
  }
  return { rewritten: rows.length, last: rows.length < batch ? null : rows[rows.length - 1].order_key };
}

/**
 * Makes list `version` the one queries use, if every story carries its
 * pairs; in the caller's transaction, so no query sees a list active that
 * some story lacks. The list it replaces is retired.
 */
export async function activateGramList(trx: Q, version: number, nowIso: string): Promise<boolean> {
  if ((await pendingGramRows(trx, version)) > 0) return false;
  await trx.updateTable('search_gram_lists').set({ state: 'retired' }).where('state', '=', 'active').execute();
  await trx.updateTable('search_gram_lists').set({ state: 'active', activated_at: nowIso }).where('version', '=', version).execute();
  return true;
}

/** Every list retired: phrases are matched without pairs again (stories keep theirs until rewritten). */
export async function retireGramLists(db: Q): Promise<number> {
  const r = await db.updateTable('search_gram_lists').set({ state: 'retired' }).where('state', '<>', 'retired').executeTakeFirst();
  return Number(r.numUpdatedRows);
}
