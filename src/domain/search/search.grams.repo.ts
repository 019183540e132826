import { sql } from 'kysely';
import { matchUnits } from './search.query.ts';
import type { ParsedQuery, Q } from './search.types.ts';

/**
 * The versions of the list of common words (`search_gram_lists`,
 * 0010-search-common-grams), the same SQL on both engines. How a story's
 * pairs are made and a list chosen is the engine's own
 * (search.grams.repo.sqlite.ts, search.grams.repo.postgres.ts).
 */

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

/**
 * `run` with the pair tokens of the query's phrases under the active list
 * of common words (search.grams.ts), or with none when there is no list or
 * no phrase of common words; `pairs` gives each phrase text's tokens the
 * engine's way. Every story carries the active list's pairs (a list becomes
 * active only then, and every write adds them), so the tokens never drop a
 * match. The list could change between reading it and matching: if the
 * active version is not the same after the match, the match runs again
 * (versions only grow, so the same number means no change).
 */
export async function withPhraseGrams(
  db: Q, q: ParsedQuery, pairs: (db: Q, list: GramList, texts: string[]) => Promise<string[][]>, run: (grams?: string[][]) => Promise<number[]>,
): Promise<number[]> {
  const units = matchUnits(q);
  const phrases = units.flatMap((u, i) => (u.parts.length > 1 ? [i] : []));
  if (!phrases.length) return run();
  for (let attempt = 0; attempt < 3; attempt++) {
    const { active } = await liveGramLists(db);
    if (!active) return run();
    const found = await pairs(db, active, phrases.map((i) => units[i].parts.join(' ')));
    const grams: string[][] = units.map(() => []);
    phrases.forEach((u, j) => (grams[u] = found[j]));
    if (!grams.some((g) => g.length)) return run();
    const keys = await run(grams);
    if ((await activeGramVersion(db)) === active.version) return keys;
  }
  return run();
}
