import { Redis } from 'ioredis';
import { commentError } from './comments.errors.ts';

/**
 * Throttles keyed by salted hashes. Both checks take `now` from the domain
 * clock so tests and instances agree on time; answers are milliseconds to
 * wait (0 = allowed, and the hit is recorded).
 */
export interface RateLimiter {
  /** At most one hit per `intervalMs` for the key (WordPress: 15 s between comments). */
  spacing(key: string, intervalMs: number, nowMs: number): Promise<number>;
  /** At most `limit` hits per fixed window. */
  window(key: string, windowMs: number, limit: number, nowMs: number): Promise<number>;
  /**
   * Gives back hits whose comment could not be stored for a reason of ours
   * (the database away): the reader who sends it again is not told to wait.
   * A spacing hit is given back only if it is still the key's last one.
   */
  refund(hits: readonly LimiterHit[]): Promise<void>;
  close(): Promise<void>;
}

/** A hit a check recorded, as `refund` needs it. */
export type LimiterHit = { kind: 'spacing'; key: string; at: number } | { kind: 'window'; key: string; windowMs: number; at: number };

/** One process (embedded mode): a map, swept when it grows. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly last = new Map<string, { at: number; until: number }>();
  private readonly counts = new Map<string, { n: number; until: number }>();

  async spacing(key: string, intervalMs: number, nowMs: number): Promise<number> {
    const prev = this.last.get(key);
    if (prev && nowMs >= prev.at && nowMs - prev.at < intervalMs) return intervalMs - (nowMs - prev.at);
    this.sweep(nowMs);
    this.last.set(key, { at: nowMs, until: nowMs + intervalMs });
    return 0;
  }

  async window(key: string, windowMs: number, limit: number, nowMs: number): Promise<number> {
    const bucket = Math.floor(nowMs / windowMs);
    const k = `${key}:${bucket}`;
    const until = (bucket + 1) * windowMs;
    const c = this.counts.get(k) ?? { n: 0, until };
    if (c.n >= limit) return until - nowMs;
    if (c.n === 0) this.sweep(nowMs);
    c.n++;
    this.counts.set(k, c);
    return 0;
  }

  async refund(hits: readonly LimiterHit[]): Promise<void> {
    for (const h of hits) {
      if (h.kind === 'spacing') {
        if (this.last.get(h.key)?.at === h.at) this.last.delete(h.key);
        continue;
      }
      const c = this.counts.get(`${h.key}:${Math.floor(h.at / h.windowMs)}`);
      if (c && c.n > 0) c.n--;
    }
  }

  private sweep(nowMs: number): void {
    if (this.last.size + this.counts.size < 100_000) return;
    for (const [k, v] of this.last) if (v.until <= nowMs) this.last.delete(k);
    for (const [k, v] of this.counts) if (v.until <= nowMs) this.counts.delete(k);
  }

  async close(): Promise<void> {}
}

const SPACING_LUA = `
local last = redis.call('GET', KEYS[1])
local now = tonumber(ARGV[1])
local iv = tonumber(ARGV[2])
if last then
  local l = tonumber(last)
  if now >= l and now - l < iv then return iv - (now - l) end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 0`;

// A refused hit is not counted (as in MemoryRateLimiter), so a refund frees exactly one place.
const WINDOW_LUA = `
local c = tonumber(redis.call('GET', KEYS[1]) or '0')
if c >= tonumber(ARGV[2]) then return tonumber(ARGV[3]) end
if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 0`;

const REFUND_SPACING_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0`;

const REFUND_WINDOW_LUA = `
local c = tonumber(redis.call('GET', KEYS[1]) or '0')
if c > 0 then redis.call('DECR', KEYS[1]) end
return 0`;

/** How long a client is told to wait when the limiter itself is down. */
export const UNAVAILABLE_RETRY_SECONDS = 30;

/**
 * Scale-out mode: every instance shares one Redis. It fails CLOSED
 * (docs/architecture.md, hostile input: durability): when Redis cannot answer, the submission is refused
 * with 503 + Retry-After rather than let through unthrottled. No offline
 * queue, so a down Redis answers at once instead of piling up requests.
 */
export class RedisRateLimiter implements RateLimiter {
  private client: Redis | null = null;

  constructor(private readonly url: string, private readonly prefix = 'dateline:comments:') {}

  /** Connected on first use, so a CLI command that never takes a comment never opens Redis. */
  private get redis(): Redis {
    if (!this.client) {
      this.client = new Redis(this.url, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: 1_000,
        retryStrategy: (times) => Math.min(times * 200, 2_000),
      });
      this.client.on('error', () => undefined);
    }
    return this.client;
  }

  private async ready(): Promise<void> {
    const redis = this.redis;
    if (redis.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => (redis.off('ready', onReady), reject(new Error('redis not ready'))), 500);
      const onReady = () => (clearTimeout(timer), resolve());
      redis.once('ready', onReady);
    });
  }

  private async run(script: string, key: string, args: Array<string | number>): Promise<number> {
    try {
      await this.ready();
      return Number(await this.redis.eval(script, 1, this.prefix + key, ...args));
    } catch {
      throw commentError('rate_limit_unavailable', 'body', 'Comments are briefly unavailable; please try again in a moment.', UNAVAILABLE_RETRY_SECONDS);
    }
  }

  spacing(key: string, intervalMs: number, nowMs: number): Promise<number> {
    return this.run(SPACING_LUA, `s:${key}`, [nowMs, intervalMs, Math.max(1, intervalMs)]);
  }

  window(key: string, windowMs: number, limit: number, nowMs: number): Promise<number> {
    const bucket = Math.floor(nowMs / windowMs);
    return this.run(WINDOW_LUA, `w:${key}:${bucket}`, [windowMs * 2, limit, (bucket + 1) * windowMs - nowMs]);
  }

  async refund(hits: readonly LimiterHit[]): Promise<void> {
    for (const h of hits) {
      if (h.kind === 'spacing') await this.run(REFUND_SPACING_LUA, `s:${h.key}`, [h.at]);
      else await this.run(REFUND_WINDOW_LUA, `w:${h.key}:${Math.floor(h.at / h.windowMs)}`, []);
    }
  }

  async close(): Promise<void> {
    this.client?.disconnect();
    this.client = null;
  }
}
