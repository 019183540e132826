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
 * Suites give PostgreSQL a schema each (t_…, cli_…) and leave it: dropping one
 * while another suite's migrator scans the catalog makes that suite fail.
 * They are dropped here, before and after the run, when nothing else runs.
 */
async function dropTestSchemas() {
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    const { rows } = await c.query("select nspname from pg_namespace where nspname ~ '^(t|cli)_[0-9a-f]{12}$'");
    for (const r of rows) await c.query(`drop schema "${r.nspname}" cascade`);
  } catch (e) {
    console.error(`note: could not clean test schemas (${e.message})`);
  } finally {
    await c.end().catch(() => undefined);
  }
}

await dropTestSchemas();
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
await dropTestSchemas();
process.exit(result.status ?? 1);
