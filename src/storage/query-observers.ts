import type { LogEvent } from 'kysely';

/**
 * Listeners for each query's duration (/metrics' query-time histogram).
 * Kysely's `log` hook is set when the handle is made, before anyone
 * listens, so it calls into this set, which is empty most of the time.
 */
export class QueryObservers {
  private readonly fns = new Set<(ms: number) => void>();

  readonly log = (event: LogEvent): void => {
    for (const fn of this.fns) fn(event.queryDurationMillis);
  };

  add(fn: (ms: number) => void): () => void {
    this.fns.add(fn);
    return () => void this.fns.delete(fn);
  }
}
