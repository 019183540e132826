/**
 * WordPress import at scale (issue 14 target: 100,000 posts with 300,000
 * comments in under 5 minutes and 300 MB on SQLite), on SQLite and
 * PostgreSQL, each run exactly as an operator runs it: `dateline import
 * wordpress FILE` through bin/dateline.mjs, which runs the server bundle
 * (dist/dateline.mjs, built first when stale) with plain node, in a child
 * process of its own on a fresh database.
 *
 *   npm run bench:import -- [--posts N] [--comments-per-post C] [--dialects sqlite,postgres] [--wxr FILE]
 *
 * The WXR is generated into a temporary folder (posts of ~400 words with
 * headings, lists and links, in 40 categories under 8 parents, 200 tags,
 * 20 authors; C comments each, one in three a reply). PostgreSQL is a
 * database of its own on the server of TEST_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test), dropped after.
 *
 * Peak RSS is the child's VmHWM: the larger of what bench/peak-rss.mjs
 * (preloaded in the child) reads from /proc/self/status as the process
 * exits, and what this process reads from /proc/PID/status every 100 ms
 * while it runs. Time is the command's own figure ("imported in N s",
 * from the first read of the file to the last page written) and the whole
 * process's wall time (start, migrations and the import).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { bundleIsFresh } from '../scripts/server-bundle.mjs';
import { ensureBundle } from './site-server.ts';
import { generateWxr } from './wxr.ts';

const argv = process.argv.slice(2);
const value = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TARGET = { seconds: 300, rssMb: 300 };
const ROOT = path.resolve(import.meta.dirname, '..');

interface RunResult {
  seconds: number;
  wallSeconds: number;
  stories: number;
  comments: number;
  rssMb: number;
}

/** VmHWM (kB) from a /proc status text, or 0. */
const hwmKb = (status: string): number => Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);

/** `node bin/dateline.mjs import wordpress FILE` on `env`'s database, as `npx dateline` runs it. */
async function runImport(file: string, env: NodeJS.ProcessEnv, dir: string): Promise<RunResult> {
  const peakFile = path.join(dir, 'peak-rss.json');
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', path.join(ROOT, 'bench/peak-rss.mjs'), path.join(ROOT, 'bin/dateline.mjs'), 'import', 'wordpress', file], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'silent', DATELINE_SEED_DEMO: 'false', PEAK_RSS_FILE: peakFile, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  // The progress line comes once a second: only the last few lines are kept, for a failure.
  child.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
  let polled = 0;
  const poll = setInterval(() => {
    try {
      polled = Math.max(polled, hwmKb(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8')));
    } catch {
      // Gone between the check and the read: the child's own report at exit has the figure.
    }
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearInterval(poll);
  const wallSeconds = (Date.now() - started) / 1000;
  if (code !== 0) throw new Error(`import exited with ${code}:\n${out}\n${err}`);
  const m = /imported in ([\d.]+) s: (\d+) new stories, \d+ updated, (\d+) comments/.exec(out);
  if (!m) throw new Error(`no summary in the import's output:\n${out}`);
  const reported = fs.existsSync(peakFile) ? (JSON.parse(fs.readFileSync(peakFile, 'utf8')) as { vmHwmKb: number }).vmHwmKb : 0;
  if (!reported && !polled) throw new Error('no peak RSS figure (is /proc there?)');
  return { seconds: Number(m[1]), wallSeconds, stories: Number(m[2]), comments: Number(m[3]), rssMb: Math.max(reported, polled) / 1024 };
}

/** A database of its own on the test server, for one run; dropped after. */
async function withPgDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `bench_import_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const posts = Number(value('posts') ?? 100_000);
  const perPost = Number(value('comments-per-post') ?? 3);
  const dialects = (value('dialects') ?? 'sqlite,postgres').split(',');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-import-'));
  try {
    // --wxr FILE: generate once into FILE and reuse it on later runs (iteration, profiling).
    const file = path.resolve(value('wxr') ?? path.join(dir, 'export.xml'));
    const t0 = Date.now();
    const reuse = value('wxr') !== undefined && fs.existsSync(file);
    if (!reuse) generateWxr(file, posts, perPost);
    const size = `${(fs.statSync(file).size / 1e6).toFixed(0)} MB`;
    console.log(reuse ? `reused ${file} (${size}; --posts ignored)` : `generated ${posts.toLocaleString('en')} posts, ${(posts * perPost).toLocaleString('en')} comments: ${size} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await ensureBundle();
    if (!bundleIsFresh()) throw new Error('dist/dateline.mjs is older than a source: the CLI would run the sources through tsx');
    console.log(`target (SQLite, 100,000 posts): under ${TARGET.seconds} s and ${TARGET.rssMb} MB peak RSS`);
    console.log('each run: node bin/dateline.mjs import wordpress FILE (the server bundle, plain node) in a child process');
    for (const dialect of dialects) {
      const dataDir = fs.mkdtempSync(path.join(dir, `${dialect}-`));
      const r =
        dialect === 'postgres'
          ? await withPgDatabase((url) => runImport(file, { DATELINE_DATA_DIR: dataDir, DATABASE_URL: url }, dataDir))
          : await runImport(file, { DATELINE_DATA_DIR: dataDir }, dataDir);
      const met = dialect === 'sqlite' && r.stories >= 100_000 ? `  (${r.seconds < TARGET.seconds ? 'met' : 'NOT met'}, ${r.rssMb < TARGET.rssMb ? 'met' : 'NOT met'})` : '';
      console.log(`${dialect.padEnd(9)} ${r.stories.toLocaleString('en')} stories, ${r.comments.toLocaleString('en')} comments in ${r.seconds.toFixed(1)} s (process ${r.wallSeconds.toFixed(1)} s): ${Math.round(r.stories / r.seconds).toLocaleString('en')} posts/s, peak RSS ${r.rssMb.toFixed(0)} MB${met}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
