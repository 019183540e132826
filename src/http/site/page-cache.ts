import { createHash } from 'node:crypto';
import zlib from 'node:zlib';

export interface CachedPage {
  status: number;
  /** The cache tags of everything the page shows (src/domain/changes/cache-tags.ts). */
  tags: readonly string[];
  /** The tags as one header value, joined once. */
  surrogateKey: string;
  body: Buffer;
  contentType: string;
  etag: string;
  lastModified: string;
  cacheControl: string;
  /** Headers of this page only (a CSP that lets in its embeds' players), sent over the site-wide ones. */
  headers?: Readonly<Record<string, string>>;
  /** Compressed copies, made on the first request that accepts each and kept with the page. */
  encoded: { br?: Buffer; gzip?: Buffer };
  /** Its key in the cache, once kept. */
  key?: string;
}

export type Encoding = 'br' | 'gzip';

export interface Rendered {
  status?: number;
  /** What the page shows, as cache tags; a page with none is purged only by a reset. */
  tags?: Iterable<string>;
  body: string | Buffer;
  contentType: string;
  lastModified: Date;
  cacheControl?: string;
  headers?: Readonly<Record<string, string>>;
}

/**
 * Public pages kept in memory, each with the cache tags of everything it
 * shows. A change purges exactly the pages that carry one of its tags (an
 * approved comment: its story page and comment feed; a caption: the pages
 * that show that image). A render in flight when a purge of one of its tags
 * lands is discarded rather than stored, so a page is never kept stale.
 *
 * The memos and fragments that renders share (section list, each tag's
 * newest stories, cards, masthead) are cheap to rebuild and hard to tag
 * finely, so any purge drops them all: they are exactly as fresh as the
 * pages.
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
  /** Cache key by tag, for purges. */
  private readonly byTag = new Map<string, Set<string>>();
  /** Purge counter, and the count at each tag's last purge while renders were in flight (cleared when none are). */
  private purges = 0;
  private readonly purgedAt = new Map<string, number>();
  /** Pages served from memory, and pages that had to be rendered (for /metrics and the scale bench). */
  readonly stats = { hits: 0, misses: 0, purged: 0 };

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes = DEFAULT_PAGE_CACHE_BYTES,
  ) {}

  /** Everything goes: the feed's reset (it may have missed changes), or PAGE_CACHE_ENTRIES=0 semantics in tests. */
  clear(): void {
    this.purge([ALL]);
  }

  /** Drops every page that carries one of `tags` (`*` drops all), and the shared memos and fragments. */
  purge(tags: Iterable<string>): void {
    this.purges++;
    this.generation++;
    this.memos.clear();
    this.fragmentMemo.clear();
    const inflight = this.inflight.size > 0;
    for (const tag of tags) {
      if (inflight) this.purgedAt.set(tag, this.purges);
      if (tag === ALL) {
        this.stats.purged += this.pages.size;
        this.pages.clear();
        this.byTag.clear();
        this.bytes = 0;
        continue;
      }
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) this.drop(key);
    }
  }

  /** True when a purge since `since` named one of the page's tags: its render may show what changed. */
  private purgedSince(tags: readonly string[], since: number): boolean {
    if ((this.purgedAt.get(ALL) ?? 0) > since) return true;
    return tags.some((t) => (this.purgedAt.get(t) ?? 0) > since);
  }

  private drop(key: string): void {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    this.bytes -= pageBytes(page);
    this.stats.purged++;
    for (const t of page.tags) {
      const keys = this.byTag.get(t);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(t);
    }
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
      this.stats.hits++;
    }
    return hit;
  }

  async get(key: string, render: () => Promise<Rendered>): Promise<CachedPage> {
    const hit = this.peek(key);
    if (hit) return hit;
    const pending = this.inflight.get(key);
    if (pending) return pending;
    this.stats.misses++;
    const since = this.purges;
    const p = render()
      .then((r) => toPage(r))
      .then((page) => {
        if (!this.purgedSince(page.tags, since)) this.keep(key, page);
        return page;
      })
      .finally(() => {
        if (this.inflight.get(key) === p) this.inflight.delete(key);
        if (this.inflight.size === 0) this.purgedAt.clear();
      });
    this.inflight.set(key, p);
    return p;
  }

  private keep(key: string, page: CachedPage): void {
    page.key = key;
    const size = pageBytes(page);
    if (this.maxEntries <= 0 || size > this.maxBytes) return;
    this.drop(key);
    while (this.pages.size && (this.pages.size >= this.maxEntries || this.bytes + size > this.maxBytes)) {
      this.drop(this.pages.keys().next().value as string);
    }
    this.pages.set(key, page);
    this.bytes += size;
    for (const t of page.tags) {
      let keys = this.byTag.get(t);
      if (!keys) this.byTag.set(t, (keys = new Set()));
      keys.add(key);
    }
  }

  /**
   * The page's body in `enc`, compressed once and kept with the page (and
   * counted in the cache's bytes), so a warm page costs no compression.
   * Pages under a kilobyte are sent as they are: compressing them saves less
   * than its framing costs.
   */
  encoded(page: CachedPage, enc: Encoding): Buffer | null {
    if (page.body.length < MIN_COMPRESS_BYTES) return null;
    const hit = page.encoded[enc];
    if (hit) return hit;
    const out =
      enc === 'br'
        ? zlib.brotliCompressSync(page.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: page.body.length } })
        : zlib.gzipSync(page.body, { level: 6 });
    page.encoded[enc] = out;
    if (page.key !== undefined && this.pages.get(page.key) === page) {
      this.bytes += out.length;
      // This page was just read, so it is the youngest: the oldest go first.
      while (this.bytes > this.maxBytes && this.pages.size > 1) this.drop(this.pages.keys().next().value as string);
    }
    return out;
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

