import type { Db, Q } from '../../storage/index.ts';
import { isUniqueViolation } from '../../storage/index.ts';
import type { JobRow } from '../../storage/schema.ts';
import { recordAudit } from '../audit/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, notFound } from '../shared/errors.ts';
import {
  buryExpired, claimJobs, completeJob, countJobsByState, discardJobRow, earliestWaiting, extendLease, failJob, findJobRow, insertJob,
  listJobRows, pruneDone, retryJobRow,
} from './jobs.repo.ts';
import { JOB_STATES, type ClaimRequest, type EnqueueOptions, type Job, type JobState, type JobStats } from './jobs.types.ts';

const KIND = /^[a-z][a-z0-9-]{0,39}$/;
const DEFAULT_MAX_ATTEMPTS = 8;
/** Error text kept on a job: enough to diagnose, bounded so a stack of HTML cannot bloat the table. */
const MAX_ERROR_CHARS = 1000;

/** The runner lost its lease (another instance took the job over): its work must not commit. */
export class LeaseLostError extends Error {
  constructor(id: number) {
    super(`job ${id}: lease lost to another runner`);
  }
}

export function jobFromRow(r: JobRow): Job {
  let payload: unknown = null;
  try {
    payload = JSON.parse(r.payload);
  } catch {
    payload = null;
  }
  const date = (s: string | null) => (s ? new Date(s) : null);
  return {
    id: r.id, kind: r.kind, payload, state: r.state, key: r.key, runAt: new Date(r.run_at), attempts: r.attempts, maxAttempts: r.max_attempts,
    lockedBy: r.locked_by, lockedUntil: date(r.locked_until), lastError: r.last_error, createdAt: new Date(r.created_at),
    startedAt: date(r.started_at), finishedAt: date(r.finished_at),
  };
}

/**
 * The `jobs` table's one door (docs/jobs.md). Domain code enqueues through
 * its own transaction, so a job exists exactly when the change that asked
 * for it committed (docs/architecture.md); the runner (src/jobs/runner.ts) claims,
 * extends and finishes through here; the admin page and the CLI list,
 * retry and discard.
 */
export class JobQueue {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  /** Inside the caller's transaction (or on the database handle when nothing else is written). */
  async enqueue(q: Q, kind: string, payload: unknown, opts: EnqueueOptions = {}): Promise<number> {
    if (!KIND.test(kind)) throw new Error(`job kind "${kind}" must be lower-case letters, digits and dashes`);
    const now = this.deps.clock.now();
    const id = await insertJob(q, {
      kind,
      payload: JSON.stringify(payload ?? {}),
      key: opts.key ?? null,
      run_at: (opts.runAt ?? now).toISOString(),
      max_attempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      created_at: now.toISOString(),
    });
    // A hint only: the job may not be committed yet; the runner reads the table either way.
    this.wake();
    return id;
  }

  /** After a commit that enqueued jobs: runners in this process look now rather than at their next poll. */
  wake(): void {
    for (const l of this.listeners) l();
  }

  /** Called (synchronously) after each enqueue and wake() in this process: the runner's wake-up. */
  onEnqueue(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ── for the runner ────────────────────────────────────────────────

  /** One IMMEDIATE transaction on SQLite; on PostgreSQL SKIP LOCKED lets claimers pass each other. */
  async claim(req: ClaimRequest): Promise<Job[]> {
    if (!req.kinds.length || req.limit < 1) return [];
    const now = this.deps.clock.now();
    const nowIso = now.toISOString();
    const rows = await this.deps.db.kysely.transaction().execute(async (trx) => {
      await buryExpired(trx, req.kinds, nowIso);
      return claimJobs(trx, { ...req, nowIso, leaseUntil: new Date(now.getTime() + req.leaseMs).toISOString(), skipLocked: this.deps.db.caps.skipLocked });
    });
    return rows.map(jobFromRow).sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
  }

  extendLease(id: number, owner: string, leaseMs: number): Promise<boolean> {
    return extendLease(this.deps.db.kysely, id, owner, new Date(this.deps.clock.now().getTime() + leaseMs).toISOString());
  }

  /**
   * Marks the job done; given the handler's own transaction, done commits
   * with the job's effect or not at all, and a runner that lost its lease
   * throws here, rolling its effect back: exactly once in effect.
   */
  async complete(id: number, owner: string, opts: { trx?: Q; clearPayload?: boolean } = {}): Promise<void> {
    const ok = await completeJob(opts.trx ?? this.deps.db.kysely, id, owner, this.deps.clock.now().toISOString(), opts.clearPayload ?? false);
    if (!ok) throw new LeaseLostError(id);
  }

  /** A failed attempt: waiting again after `retryInMs`, or dead when the attempts are used up. */
  async fail(job: Job, owner: string, error: unknown, retryInMs: number): Promise<'retry' | 'dead' | 'lost'> {
    const now = this.deps.clock.now();
    const dead = job.attempts >= job.maxAttempts;
    const text = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_CHARS) || 'failed';
    const f = { dead, runAt: new Date(now.getTime() + retryInMs).toISOString(), nowIso: now.toISOString(), error: text };
    try {
      return (await failJob(this.deps.db.kysely, job.id, owner, f)) ? (dead ? 'dead' : 'retry') : 'lost';
    } catch (e) {
      // A newer job with the same key is waiting (the story was rescheduled meanwhile): it supersedes this one.
      if (!isUniqueViolation(e)) throw e;
      await completeJob(this.deps.db.kysely, job.id, owner, f.nowIso, false);
      return 'retry';
    }
  }

