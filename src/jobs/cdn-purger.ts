import { createHash } from 'node:crypto';
import { cacheTag, type Change } from '../domain/changes/index.ts';
import type { JobKind, JobQueue } from '../domain/jobs/index.ts';
import type { Q } from '../storage/index.ts';

export const PURGE_JOB = 'cdn-purge';

interface PurgePayload {
  url: string;
  keys: string;
}

export interface CdnPurgerDeps {
  /** Each shared cache's address (PURGE_URLS): Varnish with deploy/varnish/default.vcl. */
  urls: readonly string[];
  onError: (e: unknown) => void;
  /** Where a purge that failed here goes to be retried by whichever instance's runner claims it. */
  queue: JobQueue;
  db: Q;
  /** Attempts made at once, in this process, before the purge becomes a job (default 2). */
  attempts?: number;
  retryMs?: number;
}

/** One header's worth of tags: Varnish's default limit on a header line is 8 kB. */
const MAX_HEADER = 4000;
/** A job's wait before its first retry, doubling to five minutes: a cache being restarted is back within that. */
const JOB_BACKOFF_MS = 5_000;
const JOB_MAX_BACKOFF_MS = 300_000;

/**
 * Sends each applied change's tags to every shared cache as
 * `PURGE /` with an `xkey` header. Every instance purges for every change it
 * applies: a purge is idempotent, and the last instance to apply a change
 * purges after its own page cache has dropped the old page, so a shared
 * cache that refilled from a slower instance in between is purged again.
 *
 * A purge is tried at once, twice; one that still fails becomes a
 * `cdn-purge` job (docs/jobs.md): retried with back-off by any instance,
 * dead with its last error on /admin/jobs when the cache stays unreachable,
 * and not lost when this process stops. The job's key is the cache and the
 * tags, so the same failed purge from every instance is one job.
 */
export class CdnPurger {
  private readonly attempts: number;
  private readonly retryMs: number;
  private pending = 0;

  constructor(private readonly deps: CdnPurgerDeps) {
    this.attempts = deps.attempts ?? 2;
    this.retryMs = deps.retryMs ?? 250;
  }

  /** A change-feed listener; it returns at once and purges in the background. */
  readonly onChanges = (changes: readonly Change[]): void => {
    if (!this.deps.urls.length) return;
    const tags = new Set<string>();
    // `*` (the feed's reset): every page carries the settings tag.
    for (const c of changes) for (const t of c.tags) tags.add(t === cacheTag.all ? cacheTag.settings : t);
    for (const chunk of chunks([...tags])) for (const url of this.deps.urls) void this.send(url, chunk);
  };

  /** Purges still being sent, retried or handed to the runner (tests and shutdown wait for none). */
  get inFlight(): number {
    return this.pending;
  }

  /** The runner's handler: one attempt; a throw is the runner's retry with back-off. */
  readonly job: JobKind<PurgePayload> = {
    backoffMs: JOB_BACKOFF_MS,
    maxBackoffMs: JOB_MAX_BACKOFF_MS,
    handle: async (p, ctx) => {
      // PURGE_URLS changed since: that cache is no longer ours to purge (and a payload never picks where we send).
      if (!this.deps.urls.includes(p.url)) return;
      await purgeOnce(p.url, p.keys, ctx.signal);
    },
  };

  private async send(url: string, keys: string): Promise<void> {
    this.pending++;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          return await purgeOnce(url, keys);
        } catch (e) {
          if (attempt >= this.attempts) return await this.handOver(url, keys, e as Error);
          await new Promise((r) => setTimeout(r, this.retryMs * 2 ** (attempt - 1)));
        }
      }
    } finally {
      this.pending--;
    }
  }

  private async handOver(url: string, keys: string, e: Error): Promise<void> {
    const key = `purge:${createHash('sha256').update(`${url}\n${keys}`).digest('hex').slice(0, 32)}`;
    try {
      await this.deps.queue.enqueue(this.deps.db, PURGE_JOB, { url, keys } satisfies PurgePayload, { key });
    } catch (enqueueError) {
      this.deps.onError(new Error(`could not purge ${url} (${keys.slice(0, 200)}): ${e.message}; nor queue it: ${(enqueueError as Error).message}`));
    }
  }
}

async function purgeOnce(url: string, keys: string, signal?: AbortSignal): Promise<void> {
  const timeout = AbortSignal.timeout(5000);
  const res = await fetch(url, { method: 'PURGE', headers: { xkey: keys }, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`PURGE ${url} answered ${res.status}`);
}

function* chunks(tags: string[]): Generator<string> {
  let cur = '';
  for (const t of tags) {
    if (cur && cur.length + t.length + 1 > MAX_HEADER) {
      yield cur;
      cur = '';
    }
    cur = cur ? `${cur} ${t}` : t;
  }
  if (cur) yield cur;
}
