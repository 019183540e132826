import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { createServices, type Services } from '../../src/main.ts';
import { openDatabase, type DialectName } from '../../src/storage/index.ts';
import { PG_URL, testRunId } from '../helpers/dialects.ts';

export const BIN = path.resolve(import.meta.dirname, '../../bin/dateline.mjs');

export interface CliEnv {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  cleanup(): Promise<void>;
}

/**
 * The environment a CLI child process sees: a temporary data folder, and on
 * PostgreSQL a schema of its own reached through DATABASE_URL's `options`
 * (the CLI reads DATABASE_URL only, like an operator's shell would).
 */
export async function cliEnv(dialect: DialectName): Promise<CliEnv> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `dateline-cli-${dialect}-`));
  // One process unless a test asks for workers (test/cli/workers.test.ts).
  const base = { PATH: process.env.PATH, HOME: process.env.HOME, DATELINE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATELINE_SEED_DEMO: 'false', WORKERS: '1' };
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (dialect === 'sqlite') return { env: base, dataDir, cleanup: async () => removeDir() };
  const schema = `cli_${testRunId()}_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create schema ${schema}`);
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    env: { ...base, DATABASE_URL: url },
    dataDir,
    // Dropped by scripts/run-tests.mjs after the run (see test/helpers/dialects.ts).
    async cleanup() {
      removeDir();
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A long-running child (serve), with its output so far and a way to wait for a line. */
export function startCli(args: string[], env: NodeJS.ProcessEnv) {
  const child: ChildProcess = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d) => (out.stdout += d));
  child.stderr!.on('data', (d) => (out.stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const waitFor = (re: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const m = out.stdout.match(re);
        if (m) return resolve(m), true;
        return false;
      };
      if (check()) return;
      child.stdout!.on('data', check);
      exited.then((code) => reject(new Error(`exited with ${code} before ${re}: ${out.stdout}\n${out.stderr}`)));
    });
  return { child, out, exited, waitFor };
}

/** Domain services on the same database the CLI used, to check what it did. */
export async function withCliServices<T>(env: NodeJS.ProcessEnv, fn: (s: Services) => Promise<T>): Promise<T> {
  const config = loadConfig(env);
  const db = openDatabase(config);
  const services = createServices(config, db);
  try {
    return await fn(services);
  } finally {
    await services.changes.stop();
    await db.close();
  }
}
