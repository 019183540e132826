import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { LeaseLostError, type Job, type JobContext, type JobKind, type JobQueue } from '../domain/jobs/index.ts';

export interface RunnerDeps {
  queue: JobQueue;
  onError: (err: unknown, job?: Job) => void;
  /** Who holds a lease, as shown on the admin page; unique per process. */
  owner?: string;
  /** How long a claim lasts without a heartbeat (default 30 s); a job held longer by a dead instance is taken over. */
  leaseMs?: number;
  /** Longest sleep between looks at the table (default 1 s): jobs enqueued by another instance or the CLI. */
  pollMs?: number;
  /** Jobs run at once in this process (default 4). */
  concurrency?: number;
}

const DEFAULT_BACKOFF_MS = 30_000;
const DEFAULT_MAX_BACKOFF_MS = 3_600_000;
/** After a wake-up hint that found nothing (its transaction had not committed yet), look again this soon. */
const HINT_RETRY_MS = 25;
const HINT_RETRIES = 3;

/** The reason a handler's signal aborts when its instance shuts down. */
class StoppingError extends Error {
  constructor() {
    super('the instance is stopping');
  }
}

export function backoffMs(def: Pick<JobKind, 'backoffMs' | 'maxBackoffMs'>, attempts: number): number {
  const base = def.backoffMs ?? DEFAULT_BACKOFF_MS;
  return Math.min(base * 2 ** Math.max(0, attempts - 1), def.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS);
}

/**
 * The one job runner (docs/jobs.md). Every instance runs one; they share
 * the `jobs` table. A job is claimed under a lease that a heartbeat
 * extends while its handler runs; a job whose instance died is taken over
 * when its lease runs out. Failures wait with exponential back-off and
 * end dead, with their last error, after the job's attempts are used up.
 *
 * Registering a kind is one line, in src/jobs/kinds.ts:
 *   .define(REINDEX_JOB, d.search.reindexJob)
 * and enqueueing one, in the transaction of the change that needs it:
 *   await jobs.enqueue(trx, REINDEX_JOB, { ids });
 */
export class JobRunner {
  readonly owner: string;
  private readonly kinds = new Map<string, JobKind>();
  private readonly active = new Map<number, { done: Promise<void>; abort: AbortController }>();
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeSleep: (() => void) | null = null;
  private hints = 0;
  private unlisten: (() => void) | null = null;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly concurrency: number;

  constructor(private readonly deps: RunnerDeps) {
    this.owner = deps.owner ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.leaseMs = deps.leaseMs ?? 30_000;
    this.pollMs = deps.pollMs ?? 1_000;
    this.concurrency = deps.concurrency ?? 4;
  }

  /** Registers the handler of one kind of job. A runner claims only kinds it has a handler for. */
  define<P>(kind: string, def: JobKind<P>): this {
    if (this.kinds.has(kind)) throw new Error(`job kind "${kind}" is defined twice`);
    this.kinds.set(kind, def);
    return this;
  }

  get definedKinds(): string[] {
    return [...this.kinds.keys()];
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unlisten = this.deps.queue.onEnqueue(() => this.wake());
    this.loop = this.run();
  }

  /** A hint that work may be waiting: look now instead of at the next poll. */
  wake(): void {
    this.hints = HINT_RETRIES;
    this.wakeSleep?.();
  }

  /**
   * Stops claiming, then waits up to `graceMs` for running jobs to finish;
   * those still running are told to stop (their signal aborts) and are
   * left to their leases, which another instance takes over.
   */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.unlisten?.();
    this.wakeSleep?.();
    await this.loop;
    const all = Promise.all([...this.active.values()].map((a) => a.done));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), graceMs)));
    if ((await Promise.race([all, late])) === 'late') for (const a of this.active.values()) a.abort.abort(new StoppingError());
    clearTimeout(timer);
  }

  /** Claims what is due now and runs it to the end (tests and tools drive time themselves); returns how many ran. */
  async runDue(limit = 100): Promise<number> {
    const jobs = await this.deps.queue.claim({ kinds: this.definedKinds, owner: this.owner, limit, leaseMs: this.leaseMs });
    for (const job of jobs) await this.execute(job);
    return jobs.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const free = this.concurrency - this.active.size;
      let claimed: Job[] = [];
      if (free > 0) {
        try {
          claimed = await this.deps.queue.claim({ kinds: this.definedKinds, owner: this.owner, limit: free, leaseMs: this.leaseMs });
        } catch (e) {
          // The database is away (a restart): try again at the next poll.
          this.deps.onError(e);
          await this.sleep(this.pollMs);
          continue;
        }
        for (const job of claimed) this.launch(job);
      }
      if (free > 0 && claimed.length === free) continue;
      await this.sleep(await this.idleWait(free > 0));
    }
  }

  private async idleWait(slotFree: boolean): Promise<number> {
    if (!slotFree) return this.pollMs;
    if (this.hints > 0) return (this.hints--, HINT_RETRY_MS);
    try {
      const next = await this.deps.queue.msUntilNextDue(this.definedKinds);
      return next === null ? this.pollMs : Math.min(this.pollMs, next);
    } catch {
      return this.pollMs;
    }
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeSleep = () => {
        this.wakeSleep = null;
        done();
      };
    });
  }

  private launch(job: Job): void {
    const abort = new AbortController();
    const done = this.execute(job, abort).finally(() => {
      this.active.delete(job.id);
      this.wakeSleep?.();
    });
    this.active.set(job.id, { done, abort });
  }

  /** One attempt: the handler under a heartbeat, then done, retry later, or dead. Never throws. */
  private async execute(job: Job, abort = new AbortController()): Promise<void> {
    const def = this.kinds.get(job.kind)!;
    const beat = setInterval(() => {
      this.deps.queue.extendLease(job.id, this.owner, this.leaseMs).then(
        (held) => held || abort.abort(new LeaseLostError(job.id)),
        (e) => this.deps.onError(e, job),
      );
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    beat.unref();
    let finished = false;
    const ctx: JobContext = {
      job,
      signal: abort.signal,
      finish: async (trx) => {
        await this.deps.queue.complete(job.id, this.owner, { trx, clearPayload: def.secretPayload });
        finished = true;
      },
    };
    try {
      await def.handle(job.payload, ctx);
      if (!finished) await this.deps.queue.complete(job.id, this.owner, { clearPayload: def.secretPayload });
    } catch (e) {
      // Lost to another runner: the job is theirs now, and nothing of ours was recorded.
      // Stopping: the job is left to its lease, and whichever instance claims it next runs it.
      if (e instanceof LeaseLostError || abort.signal.reason instanceof LeaseLostError || abort.signal.reason instanceof StoppingError) return;
      try {
        const outcome = await this.deps.queue.fail(job, this.owner, e, backoffMs(def, job.attempts));
        if (outcome !== 'lost') this.deps.onError(new Error(`job ${job.id} (${job.kind}) failed, attempt ${job.attempts} of ${job.maxAttempts}${outcome === 'dead' ? ', now dead' : ''}: ${e instanceof Error ? e.message : String(e)}`), job);
      } catch (recordError) {
        // Not recorded (database away): the lease runs out and the job is tried again.
        this.deps.onError(recordError, job);
      }
    } finally {
      clearInterval(beat);
    }
  }
}
