import { cacheTag, recordChanges } from '../changes/index.ts';
import { storyChangeTags, storyFootprints } from '../articles/index.ts';
import { applyExactStatus } from './dateline.repo.ts';
import { applyHeldStatuses, clearHeld, heldStories } from './import.repo.ts';
import type { ImportDeps } from './import.types.ts';

/** Held stories released per round: a handful of statements each, whatever the size. */
const CHUNK = 500;

/**
 * The end of a run: every story it created takes its real status in ONE
 * transaction, so readers see the whole import appear at once or not at
 * all. Batches before this wrote drafts nobody can see; a run that dies
 * before here leaves only those, and the next run (same file) updates
 * them and flips them. A published date still in the future schedules,
 * with its publishing job.
 *
 * `exact` (a Dateline export, dateline.ts): the held status and time are
 * what the exporting site had, taken as they are, and the row keeps its
 * own first publication time.
 */
export async function releaseImport(deps: ImportDeps, source: string, opts: { exact?: boolean } = {}): Promise<number> {
  const nowIso = deps.clock.now().toISOString();
  const released = await deps.db.kysely.transaction().execute(async (trx) => {
    let n = 0;
    for (;;) {
      const held = await heldStories(trx, source, CHUNK);
      if (!held.length) return n;
      const ids = held.map((h) => h.entity_id);
      const statuses = opts.exact ? new Map<number, string>() : await applyHeldStatuses(trx, source, ids, nowIso);
      if (opts.exact) {
        for (const h of held) {
          await applyExactStatus(trx, h.entity_id, h.held_status!, h.held_published_at);
          statuses.set(h.entity_id, h.held_status!);
        }
        await clearHeld(trx, source, ids);
      }
      for (const h of held) {
        if (statuses.get(h.entity_id) === 'scheduled' && h.held_published_at) await deps.schedule?.(trx, h.entity_id, h.held_published_at);
      }
      await deps.indexer?.indexMany(trx, ids);
      const footprints = await storyFootprints(trx, ids, nowIso);
      await recordChanges(
        trx,
        ids.map((id) => ({
          at: nowIso,
          change: {
            kind: 'article',
            id,
            action: statuses.get(id) === 'published' ? 'published' : 'updated',
            tags: [...storyChangeTags(id, null, footprints.get(id) ?? null), cacheTag.comments(id)],
          },
        })),
      );
      n += held.length;
    }
  });
  await deps.changes.committed();
  return released;
}
