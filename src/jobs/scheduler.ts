import type { ArticlesService } from '../domain/articles/index.ts';
import type { JobKind, JobQueue } from '../domain/jobs/index.ts';
import type { Q } from '../storage/index.ts';

/** The job kind of scheduled publishing. */
export const PUBLISH_JOB = 'publish-story';

/**
 * Scheduled publishing as jobs: saving a story with a future publish time
 * writes (or moves) its one `publish-story` job in the same transaction,
 * due at that time. Nothing is held in memory, so a restart, a second
 * instance or the CLI changes nothing.
 */
export function schedulePublishing(jobs: JobQueue): (trx: Q, articleId: number, publishAtIso: string) => Promise<void> {
  return async (trx, articleId, publishAtIso) => {
    await jobs.enqueue(trx, PUBLISH_JOB, { articleId }, { runAt: new Date(publishAtIso), key: `${PUBLISH_JOB}:${articleId}` });
  };
}

/**
 * Publishes every story that is due (the job's own and any other: a story
 * whose job was discarded is still published on time by the next one),
 * and marks the job done in the same transaction, so a story is published
 * exactly once however many runners try: the flip only touches rows still
 * `scheduled`, and a runner that lost its lease rolls back.
 * A story moved back to draft or to a later time is simply not due.
 */
export function publishingJob(articles: ArticlesService): JobKind<{ articleId: number }> {
  return {
    backoffMs: 5_000,
    maxBackoffMs: 300_000,
    handle: async (_payload, ctx) => {
      await articles.publishDue((trx) => ctx.finish(trx));
    },
  };
}
