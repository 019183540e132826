import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the metrics read from the rest of the app, wired in main.ts. */
export interface MetricsSources {
  /** Entries and bytes held, and lookups that found (or missed) a page since start. */
  pageCache(): { entries: number; bytes: number; hits: number; misses: number };
  /** PostgreSQL's pool; absent on SQLite, which has one connection and no pool. */
  pool?(): { total: number; idle: number; waiting: number };
  /** Calls `fn` with each query's duration in milliseconds; returns how to stop. */
  observeQueries?(fn: (ms: number) => void): () => void;
}

export type CommentOutcome = 'approved' | 'pending' | 'spam' | 'rejected' | 'refused' | 'unavailable';

/**
 * The operator's numbers in Prometheus text format. One Registry per app
 * (the tests build many apps in one process, and prom-client's global
 * registry would refuse the second set of names); gauges that mirror state
 * elsewhere are read when scraped, not kept up to date on every request.
 */
export class AppMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route'>;
  private readonly comments: Counter<'outcome' | 'reason'>;
  private readonly loop = monitorEventLoopDelay({ resolution: 20 });
  private readonly stopQueries: () => void;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    this.requests = new Counter({ name: 'dateline_http_requests_total', help: 'HTTP requests answered, by route pattern and status', labelNames: ['method', 'route', 'status'], registers });
    this.latency = new Histogram({
      name: 'dateline_http_request_duration_seconds',
      help: 'Time from request to response, by route pattern',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.comments = new Counter({ name: 'dateline_comment_decisions_total', help: 'Comment submissions by what happened to them', labelNames: ['outcome', 'reason'], registers });
    const cache = (pick: (s: ReturnType<MetricsSources['pageCache']>) => number) =>
      function (this: Gauge) {
        this.set(pick(sources.pageCache()));
      };
    new Gauge({ name: 'dateline_page_cache_entries', help: 'Rendered pages held in memory', registers, collect: cache((s) => s.entries) });
    new Gauge({ name: 'dateline_page_cache_bytes', help: 'Bytes of rendered pages held in memory', registers, collect: cache((s) => s.bytes) });
    mirroredCounter(registers, 'dateline_page_cache_hits_total', 'Page cache lookups that found the page', () => sources.pageCache().hits);
    mirroredCounter(registers, 'dateline_page_cache_misses_total', 'Page cache lookups that had to render', () => sources.pageCache().misses);
    if (sources.pool) {
      const pool = sources.pool;
      const g = new Gauge({ name: 'dateline_db_pool_connections', help: 'PostgreSQL pool connections by state', labelNames: ['state'], registers, collect() {
        const p = pool();
        g.set({ state: 'total' }, p.total);
        g.set({ state: 'idle' }, p.idle);
        g.set({ state: 'waiting' }, p.waiting);
      } });
    }
    const queries = new Histogram({ name: 'dateline_db_query_duration_seconds', help: 'Database query time', buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5], registers });
    this.stopQueries = sources.observeQueries?.((ms) => queries.observe(ms / 1000)) ?? (() => undefined);
    this.loop.enable();
    const loop = this.loop;
    new Gauge({ name: 'dateline_event_loop_lag_seconds', help: 'Event-loop delay since the last scrape', labelNames: ['quantile'], registers, collect() {
      this.set({ quantile: 'p50' }, loop.percentile(50) / 1e9);
      this.set({ quantile: 'p99' }, loop.percentile(99) / 1e9);
      this.set({ quantile: 'max' }, loop.max / 1e9);
      loop.reset();
    } });
    new Gauge({ name: 'dateline_process_memory_bytes', help: 'Process memory by kind', labelNames: ['kind'], registers, collect() {
      const m = process.memoryUsage();
      this.set({ kind: 'rss' }, m.rss);
      this.set({ kind: 'heap_used' }, m.heapUsed);
      this.set({ kind: 'heap_total' }, m.heapTotal);
      this.set({ kind: 'external' }, m.external);
    } });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.latency.observe({ method, route }, seconds);
  }

  commentDecision(outcome: CommentOutcome, reason = ''): void {
    this.comments.inc({ outcome, reason });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  close(): void {
    this.loop.disable();
    this.stopQueries();
    this.registry.clear();
  }
}

/** A counter kept elsewhere (PageCache.stats), brought up to its value at each scrape. */
function mirroredCounter(registers: Registry[], name: string, help: string, read: () => number): void {
  let seen = 0;
  new Counter({ name, help, registers, collect() {
    const now = read();
    if (now > seen) this.inc(now - seen);
    seen = now;
  } });
}
