#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with Node's own test runner
// (through tsx). Node 20's --test takes no globs, so the files are listed here.
// Extra arguments narrow the run: `npm test -- test/http` or a file path.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const roots = args.length ? args : ['src', 'test'];

function collect(p, out) {
  const abs = path.resolve(root, p);
  if (!fs.existsSync(abs)) return out;
  const st = fs.statSync(abs);
  if (st.isFile()) {
    if (abs.endsWith('.test.ts') || abs.endsWith('.test.tsx')) out.push(path.relative(root, abs));
    return out;
  }
  for (const name of fs.readdirSync(abs).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    collect(path.join(abs, name), out);
  }
  return out;
}

const files = roots.flatMap((r) => collect(r, []));
if (!files.length) {
  console.error('no test files found under', roots.join(', '));
  process.exit(1);
}
/**
 * Suites give PostgreSQL a schema each (t_<run>_…, cli_<run>_…, where <run>
 * is the pid of the test run that made it) and leave it: dropping one while
 * another suite's migrator scans the catalog makes that suite fail. They are
 * dropped here when nothing of theirs can still run: this run's own after it
 * ends, and at the start those of runs whose process is gone (so two runs at
 * once, on one machine, leave each other alone). Names without a run are
 * from older checkouts and go at the start.
 */
const RUN = String(process.pid);

function runAlive(pid) {
  if (pid === RUN) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

async function dropTestSchemas(which) {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    const { rows } = await c.query("select nspname from pg_namespace where nspname ~ '^(t|cli)_([0-9]+_)?[0-9a-f]{12}$'");
    for (const { nspname } of rows) {
      const run = /^(?:t|cli)_([0-9]+)_/.exec(nspname)?.[1];
      const drop = which === 'own' ? run === RUN : run === undefined || !runAlive(run);
      if (drop) await c.query(`drop schema "${nspname}" cascade`);
    }
  } catch (e) {
    console.error(`note: could not clean test schemas (${e.message})`);
  } finally {
    await c.end().catch(() => undefined);
  }
}

await dropTestSchemas('stale');
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', DATELINE_TEST_RUN: RUN } },
);
await dropTestSchemas('own');
process.exit(result.status ?? 1);
