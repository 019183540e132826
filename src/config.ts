import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { parseConfiguredProviders, type ConfiguredProvider } from './domain/embeds/index.ts';

/**
 * One validated, frozen configuration read from the environment at boot.
 * Every variable is documented in the README; a bad value stops the boot
 * with a message naming the variable rather than failing later at random.
 */
export interface Config {
  readonly host: string;
  readonly port: number;
  /** Public origin used in canonical links, feeds and emails (never the Host header). */
  readonly siteUrl: string;
  readonly dataDir: string;
  /** `sqlite:` path or `postgres://` URL. */
  readonly databaseUrl: string;
  readonly dialect: 'sqlite' | 'postgres';
  readonly redisUrl: string | null;
  readonly logLevel: string;
  /** Seed demo content when the database holds no article yet. */
  readonly seedDemo: boolean;
  /** Hops of reverse proxies whose X-Forwarded-For is trusted. */
  readonly trustProxy: number;
  /**
   * Addresses and CIDRs (TRUSTED_PROXIES) of the reverse proxies allowed to
   * set X-Forwarded-For and X-Request-Id; a connection from anywhere else
   * is taken at its socket address, whatever headers it sends.
   */
  readonly trustedProxies: readonly string[];
  /** Fraction of requests written to the access log (ACCESS_LOG_SAMPLE); 5xx answers are always logged. */
  readonly accessLogSample: number;
  /** Bearer token that opens /metrics to other hosts (METRICS_TOKEN); loopback needs none. */
  readonly metricsToken: string | null;
  /** /readyz fails when the data folder's file system has less free space than this (READY_MIN_FREE_MB). */
  readonly readyMinFreeBytes: number;
  readonly pageCacheEntries: number;
  /** Searches (site page and Content API) per client IP per minute; 0: unlimited. */
  readonly searchRateLimit: number;
  /** Seconds a job claim lasts without a heartbeat: how soon another instance takes over a dead one's job (docs/jobs.md). */
  readonly jobLeaseSeconds: number;
  /** `smtp://user:pass@host:port` or `smtps://…`; null: no mail is sent (reset links fail loudly in the log). */
  readonly smtpUrl: string | null;
  /** From header of staff mail (password resets, invitations). */
  readonly mailFrom: string;
  /**
   * 32-byte key that seals TOTP secrets and queued mail at rest
   * (DATELINE_SECRET_KEY); null: kept in the data folder's secret.key,
   * created at first start. Every instance on one database needs the same key.
   */
  readonly secretKey: Buffer | null;
  /** Uploaded and generated images (DATELINE_MEDIA_DIR): one folder every instance shares. */
  readonly mediaDir: string;
  /** Varnish (or other) hosts that take `PURGE` with an `xkey` header for every applied change. */
  readonly purgeUrls: readonly string[];
  /** How often an instance reads the change feed when no wake-up came (ms). */
  readonly changePollMs: number;
  /** Processes `dateline serve` runs on one port (WORKERS); 1 is a single process. */
  readonly workers: number;
  /** Operator-added oEmbed providers (EMBED_PROVIDERS), on top of the built-in embed table. */
  readonly embedProviders: readonly ConfiguredProvider[];
}

export class ConfigError extends Error {}

function readInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

function readBool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function readUrl(name: string, raw: string, protocols: string[]): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL: "${raw}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, got "${url.protocol}"`);
  }
  return raw;
}

/** Like readUrl, but the message never repeats the value: it holds the SMTP password. */
function readSmtpUrl(raw: string): string {
  try {
    return readUrl('SMTP_URL', raw, ['smtp:', 'smtps:']);
  } catch {
    throw new ConfigError('SMTP_URL must look like smtp://user:pass@host:587 or smtps://user:pass@host:465');
  }
}

/** 64 hex digits, or 32 bytes in base64 / base64url: `openssl rand -hex 32`. */
function readSecretKey(raw: string | undefined): Buffer | null {
  if (raw === undefined || raw === '') return null;
  const text = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(text) ? Buffer.from(text, 'base64url') : null;
  if (!key || key.length !== 32) throw new ConfigError('DATELINE_SECRET_KEY must be 32 random bytes as 64 hex digits (openssl rand -hex 32) or base64');
  return key;
}