  /** Milliseconds until the next job of these kinds is due (0: due now), for the runner's sleep; null when none waits. */
  async msUntilNextDue(kinds: readonly string[]): Promise<number | null> {
    if (!kinds.length) return null;
    const at = await earliestWaiting(this.deps.db.kysely, kinds, null);
    return at ? Math.max(0, Date.parse(at) - this.deps.clock.now().getTime()) : null;
  }

  // ── for the operator (admin page, CLI) ────────────────────────────

  async stats(): Promise<JobStats> {
    const db = this.deps.db.kysely;
    const now = this.deps.clock.now();
    const counts = await countJobsByState(db);
    const oldest = await earliestWaiting(db, null, now.toISOString());
    return {
      counts: Object.fromEntries(JOB_STATES.map((s) => [s, counts.get(s) ?? 0])) as Record<JobState, number>,
      oldestDueMs: oldest ? Math.max(0, now.getTime() - Date.parse(oldest)) : 0,
    };
  }

  async list(state: JobState, limit = 100): Promise<Job[]> {
    return (await listJobRows(this.deps.db.kysely, state, limit)).map(jobFromRow);
  }

  async get(id: number): Promise<Job> {
    const row = await findJobRow(this.deps.db.kysely, id);
    if (!row) throw notFound(`job ${id}`);
    return jobFromRow(row);
  }

  /** A dead job runs again now, with its attempts counted from zero. Audited. */
  async retry(id: number, actor: string): Promise<void> {
    const job = await this.get(id);
    if (job.state !== 'dead' && job.state !== 'waiting') throw new AppError('CONFLICT', `job ${id} is ${job.state}: only a dead or waiting job can be retried`);
    const nowIso = this.deps.clock.now().toISOString();
    try {
      await this.deps.db.kysely.transaction().execute(async (trx) => {
        if (!(await retryJobRow(trx, id, nowIso))) throw new AppError('CONFLICT', `job ${id} changed meanwhile; look again`);
        await recordAudit(trx, nowIso, { actor, action: 'job.retry', targetType: 'job', targetId: id, detail: { kind: job.kind, lastError: job.lastError } });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('CONFLICT', `job ${id}: a newer job for the same thing (${job.key}) is already waiting`);
      throw e;
    }
    this.wake();
  }

  /** A dead or waiting job is deleted: it will not run. Audited. */
  async discard(id: number, actor: string): Promise<void> {
    const job = await this.get(id);
    if (job.state !== 'dead' && job.state !== 'waiting') throw new AppError('CONFLICT', `job ${id} is ${job.state}: only a dead or waiting job can be discarded`);
    const nowIso = this.deps.clock.now().toISOString();
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      if (!(await discardJobRow(trx, id))) throw new AppError('CONFLICT', `job ${id} changed meanwhile; look again`);
      await recordAudit(trx, nowIso, { actor, action: 'job.discard', targetType: 'job', targetId: id, detail: { kind: job.kind, state: job.state, lastError: job.lastError } });
    });
  }

  /** Deletes done jobs finished more than `olderThanMs` ago. */
  prune(olderThanMs: number): Promise<number> {
    return pruneDone(this.deps.db.kysely, new Date(this.deps.clock.now().getTime() - olderThanMs).toISOString());
  }
}
