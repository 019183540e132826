import type { ArticleQueries, ArticlesService } from '../domain/articles/index.ts';
import type { Clock } from '../domain/shared/clock.ts';

export interface SchedulerDeps {
  articles: ArticlesService;
  queries: ArticleQueries;
  clock: Clock;
  onError: (err: unknown) => void;
  /** Longest sleep between checks: catches schedules set by another instance or the CLI. */
  pollMs?: number;
}

/**
 * Scheduled publishing driven by the stored publish time, not by an
 * in-memory queue: at boot it catches up on anything already due, then
 * sleeps until the next due story (or the poll interval, whichever is
 * sooner). The flip is one UPDATE, so several instances cannot double-publish.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly deps: SchedulerDeps) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.tick();
  }

  /** Call after any change that may have moved the next due time. */
  poke(): void {
    if (this.stopped) return;
    void this.tick();
  }

  async tick(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    try {
      await this.deps.articles.publishDue();
      const next = await this.deps.queries.nextScheduled();
      const poll = this.deps.pollMs ?? 30_000;
      const wait = next ? Math.max(50, Math.min(poll, next.getTime() - this.deps.clock.now().getTime())) : poll;
      if (!this.stopped) this.timer = setTimeout(() => void this.tick(), wait).unref();
    } catch (err) {
      this.deps.onError(err);
      if (!this.stopped) this.timer = setTimeout(() => void this.tick(), 5_000).unref();
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
