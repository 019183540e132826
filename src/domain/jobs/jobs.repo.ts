import { sql } from 'kysely';
import type { Q } from '../../storage/index.ts';
import type { JobRow, JobTable } from '../../storage/schema.ts';
import type { JobState } from './jobs.types.ts';

export type NewJob = Pick<JobTable, 'kind' | 'payload' | 'key' | 'run_at' | 'max_attempts' | 'created_at'>;

/** Inserts a job, or with a key moves the waiting job that has it (one publish job per story). */
export async function insertJob(db: Q, job: NewJob): Promise<number> {
  let q = db.insertInto('jobs').values({ ...job, state: 'waiting' });
  if (job.key !== null) {
    q = q.onConflict((oc) =>
      oc
        .column('key')
        // A literal, not a parameter: SQLite matches the conflict target to the partial index by its text.
        .where(sql<boolean>`state = 'waiting'`)
        .doUpdateSet((eb) => ({ run_at: eb.ref('excluded.run_at'), payload: eb.ref('excluded.payload'), max_attempts: eb.ref('excluded.max_attempts') })),
    );
  }
  const r = await q.returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/**
 * Jobs whose lease ran out at their last allowed attempt are dead, not run
 * again: a job that kills its instance every time must not take the next
 * one down too.
 */
export async function buryExpired(db: Q, kinds: readonly string[], nowIso: string): Promise<number> {
  const r = await db
    .updateTable('jobs')
    .set({ state: 'dead', locked_by: null, locked_until: null, finished_at: nowIso, last_error: 'the instance running it stopped (its lease expired) on the last attempt' })
    .where('state', '=', 'running')
    .where('kind', 'in', kinds)
    .where('locked_until', '<', nowIso)
    .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Claims up to `limit` jobs: due waiting ones and running ones whose lease
 * expired (their instance died), oldest due first. One statement; on
 * PostgreSQL the candidates are locked with SKIP LOCKED so concurrent
 * claimers take different rows instead of queueing on the same ones.
 */
export async function claimJobs(db: Q, a: { kinds: readonly string[]; owner: string; nowIso: string; leaseUntil: string; limit: number; skipLocked: boolean }): Promise<JobRow[]> {
  let candidates = db
    .selectFrom('jobs')
    .select('id')
    .where('kind', 'in', a.kinds)
    .where((eb) => eb.or([eb.and([eb('state', '=', 'waiting'), eb('run_at', '<=', a.nowIso)]), eb.and([eb('state', '=', 'running'), eb('locked_until', '<', a.nowIso)])]))
    .orderBy('run_at')
    .orderBy('id')
    .limit(a.limit);
  if (a.skipLocked) candidates = candidates.forUpdate().skipLocked();
  return db
    .updateTable('jobs')
    .set((eb) => ({ state: 'running', locked_by: a.owner, locked_until: a.leaseUntil, started_at: a.nowIso, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', candidates)
    .returningAll()
    .execute();
}

/** Extends the lease; false when this owner no longer holds the job (it was taken over). */
export async function extendLease(db: Q, id: number, owner: string, leaseUntil: string): Promise<boolean> {
  const r = await db.updateTable('jobs').set({ locked_until: leaseUntil }).where('id', '=', id).where('state', '=', 'running').where('locked_by', '=', owner).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Done, if this owner still holds it; false otherwise (another runner took it over). */
export async function completeJob(db: Q, id: number, owner: string, nowIso: string, clearPayload: boolean): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    // locked_by stays: which instance ran it, for the admin page and the CLI.
    .set({ state: 'done', locked_until: null, finished_at: nowIso, last_error: '', ...(clearPayload ? { payload: '{}' } : {}) })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .where('locked_by', '=', owner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** After a failed attempt: back to waiting at `runAt`, or dead. Ignored when the lease was lost. */
export async function failJob(db: Q, id: number, owner: string, f: { dead: boolean; runAt: string; nowIso: string; error: string }): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ state: f.dead ? 'dead' : 'waiting', run_at: f.runAt, locked_by: null, locked_until: null, last_error: f.error, finished_at: f.dead ? f.nowIso : null })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .where('locked_by', '=', owner)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findJobRow(db: Q, id: number): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listJobRows(db: Q, state: JobState, limit: number): Promise<JobRow[]> {
  // Dead and done: newest first (what just went wrong); waiting and running: next due first.
  const recentFirst = state === 'dead' || state === 'done';
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('state', '=', state)
    .orderBy(recentFirst ? 'finished_at' : 'run_at', recentFirst ? 'desc' : 'asc')
    .orderBy('id', recentFirst ? 'desc' : 'asc')
    .limit(limit)
    .execute();
}

export async function countJobsByState(db: Q): Promise<Map<string, number>> {
  const rows = await db.selectFrom('jobs').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
  return new Map(rows.map((r) => [r.state, Number(r.n)]));
}

/** The earliest run time among due waiting jobs, or of any waiting job when `dueBy` is null. */
export async function earliestWaiting(db: Q, kinds: readonly string[] | null, dueBy: string | null): Promise<string | null> {
  let q = db.selectFrom('jobs').select((eb) => eb.fn.min('run_at').as('at')).where('state', '=', 'waiting');
  if (kinds) q = q.where('kind', 'in', kinds);
  if (dueBy) q = q.where('run_at', '<=', dueBy);
  const r = await q.executeTakeFirst();
  return (r?.at as string | null | undefined) ?? null;
}

/** A dead (or waiting) job runs again now, with a fresh count of attempts. */
export async function retryJobRow(db: Q, id: number, nowIso: string): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ state: 'waiting', run_at: nowIso, attempts: 0, finished_at: null })
    .where('id', '=', id)
    .where('state', 'in', ['dead', 'waiting'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A dead or waiting job is removed; a running one is left to finish (its effect may be under way). */
export async function discardJobRow(db: Q, id: number): Promise<boolean> {
  const r = await db.deleteFrom('jobs').where('id', '=', id).where('state', 'in', ['dead', 'waiting']).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Done jobs older than `before` go: the table keeps what is pending, dead and recent. */
export async function pruneDone(db: Q, before: string): Promise<number> {
  const r = await db.deleteFrom('jobs').where('state', '=', 'done').where('finished_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
