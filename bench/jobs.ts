/**
 * The job runner (docs/jobs.md): jobs claimed and finished per second on
 * SQLite and PostgreSQL with one and two workers, and the delay from a
 * job's due time to its start (p50/p99). `npm run bench:jobs`.
 *
 * Workers are separate processes (this file with BENCH_ROLE=worker), each
 * a JobRunner as `dateline serve` runs it (4 jobs at once, 1 s poll) on its
 * own database connection, with a handler that does nothing: what is
 * measured is the runner's own cost, the claim and the completion. Times
 * come from the table (started_at, finished_at, run_at), not from polling.
 * Reference in the same run: the same two single-row UPDATEs per job
 * (claim, complete) sent one after the other with no runner around them.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Db } from '../src/storage/index.ts';

const JOBS = Number(process.env.BENCH_JOBS ?? 1000);
const DELAYED = Number(process.env.BENCH_DELAYED ?? 300);
/** Due times of the delay run are spread over this window, starting a little after enqueue. */
const SPREAD_MS = 4_000;
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const KIND = 'bench';

async function worker(): Promise<void> {
  const { createPostgresDb, createSqliteDb } = await import('../src/storage/index.ts');
  const { JobQueue } = await import('../src/domain/jobs/index.ts');
  const { JobRunner } = await import('../src/jobs/runner.ts');
  const { systemClock } = await import('../src/domain/shared/clock.ts');
  const url = process.env.BENCH_DB!;
  const db = url.startsWith('postgres') ? createPostgresDb(url) : createSqliteDb(url);
  const runner = new JobRunner({ queue: new JobQueue({ db, clock: systemClock }), onError: (e) => console.error(e) }).define(KIND, { handle: async () => undefined });
  process.on('message', async (m: string) => {
    if (m === 'start') runner.start();
    if (m === 'stop') {
      await runner.stop();
      await db.close();
      process.exit(0);
    }
  });
  process.send!('ready');
}

function startWorkers(n: number, dbUrl: string): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: n }, () => {
      const child = fork(import.meta.filename, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, BENCH_ROLE: 'worker', BENCH_DB: dbUrl }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      return new Promise<ChildProcess>((resolve, reject) => {
        child.once('message', () => resolve(child));
        child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
      });
    }),
  );
}

async function stopWorkers(children: ChildProcess[]): Promise<void> {
  await Promise.all(children.map((c) => new Promise((r) => (c.once('exit', r), c.send('stop')))));
}

async function waitAllDone(db: Db, total: number): Promise<void> {
  for (;;) {
    const r = await db.kysely.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', KIND).where('state', '=', 'done').executeTakeFirstOrThrow();
    if (Number(r.n) >= total) return;
    await new Promise((res) => setTimeout(res, 20));
  }
}

async function enqueue(db: Db, n: number, runAt: (i: number) => Date): Promise<void> {
  const { JobQueue } = await import('../src/domain/jobs/index.ts');
  const { systemClock } = await import('../src/domain/shared/clock.ts');
  const queue = new JobQueue({ db, clock: systemClock });
  await db.kysely.transaction().execute(async (trx) => {
    for (let i = 0; i < n; i++) await queue.enqueue(trx, KIND, { i }, { runAt: runAt(i) });
  });
}

