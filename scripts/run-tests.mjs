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
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