const MIN_COMPRESS_BYTES = 1024;

const pageBytes = (p: CachedPage) => p.body.length + (p.encoded.br?.length ?? 0) + (p.encoded.gzip?.length ?? 0);

/** Page bodies held at most: about 1,500 story pages. */
export const DEFAULT_PAGE_CACHE_BYTES = 32 * 2 ** 20;

/** Memo entries are a few summaries each, fragments a kilobyte or two: both bounded to some megabytes. */
const MAX_MEMOS = 2_000;
const MAX_FRAGMENTS = 5_000;

/** `(key, render) => markup`: the render's result, kept for the content generation. */
export type Fragments = (key: string, render: () => string) => string;

const ALL = '*';

/**
 * Browsers revalidate every time (max-age=0: a 304 on the ETag they hold),
 * so a reader never sees a page older than the last change; shared caches (Varnish, a
 * CDN) keep it a day and are purged by tag (Surrogate-Key), and may serve
 * it for a day more if we are down.
 */
export const DEFAULT_CACHE_CONTROL = 'public, max-age=0, s-maxage=86400, stale-if-error=86400';

export function toPage(r: Rendered): CachedPage {
  const body = typeof r.body === 'string' ? Buffer.from(r.body) : r.body;
  const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
  const tags = [...new Set(r.tags ?? [])].sort();
  return {
    status: r.status ?? 200,
    tags,
    surrogateKey: tags.join(' '),
    body,
    contentType: r.contentType,
    etag,
    lastModified: r.lastModified.toUTCString(),
    cacheControl: r.cacheControl ?? DEFAULT_CACHE_CONTROL,
    ...(r.headers ? { headers: r.headers } : {}),
    encoded: {},
  };
}

/** RFC 9110 §13.1.2: If-None-Match wins over If-Modified-Since when both are sent. */
export function isNotModified(page: CachedPage, ifNoneMatch: string | undefined, ifModifiedSince: string | undefined): boolean {
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch.split(',').some((t) => {
      // A compressed copy's tag is the page's with `-br` or `-gzip` inside the quotes: the same content.
      const tag = t.trim().replace(/^W\//, '').replace(/-(br|gzip)"$/, '"');
      return tag === '*' || tag === page.etag;
    });
  }
  if (ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && Date.parse(page.lastModified) <= since;
  }
  return false;
}

/**
 * What the client takes, best first: brotli, then gzip, else none. A coding
 * refused with `q=0` does not count; `*` stands for any coding not named.
 */
export function pickEncoding(acceptEncoding: string | string[] | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of String(acceptEncoding).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q.set(name, qp ? Number(qp.slice(2)) || 0 : 1);
  }
  const accepts = (enc: Encoding) => (q.get(enc) ?? (q.has(enc) ? 0 : (q.get('*') ?? 0))) > 0;
  return accepts('br') ? 'br' : accepts('gzip') ? 'gzip' : null;
}
