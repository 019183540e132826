import type { RateLimiter } from '../comments/index.ts';
import type { Clock } from '../shared/clock.ts';

const MINUTE_MS = 60_000;

/**
 * Searches per client per minute. A page is cheap on SQLite but a phrase
 * of common words can cost seconds on a large PostgreSQL index, so an
 * unthrottled /search is a lever on the database. The limiter is the
 * comments' (Redis when REDIS_URL is set, shared by every instance).
 * Unlike a comment, a search writes nothing: when the limiter itself fails
 * the search goes ahead (fails open) and the error is reported.
 */
export class SearchThrottle {
  constructor(private readonly deps: { limiter: RateLimiter; clock: Clock; perMinute: number; onError?: (e: unknown) => void }) {}

  /** Milliseconds until `client` may search again; 0 when it may now (or when the limit is off). */
  async wait(client: string): Promise<number> {
    if (this.deps.perMinute <= 0) return 0;
    try {
      return await this.deps.limiter.window(`search:ip:${client}`, MINUTE_MS, this.deps.perMinute, this.deps.clock.now().getTime());
    } catch (e) {
      this.deps.onError?.(e);
      return 0;
    }
  }
}
