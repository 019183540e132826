import type { Kysely } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import { chooseCommonWords, GRAM_LIST_DEFAULTS, type GramListOptions } from './search.grams.ts';
import { activateGramList, gramListWords, insertGramList, liveGramLists, pendingGramRows, retireGramLists, type GramList } from './search.grams.repo.ts';
import type { GramEngine } from './search.types.ts';

/**
 * The life cycle of the list of common words (both engines; docs/search.md):
 *
 * 1. No list on a new or small site: below `minStories` indexed stories a
 *    phrase of common words is fast anyway.
 * 2. `build` chooses the words from FTS5's statistics over the most recent
 *    stories and stores them as a new version, `building`. From then on
 *    every story written carries the pairs of both lists.
 * 3. The backfill gives every other story the new pairs, a few hundred per
 *    transaction, so the site keeps writing meanwhile. It can be stopped
 *    and run again: it picks up the building version where it was.
 * 4. In one transaction, once no story lacks them, the new version becomes
 *    `active` and the old one `retired`. Queries use the active list only,
 *    so none ever sees a list that some story was not indexed with.
 */

export interface GramBuildArgs {
  nowIso: string;
  options?: Partial<GramListOptions>;
  /** Build even below `minStories`, or when the words would not change. */
  force?: boolean;
  /** Stories rewritten per transaction. */
  batch?: number;
  log?: (line: string) => void;
}

export type GramBuildResult =
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'unchanged'; version: number }
  | { outcome: 'built'; version: number; words: number; rewritten: number; resumed: boolean };

export interface GramStatus {
  stories: number;
  active: (GramList & { sample: string[] }) | null;
  building: (GramList & { pending: number }) | null;
}

async function storyCount(db: Kysely<Database>): Promise<number> {
  const r = await db.selectFrom('search_documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function commonGramsStatus(db: Kysely<Database>): Promise<GramStatus> {
  const { active, building } = await liveGramLists(db);
  return {
    stories: await storyCount(db),
    active: active ? { ...active, sample: [...(await gramListWords(db, active))].slice(0, 12) } : null,
    building: building ? { ...building, pending: await pendingGramRows(db, building.version) } : null,
  };
}

/** A new building version, or null with the reason there is none. */
async function newList(db: Kysely<Database>, engine: GramEngine, a: GramBuildArgs, o: GramListOptions, active?: GramList): Promise<number | { reason: string } | { unchanged: number }> {
  const stories = await storyCount(db);
  if (stories < o.minStories && !a.force) return { reason: `${stories} stories indexed, fewer than ${o.minStories}: phrases are fast without pairs` };
  const sample = await engine.sampleWordCounts(db, o.sampleStories);
  const words = chooseCommonWords(sample.counts, sample.stories, o);
  if (!words.length) return { reason: `no word is in ${(o.minShare * 100).toFixed(1)}% of the ${sample.stories} most recent stories` };
  if (active && !a.force) {
    const current = await gramListWords(db, active);
    if (current.size === words.length && words.every((w) => current.has(w))) return { unchanged: active.version };
  }
  return db.transaction().execute(async (trx) => {
    if ((await liveGramLists(trx)).building) throw new Error('another list is being built');
    return insertGramList(trx, words, sample.stories, a.nowIso);
  });
}

/** Rewrites every story that lacks the building list's pairs; returns how many. */
async function backfill(db: Kysely<Database>, engine: GramEngine, batch: number, log: (line: string) => void): Promise<number> {
  let after = -1;
  let rewritten = 0;
  let reported = 0;
  for (;;) {
    const r = await db.transaction().execute((trx) => engine.backfillGramRows(trx, after, batch));
    rewritten += r.rewritten;
    if (rewritten - reported >= 100_000) {
      reported = rewritten;
      log(`  ${rewritten.toLocaleString('en')} stories rewritten`);
    }
    if (r.last === null) return rewritten;
    after = r.last;
  }
}

export async function buildCommonGrams(db: Kysely<Database>, engine: GramEngine, a: GramBuildArgs): Promise<GramBuildResult> {
  const o = { ...GRAM_LIST_DEFAULTS, ...a.options };
  const log = a.log ?? (() => {});
  const { active, building } = await liveGramLists(db);
  let version = building?.version;
  const resumed = version !== undefined;
  if (version === undefined) {
    const made = await newList(db, engine, a, o, active);
    if (typeof made !== 'number') return 'reason' in made ? { outcome: 'skipped', reason: made.reason } : { outcome: 'unchanged', version: made.unchanged };
    version = made;
    log(`list ${version}: building`);
  } else log(`list ${version}: resuming the backfill`);
  let rewritten = 0;
  // A writer that went around the indexer could leave a story without the pairs: the activation checks, and another pass fixes it.
  for (let pass = 0; pass < 3; pass++) {
    rewritten += await backfill(db, engine, a.batch ?? 200, log);
    const v = version;
    const activated = await db.transaction().execute(async (trx) => {
      await engine.lockForActivation(trx);
      return activateGramList(trx, v, a.nowIso);
    });
    if (activated) {
      const words = (await liveGramLists(db)).active?.wordCount ?? 0;
      return { outcome: 'built', version, words, rewritten, resumed };
    }
  }
  throw new Error(`list ${version}: stories keep appearing without its pairs; it stays building`);
}

/** No list active or building: phrases are matched without pairs. */
export async function retireCommonGrams(db: Kysely<Database>): Promise<number> {
  return retireGramLists(db);
}
