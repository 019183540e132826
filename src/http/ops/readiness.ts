import fs from 'node:fs';
import path from 'node:path';

/** One line of /readyz: whether it passed, and figures or an error code, never a message that might hold a URL. */
export interface CheckResult {
  ok: boolean;
  [detail: string]: unknown;
}

export interface ReadinessProbes {
  /** Runs a query and lists migrations not yet applied; throws when the database cannot be reached. */
  database(): Promise<{ pending: string[] }>;
  /** PINGs Redis; absent when REDIS_URL is unset. */
  redis?(): Promise<void>;
  dataDir: string;
  minFreeBytes: number;
}

/** A check that hangs (a PostgreSQL host that drops packets) counts as failed after this. */
const CHECK_TIMEOUT_MS = 3_000;

export async function checkReadiness(p: ReadinessProbes): Promise<{ ready: boolean; checks: Record<string, CheckResult> }> {
  const checks: Record<string, CheckResult> = {};
  const [db, redis, disk] = await Promise.all([
    timed(p.database()).then(
      (r) => ({ ok: r.pending.length === 0, migrated: r.pending.length === 0, ...(r.pending.length ? { pending: r.pending } : {}) }),
      (e) => ({ ok: false, error: codeOf(e) }),
    ),
    p.redis ? timed(p.redis()).then(() => ({ ok: true }), (e) => ({ ok: false, error: codeOf(e) })) : null,
    checkDisk(p.dataDir, p.minFreeBytes),
  ]);
  checks.database = db;
  if (redis) checks.redis = redis;
  checks.disk = disk;
  return { ready: Object.values(checks).every((c) => c.ok), checks };
}

/**
 * Writable and roomy: a file is written, synced and removed in the data
 * folder (a read-only remount passes a free-space check), and the file
 * system must keep at least `minFree` bytes for the database to grow into.
 */
async function checkDisk(dir: string, minFree: number): Promise<CheckResult> {
  const probe = path.join(dir, `.ready-${process.pid}`);
  let freeBytes: number | undefined;
  try {
    const s = await fs.promises.statfs(dir);
    freeBytes = s.bavail * s.bsize;
    const fh = await fs.promises.open(probe, 'w');
    try {
      await fh.writeFile('ok');
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.promises.rm(probe, { force: true });
  } catch (e) {
    await fs.promises.rm(probe, { force: true }).catch(() => undefined);
    return { ok: false, writable: false, error: codeOf(e), ...(freeBytes === undefined ? {} : { freeBytes }), minFreeBytes: minFree };
  }
  return { ok: freeBytes >= minFree, writable: true, freeBytes, minFreeBytes: minFree };
}

function timed<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { code: 'TIMEOUT' })), CHECK_TIMEOUT_MS);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Driver and system error codes are safe to show; messages can carry host names and user names. */
function codeOf(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : 'UNAVAILABLE';
}
