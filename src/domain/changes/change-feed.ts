import type { Db } from '../../storage/index.ts';
import type { Clock } from '../shared/clock.ts';
import { changesAfter, lastChangeSeq } from './changes.repo.ts';
import type { Change, ChangeListener, ChangeNotifier } from './changes.types.ts';

/**
 * How instances hear that the feed has grown: Redis pub/sub, PostgreSQL
 * LISTEN/NOTIFY, or nothing at all on one SQLite process. Only a wake-up:
 * what changed is always read from the feed, so a lost message costs at most
 * one poll interval.
 */
export interface WakeSignal {
  publish(): void;
  subscribe(onWake: () => void): void;
  close(): Promise<void>;
}

export interface ChangeFeedDeps {
  db: Db;
  clock: Clock;
  signal?: WakeSignal;
  /** The safety net under the wake-ups: the longest a change waits when every message was lost. */
  pollMs: number;
  /** Past this silence (the database or the network away) the feed may have been pruned beyond us: caches start over. */
  resetAfterMs: number;
  onError: (e: unknown) => void;
}

const BATCH = 500;
/**
 * On PostgreSQL an id is taken at insert and becomes visible at commit, so
 * id 10 can appear after id 11 was read. Ids skipped over are remembered and
 * looked for again until this long has passed (then they were rolled back).
 */
const HOLE_TTL_MS = 60_000;
const MAX_HOLES = 10_000;

/**
 * One instance's reader of the change feed. It starts at the newest change
 * (a starting instance has empty caches), applies every later change to its
 * listeners once and in order, and catches up after any gap in messages.
 */
export class ChangeFeed implements ChangeNotifier {
  private readonly listeners: ChangeListener[] = [];
  private last = 0;
  private readonly holes = new Map<number, number>();
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private lastRead = 0;
  private started = false;

  constructor(private readonly deps: ChangeFeedDeps) {}

  /** Listeners that throw do not stop the others, nor the feed. Returns the way to stop listening. */
  on(listener: ChangeListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** The last change applied here (for tests and /metrics). */
  get position(): number {
    return this.last;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.last = await lastChangeSeq(this.deps.db.kysely);
    this.lastRead = this.deps.clock.now().getTime();
    this.deps.signal?.subscribe(() => void this.catchUp().catch(this.deps.onError));
    this.schedule();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.catchUp()
        .catch(this.deps.onError)
        .finally(() => {
          if (this.timer) this.schedule();
        });
    }, this.deps.pollMs);
    this.timer.unref();
  }

  /** Also closes the wake-up signal: a CLI command that only wrote calls this too. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
    await this.deps.signal?.close();
  }

  /** After a write commits: wake the other instances, and apply it here before the write answers. */
  async committed(): Promise<void> {
    this.deps.signal?.publish();
    if (!this.started) return;
    try {
      await this.catchUp();
    } catch (e) {
      // The write is committed; the poll applies it once the database answers again.
      this.deps.onError(e);
    }
  }

  /** Read and apply everything after the last applied change. Calls made during a read run once more after it. */
  catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.readAll();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async readAll(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    if (this.lastRead && now - this.lastRead > this.deps.resetAfterMs) {
      // Changes may have been pruned while we could not read: nothing cached here can be trusted.
      this.last = await lastChangeSeq(this.deps.db.kysely);
      this.holes.clear();
      this.lastRead = now;
      await this.apply([RESET]);
      return;
    }
    const found = await this.readHoles(now);
    for (;;) {
      const batch = await changesAfter(this.deps.db.kysely, this.last, BATCH);
      for (const c of batch) {
        for (let s = this.last + 1; s < c.seq && this.holes.size < MAX_HOLES; s++) this.holes.set(s, now);
        this.last = c.seq;
      }
      found.push(...batch);
      if (batch.length < BATCH) break;
    }
    this.lastRead = now;
    if (found.length) await this.apply(found);
  }

  /** Ids skipped over earlier that have since committed; forgotten once old enough to have been rolled back. */
  private async readHoles(now: number): Promise<Change[]> {
    if (!this.holes.size) return [];
    const min = Math.min(...this.holes.keys()) - 1;
    const found: Change[] = [];
    for (const c of await changesAfter(this.deps.db.kysely, min, BATCH)) {
      if (c.seq > this.last) break;
      if (this.holes.delete(c.seq)) found.push(c);
    }
    for (const [seq, since] of this.holes) if (now - since > HOLE_TTL_MS) this.holes.delete(seq);
    return found;
  }

  private async apply(changes: Change[]): Promise<void> {
    for (const l of this.listeners) {
      try {
        await l(changes);
      } catch (e) {
        this.deps.onError(e);
      }
    }
  }
}

/** Not a row: what listeners are told when the feed cannot say what changed. `*` purges everything. */
export const RESET: Change = { seq: 0, kind: 'settings', id: '*', action: 'reset', tags: ['*'], at: '' };
