import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.ts';
import { fixedClock, systemClock } from '../../src/domain/shared/clock.ts';
import { createApp, type App } from '../../src/main.ts';
import type { SafeFetch } from '../../src/domain/shared/safe-fetch.ts';
import { createPostgresDb, createSqliteDb, migrateToLatest, type Db, type DialectName } from '../../src/storage/index.ts';

/** Every storage test runs on each of these (docs/architecture.md, house conventions). `DIALECTS=sqlite` narrows a local run. */
export const DIALECTS: DialectName[] = (process.env.DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim()) as DialectName[];

/**
 * The test run a PostgreSQL schema belongs to (scripts/run-tests.mjs sets it
 * to its pid), so the runner drops a schema only once its run is over.
 */
export function testRunId(): string {
  return process.env.DATELINE_TEST_RUN ?? String(process.ppid);
}

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDb {
  db: Db;
  dataDir: string;
  cleanup(): Promise<void>;
}

/**
 * A fresh, migrated database: a temporary SQLite file, or a schema of its
 * own in the PostgreSQL `test` database, so suites can run side by side.
 */
export async function createTestDb(dialect: DialectName, opts: { migrate?: boolean } = {}): Promise<TestDb> {
  const migrate = opts.migrate ?? true;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `dateline-${dialect}-`));
  if (dialect === 'sqlite') {
    const db = createSqliteDb(path.join(dataDir, 'test.db'));
    if (migrate) await migrateToLatest(db);
    return { db, dataDir, cleanup: async () => (await db.close(), fs.rmSync(dataDir, { recursive: true, force: true })) };
  }
  const schema = `t_${testRunId()}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = createPostgresDb(PG_URL, { schema, max: 4 });
  if (migrate) await migrateToLatest(db);
  return {
    db,
    dataDir,
    // The schema is left for scripts/run-tests.mjs to drop after the run: a DROP SCHEMA
    // while another suite's migrator scans the catalog fails that suite
    // ("schema t_… does not exist"), so no schema is dropped while suites run.
    async cleanup() {
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function testConfig(dataDir: string, overrides: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({ DATELINE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATELINE_SEED_DEMO: 'false', SITE_URL: 'http://news.test', ...overrides });
}

export interface TestApp extends App {
  clock: ReturnType<typeof fixedClock>;
  cleanup(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra environment for the config (REDIS_URL, TRUST_PROXY_HOPS, …). */
  env?: NodeJS.ProcessEnv;
  /** Run on the real clock (browser tests whose timings a person's browser sets); `clock` is then unused by the app. */
  realClock?: boolean;
  /** What embed previews fetch with; by default nothing leaves the machine (every fetch fails, so embeds get the placeholder). */
  embedFetch?: SafeFetch;
}

const offlineFetch: SafeFetch = async (url) => {
  throw new Error(`tests do not reach the internet (${url})`);
};

/** A whole app (HTTP included, job runner off: tests run due jobs with `app.runner.runDue()`) on a fresh database, with a pinned clock. */
export async function createTestApp(dialect: DialectName, start = new Date('2026-05-21T10:00:00Z'), opts: TestAppOptions = {}): Promise<TestApp> {
  const t = await createTestDb(dialect);
  const clock = fixedClock(opts.realClock ? new Date() : start);
  const app = await createApp(testConfig(t.dataDir, opts.env), { db: t.db, clock: opts.realClock ? systemClock : clock, jobs: false, embedFetch: opts.embedFetch ?? offlineFetch });
  await app.server.ready();
  return Object.assign(app, {
    clock,
    async cleanup() {
      await app.changes.stop();
      await app.comments.close();
      await app.server.close();
      await t.cleanup();
    },
  });
}
