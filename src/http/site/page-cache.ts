import { createHash } from 'node:crypto';

export interface CachedPage {
  status: number;
  body: Buffer;
  contentType: string;
  etag: string;
  lastModified: string;
  cacheControl: string;
}

export interface Rendered {
  status?: number;
  body: string | Buffer;
  contentType: string;
  lastModified: Date;
  cacheControl?: string;
}

/**
 * Public pages kept in memory, rendered once per content generation.
 * Correctness over cleverness: any content event clears every page, since a
 * story's page also shows related stories, section names and bylines, and a
 * publish changes every list. Renders in flight when a change lands are
 * discarded rather than stored, so a page is never served stale after a write.
 *
 * Bounded by entries and by bytes, least recently used out first: story
 * pages run 15-30 kB, so 5,000 of them were 110 MB, most of the memory
 * figure at 100,000 stories, while the pages read most are a few hundred.
 */
export class PageCache {
  private readonly pages = new Map<string, CachedPage>();
  private readonly inflight = new Map<string, Promise<CachedPage>>();
  private readonly memos = new Map<string, Promise<unknown>>();
  private readonly fragmentMemo = new Map<string, string>();
  private generation = 0;
  private bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes = DEFAULT_PAGE_CACHE_BYTES,
  ) {}

  clear(): void {
    this.generation++;
    this.pages.clear();
    this.bytes = 0;
    this.inflight.clear();
    this.memos.clear();
    this.fragmentMemo.clear();
  }

  get size(): number {
    return this.pages.size;
  }

  /** Bytes of page bodies held. */
  get sizeBytes(): number {
    return this.bytes;
  }

  /** The warm path: a map lookup, and the page moves to the young end. */
  peek(key: string): CachedPage | undefined {
    const hit = this.pages.get(key);
    if (hit) {
      this.pages.delete(key);
      this.pages.set(key, hit);
    }
    return hit;
  }

  async get(key: string, render: () => Promise<Rendered>): Promise<CachedPage> {
    const hit = this.peek(key);
    if (hit) return hit;
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const gen = this.generation;
    const p = render()
      .then((r) => toPage(r))
      .then((page) => {
        if (gen === this.generation) this.keep(key, page);
        return page;
      })
      .finally(() => {
        if (this.inflight.get(key) === p) this.inflight.delete(key);
      });
    this.inflight.set(key, p);
    return p;
  }

  private keep(key: string, page: CachedPage): void {
    const size = page.body.length;
    if (this.maxEntries <= 0 || size > this.maxBytes) return;
    const old = this.pages.get(key);
    if (old) {
      this.pages.delete(key);
      this.bytes -= old.body.length;
    }
    while (this.pages.size && (this.pages.size >= this.maxEntries || this.bytes + size > this.maxBytes)) {
      const [oldestKey, oldest] = this.pages.entries().next().value as [string, CachedPage];
      this.pages.delete(oldestKey);
      this.bytes -= oldest.body.length;
    }
    this.pages.set(key, page);
    this.bytes += size;
  }

  /**
   * Rendered markup shared by pages (a story card, the masthead), bound to
   * the generation current when it is called. The render happens later, from
   * data read after this call; if content changes in between, the markup
   * is still returned but not kept, so the next generation renders its own.
   */
  fragments(): Fragments {
    const gen = this.generation;
    return (key, render) => {
      const hit = this.fragmentMemo.get(key);
      if (hit !== undefined && gen === this.generation) return hit;
      const html = render();
      if (gen === this.generation) {
        // Flatten it once now: a rendered string is a rope of thousands of pieces, and every page
        // that embeds it would otherwise walk them all again when its bytes are written.
        html.charCodeAt(0);
        if (this.fragmentMemo.size >= MAX_FRAGMENTS) this.fragmentMemo.delete(this.fragmentMemo.keys().next().value as string);
        this.fragmentMemo.set(key, html);
      }
      return html;
    };
  }

  /**
   * Content that many pages share (the section list, each tag's newest
   * stories), loaded once per content generation: it is cleared with the
   * pages, so it is exactly as fresh as they are. It works with the page
   * cache off too, where it is what keeps a page that is not cached cheap
   * to render. A failed load is not kept.
   */
  memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.memos.get(key) as Promise<T> | undefined;
    if (hit) return hit;
    const p = load();
    if (this.memos.size >= MAX_MEMOS) this.memos.delete(this.memos.keys().next().value as string);
    this.memos.set(key, p);
    p.catch(() => {
      if (this.memos.get(key) === p) this.memos.delete(key);
    });
    return p;
  }
}

/** Page bodies held at most: about 1,500 story pages. */
export const DEFAULT_PAGE_CACHE_BYTES = 32 * 2 ** 20;

/** Memo entries are a few summaries each, fragments a kilobyte or two: both bounded to some megabytes. */
const MAX_MEMOS = 2_000;
const MAX_FRAGMENTS = 5_000;

/** `(key, render) => markup`: the render's result, kept for the content generation. */
export type Fragments = (key: string, render: () => string) => string;

export const DEFAULT_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=30, stale-if-error=86400';

export function toPage(r: Rendered): CachedPage {
  const body = typeof r.body === 'string' ? Buffer.from(r.body) : r.body;
  const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
  return {
    status: r.status ?? 200,
    body,
    contentType: r.contentType,
    etag,
    lastModified: r.lastModified.toUTCString(),
    cacheControl: r.cacheControl ?? DEFAULT_CACHE_CONTROL,
  };
}

/** RFC 9110 §13.1.2: If-None-Match wins over If-Modified-Since when both are sent. */
export function isNotModified(page: CachedPage, ifNoneMatch: string | undefined, ifModifiedSince: string | undefined): boolean {
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch.split(',').some((t) => {
      const tag = t.trim();
      return tag === '*' || tag === page.etag || tag === `W/${page.etag}`;
    });
  }
  if (ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && Date.parse(page.lastModified) <= since;
  }
  return false;
}
