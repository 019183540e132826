import type { Q } from '../../storage/index.ts';

export type JobState = 'waiting' | 'running' | 'done' | 'dead';
export const JOB_STATES: readonly JobState[] = ['waiting', 'running', 'done', 'dead'];

/** A job as the runner, the admin page and the CLI see it. */
export interface Job {
  id: number;
  kind: string;
  /** Parsed JSON, as it was enqueued. */
  payload: unknown;
  state: JobState;
  key: string | null;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  lockedUntil: Date | null;
  lastError: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface EnqueueOptions {
  /** Not before this time (default: now). */
  runAt?: Date;
  /**
   * At most one waiting job per key: enqueueing again with the same key
   * moves that job (new run time and payload) instead of adding a second.
   */
  key?: string;
  /** Attempts before the job is dead (default 8). */
  maxAttempts?: number;
}

/** What the admin page and `dateline jobs` show at the top. */
export interface JobStats {
  counts: Record<JobState, number>;
  /** The longest a due job has been waiting (ms), 0 when none is due. */
  oldestDueMs: number;
}

/** How the runner claims: which kinds it has handlers for, for how long, as whom. */
export interface ClaimRequest {
  kinds: readonly string[];
  owner: string;
  limit: number;
  leaseMs: number;
}

/** What a handler gets besides its payload. */
export interface JobContext {
  job: Job;
  /** Aborted when the runner loses the lease (another instance took the job over) or stops for good. */
  signal: AbortSignal;
  /**
   * Marks the job done inside the handler's own transaction: the job's
   * effect and its completion commit together, and if the lease was lost
   * meanwhile this throws and the effect rolls back (exactly once in effect).
   * Without it the runner marks the job done after the handler returns.
   */
  finish(trx: Q): Promise<void>;
}

/** One kind of job: what to do, and how to retry it. Registered with `runner.define(kind, def)`. */
export interface JobKind<P = any> {
  handle(payload: P, ctx: JobContext): Promise<void>;
  /** First retry after this (default 30 s), doubled each attempt up to `maxBackoffMs` (default 1 h). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Empty the stored payload once done (it holds a mail body or an address). */
  secretPayload?: boolean;
}
