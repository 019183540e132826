import { cacheTag, type Change } from '../domain/changes/index.ts';

export interface CdnPurgerDeps {
  /** Each shared cache's address (PURGE_URLS): Varnish with deploy/varnish/default.vcl. */
  urls: readonly string[];
  onError: (e: unknown) => void;
  /** Attempts per purge before it is given up and reported (a cache down for longer is cold when it returns). */
  attempts?: number;
  retryMs?: number;
}

/** One header's worth of tags: Varnish's default limit on a header line is 8 kB. */
const MAX_HEADER = 4000;

/**
 * Sends each applied change's tags to every shared cache as
 * `PURGE /` with an `xkey` header. Every instance purges for every change it
 * applies: a purge is idempotent, and the last instance to apply a change
 * purges after its own page cache has dropped the old page, so a shared
 * cache that refilled from a slower instance in between is purged again.
 */
export class CdnPurger {
  private readonly attempts: number;
  private readonly retryMs: number;
  private pending = 0;

  constructor(private readonly deps: CdnPurgerDeps) {
    this.attempts = deps.attempts ?? 5;
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

  /** Purges still being sent or retried (tests and shutdown wait for none). */
  get inFlight(): number {
    return this.pending;
  }

  private async send(url: string, keys: string): Promise<void> {
    this.pending++;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await fetch(url, { method: 'PURGE', headers: { xkey: keys }, signal: AbortSignal.timeout(5000) });
          await res.arrayBuffer();
          if (res.ok) return;
          throw new Error(`PURGE ${url} answered ${res.status}`);
        } catch (e) {
          if (attempt >= this.attempts) {
            this.deps.onError(new Error(`could not purge ${url} (${keys.slice(0, 200)}): ${(e as Error).message}`));
            return;
          }
          await new Promise((r) => setTimeout(r, this.retryMs * 2 ** (attempt - 1)));
        }
      }
    } finally {
      this.pending--;
    }
  }
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