/** `10.0.0.1, 192.168.0.0/16, ::1` → each checked to be an address or a CIDR block. */
function readProxies(raw: string | undefined): string[] {
  if (!raw || !raw.trim()) return [];
  return raw.split(/[\s,]+/).filter(Boolean).map((entry) => {
    const [addr, bits, extra] = entry.split('/');
    const family = net.isIP(addr);
    const max = family === 4 ? 32 : 128;
    const okBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max);
    if (!family || !okBits || extra !== undefined) throw new ConfigError(`TRUSTED_PROXIES must list IP addresses or CIDR blocks (10.0.0.0/8), got "${entry}"`);
    return entry;
  });
}

function readFraction(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new ConfigError(`${name} must be a number from 0 to 1, got "${raw}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const host = env.HOST || '127.0.0.1';
  const port = readInt(env, 'PORT', 8080, 0, 65535);
  const dataDir = path.resolve(env.DATELINE_DATA_DIR || 'data');
  const databaseUrl = env.DATABASE_URL || `sqlite:${path.join(dataDir, 'dateline.db')}`;
  let dialect: Config['dialect'];
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) dialect = 'postgres';
  else if (databaseUrl.startsWith('sqlite:')) dialect = 'sqlite';
  else throw new ConfigError(`DATABASE_URL must start with postgres:// or sqlite:, got "${databaseUrl}"`);
  const defaultSite = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  const siteUrl = readUrl('SITE_URL', (env.SITE_URL || defaultSite).replace(/\/+$/, ''), ['http:', 'https:']);
  const redisUrl = env.REDIS_URL ? readUrl('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:']) : null;
  const logLevel = env.LOG_LEVEL || 'info';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  const smtpUrl = env.SMTP_URL ? readSmtpUrl(env.SMTP_URL) : null;
  const mailFrom = env.MAIL_FROM || `Dateline <no-reply@${new URL(siteUrl).hostname}>`;
  if (/[\r\n]/.test(mailFrom) || !/@/.test(mailFrom)) throw new ConfigError('MAIL_FROM must be one address such as "Newsroom <news@example.com>"');
  return Object.freeze({
    host,
    port,
    siteUrl,
    dataDir,
    databaseUrl,
    dialect,
    redisUrl,
    logLevel,
    seedDemo: readBool(env, 'DATELINE_SEED_DEMO', true),
    trustProxy: readInt(env, 'TRUST_PROXY_HOPS', 0, 0, 10),
    trustedProxies: Object.freeze(readProxies(env.TRUSTED_PROXIES)),
    accessLogSample: readFraction(env, 'ACCESS_LOG_SAMPLE', 1),
    metricsToken: readMetricsToken(env.METRICS_TOKEN),
    readyMinFreeBytes: readInt(env, 'READY_MIN_FREE_MB', 100, 0, 10_000_000) * 2 ** 20,
    pageCacheEntries: readInt(env, 'PAGE_CACHE_ENTRIES', 5000, 0, 1_000_000),
    searchRateLimit: readInt(env, 'SEARCH_RATE_LIMIT', 120, 0, 1_000_000),
    jobLeaseSeconds: readInt(env, 'JOB_LEASE_SECONDS', 30, 1, 3600),
    smtpUrl,
    mailFrom,
    secretKey: readSecretKey(env.DATELINE_SECRET_KEY),
    mediaDir: path.resolve(env.DATELINE_MEDIA_DIR || path.join(dataDir, 'media')),
    purgeUrls: (env.PURGE_URLS ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean)
      .map((u) => readUrl('PURGE_URLS', u, ['http:', 'https:'])),
    changePollMs: readInt(env, 'CHANGE_POLL_MS', 1000, 50, 60_000),
    workers: readInt(env, 'WORKERS', os.availableParallelism(), 1, 64),
    embedProviders: readEmbedProviders(env.EMBED_PROVIDERS),
  });
}

/** Long enough that guessing it is hopeless; never repeated in a message. */
function readMetricsToken(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  if (raw.length < 16 || /\s/.test(raw)) throw new ConfigError('METRICS_TOKEN must be at least 16 characters with no spaces (openssl rand -hex 16)');
  return raw;
}

/** A JSON list of oEmbed providers; a mistake stops the start rather than refusing embeds later. */
function readEmbedProviders(raw: string | undefined): ConfiguredProvider[] {
  if (raw === undefined || raw.trim() === '') return [];
  try {
    return parseConfiguredProviders(raw);
  } catch (e) {
    throw new ConfigError(`EMBED_PROVIDERS: ${(e as Error).message}`);
  }
}
