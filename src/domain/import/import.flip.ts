import { cacheTag, recordChange } from '../changes/index.ts';
import { storyChangeTags, storyFootprint } from '../articles/index.ts';
import { applyExactStatus } from './dateline.repo.ts';
import { applyStatus, heldStories, releaseHeld } from './import.repo.ts';
import type { ImportDeps } from './import.types.ts';

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
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const released = await deps.db.kysely.transaction().execute(async (trx) => {
    let n = 0;
    for (;;) {
      const held = await heldStories(trx, source, 500);
      if (!held.length) return n;
      for (const h of held) {
        let status = h.held_status!;
        const at = h.held_published_at;
        if (opts.exact) await applyExactStatus(trx, h.entity_id, status, at);
        else {
          if ((status === 'published' || status === 'scheduled') && at) status = at > nowIso ? 'scheduled' : 'published';
          else if (status === 'published' || status === 'scheduled') status = 'draft';
          const live = status === 'published' || status === 'scheduled';
          await applyStatus(trx, h.entity_id, status, live ? at : null, status === 'published' ? at : null);
        }
        if (status === 'scheduled' && at) await deps.schedule?.(trx, h.entity_id, at);
        await releaseHeld(trx, source, h.source_id);
        await deps.indexer?.index(trx, h.entity_id);
        const tags = storyChangeTags(h.entity_id, null, await storyFootprint(trx, h.entity_id, nowIso));
        await recordChange(trx, nowIso, { kind: 'article', id: h.entity_id, action: status === 'published' ? 'published' : 'updated', tags: [...tags, cacheTag.comments(h.entity_id)] });
        n++;
      }
    }
  });
  await deps.changes.committed();
  return released;
}