/** Jobs/s from the table: first start to last finish. */
async function throughput(db: Db, workers: number, dbUrl: string): Promise<{ perSecond: number; perWorker: number[] }> {
  await db.kysely.deleteFrom('jobs').execute();
  const children = await startWorkers(workers, dbUrl);
  await enqueue(db, JOBS, () => new Date());
  for (const c of children) c.send('start');
  await waitAllDone(db, JOBS);
  await stopWorkers(children);
  const r = await db.kysely.selectFrom('jobs').select((eb) => [eb.fn.min('started_at').as('first'), eb.fn.max('finished_at').as('last')]).executeTakeFirstOrThrow();
  const owners = await db.kysely.selectFrom('jobs').select(['locked_by', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('locked_by').execute();
  const seconds = (Date.parse(r.last as string) - Date.parse(r.first as string)) / 1000;
  return { perSecond: JOBS / seconds, perWorker: owners.map((o) => Number(o.n)) };
}

/** Due-to-start delay: jobs due over the next few seconds, workers already running and idle. */
async function delays(db: Db, dbUrl: string): Promise<number[]> {
  await db.kysely.deleteFrom('jobs').execute();
  const children = await startWorkers(1, dbUrl);
  for (const c of children) c.send('start');
  await new Promise((r) => setTimeout(r, 500));
  const base = Date.now() + 1_500;
  await enqueue(db, DELAYED, (i) => new Date(base + Math.floor((i * SPREAD_MS) / DELAYED)));
  await waitAllDone(db, DELAYED);
  await stopWorkers(children);
  const rows = await db.kysely.selectFrom('jobs').select(['run_at', 'started_at']).execute();
  return rows.map((r) => Date.parse(r.started_at!) - Date.parse(r.run_at)).sort((a, b) => a - b);
}

/** The floor: the same two single-row writes per job, one after the other, no runner. */
async function reference(db: Db): Promise<number> {
  await db.kysely.deleteFrom('jobs').execute();
  await enqueue(db, JOBS, () => new Date());
  const ids = (await db.kysely.selectFrom('jobs').select('id').execute()).map((r) => r.id);
  const t0 = performance.now();
  for (const id of ids) {
    const now = new Date().toISOString();
    await db.kysely.updateTable('jobs').set({ state: 'running', locked_by: 'ref', started_at: now }).where('id', '=', id).where('state', '=', 'waiting').execute();
    await db.kysely.updateTable('jobs').set({ state: 'done', finished_at: new Date().toISOString() }).where('id', '=', id).where('locked_by', '=', 'ref').execute();
  }
  return JOBS / ((performance.now() - t0) / 1000);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function freshDatabase(dialect: 'sqlite' | 'postgres'): Promise<{ db: Db; url: string; cleanup(): Promise<void> }> {
  const { createPostgresDb, createSqliteDb, migrateToLatest } = await import('../src/storage/index.ts');
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-jobs-'));
    const url = path.join(dir, 'bench.db');
    const db = createSqliteDb(url);
    await migrateToLatest(db);
    return { db, url, cleanup: async () => (await db.close(), fs.rmSync(dir, { recursive: true, force: true })) };
  }
  const schema = `bench_jobs_${process.pid}`;
  const admin = createPostgresDb(PG_URL);
  await sql.raw(`drop schema if exists ${schema} cascade; create schema ${schema}`).execute(admin.kysely);
  await admin.close();
  const u = new URL(PG_URL);
  u.searchParams.set('options', `-c search_path=${schema}`);
  const db = createPostgresDb(u.toString());
  await migrateToLatest(db);
  return {
    db,
    url: u.toString(),
    async cleanup() {
      await db.close();
      const again = createPostgresDb(PG_URL);
      await sql.raw(`drop schema if exists ${schema} cascade`).execute(again.kysely);
      await again.close();
    },
  };
}

async function run(dialect: 'sqlite' | 'postgres'): Promise<void> {
  const { db, url, cleanup } = await freshDatabase(dialect);
  try {
    const ref = await reference(db);
    const one = await throughput(db, 1, url);
    const two = await throughput(db, 2, url);
    const d = await delays(db, url);
    const name = dialect.padEnd(8);
    console.log(`${name} 1 worker   ${one.perSecond.toFixed(0).padStart(6)} jobs/s   (reference: 2 bare UPDATEs per job, one connection: ${ref.toFixed(0)} jobs/s)`);
    console.log(`${name} 2 workers  ${two.perSecond.toFixed(0).padStart(6)} jobs/s   (split ${two.perWorker.join(' / ')})`);
    console.log(`${name} due → start delay over ${d.length} jobs, 1 idle worker: p50 ${pct(d, 50)} ms, p99 ${pct(d, 99)} ms, max ${d.at(-1)} ms`);
  } finally {
    await cleanup();
  }
}

if (process.env.BENCH_ROLE === 'worker') {
  await worker();
} else {
  console.log(`Job runner: ${JOBS} no-op jobs per throughput run, ${DELAYED} jobs due over ${SPREAD_MS / 1000} s for the delay, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const t0 = performance.now();
  for (const d of (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as Array<'sqlite' | 'postgres'>) await run(d);
  console.log(`(bench took ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}
