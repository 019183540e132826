/**
 * Search latency over N synthetic stories (the performance targets, issue 16: p95 over a
 * million stories < 10 ms on SQLite, < 25 ms on PostgreSQL), SQLite FTS5 and
 * PostgreSQL full text side by side on the same corpus and the same queries.
 *
 *   npm run bench:search -- [--stories N] [--queries Q] [--dialects sqlite,postgres]
 *                           [--keep FILE] [--reuse FILE] [--pg-keep] [--pg-reuse] [--no-grams]
 *
 * Both engines build the list of common words and every story's pairs
 * (common-grams, docs/search.md) before their index, with the code
 * `dateline search-grams build` runs; `--no-grams` leaves them out, to
 * compare.
 * `--keep FILE` copies the loaded SQLite database there; `--reuse FILE`
 * queries such a copy instead of loading (to profile without reloading).
 * `--pg-keep` leaves the PostgreSQL schema `bench_search_N` in place and
 * `--pg-reuse` queries it if it holds N stories, after running any new
 * migration on it and building its common-grams if it has none. PostgreSQL is
 * TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test.
 * Queries go through `SearchService.search` on a database opened the
 * production way (SQLite: WAL, synchronous=FULL): the call a page makes.
 */
import { NO_FEED } from '../src/domain/changes/index.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { HouseSpellingsService } from '../src/domain/house-spellings/index.ts';
import { SearchService } from '../src/domain/search/index.ts';
import { fixedClock } from '../src/domain/shared/clock.ts';
import { createPostgresDb, createSqliteDb, type Db } from '../src/storage/index.ts';
import { FIRST_STORY_AT, queryMix, storyGenerator, type QueryKind } from './search-corpus.ts';
import { dropPostgresCorpus, loadPostgresCorpus, postgresCorpusSize, upgradePostgresCorpus } from './search-postgres.ts';
import { loadSqliteCorpus, sqliteCorpusSize, sqliteIndexBytes, type LoadTimes } from './search-sqlite.ts';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const value = (name: string): string | undefined => (flag(name) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
function count(name: string, fallback: number): number {
  const n = Number(value(name) ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
}
const REUSE = value('reuse');
const STORIES = REUSE && !flag('stories') ? sqliteCorpusSize(REUSE) : count('stories', 1_000_000);
const QUERIES = count('queries', 1000);
const WARMUP = 50;
const DIALECTS = (value('dialects') ?? 'sqlite,postgres').split(',').map((d) => d.trim());
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PG_SCHEMA = `bench_search_${STORIES}`;
const TARGET_MS = { sqlite: 10, postgres: 25 };

interface Run {
  label: string;
  wall: number[];
  cpu: number[];
  byKind: Map<QueryKind, { wall: number[]; cpu: number[] }>;
  totals: number[];
  hits: number;
  loadBefore: number;
  loadAfter: number;
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x: number) => `${x.toFixed(1)} ms`.padStart(9);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

async function measure(label: string, db: Db): Promise<Run> {
  const gen = storyGenerator(STORIES);
  const clock = fixedClock(new Date(gen.last + 86_400_000));
  const search = new SearchService({ db, clock, houseSpellings: new HouseSpellingsService({ db, clock, changes: NO_FEED }) });
  const queries = queryMix(QUERIES + WARMUP, FIRST_STORY_AT, gen.last);
  const run: Run = { label, wall: [], cpu: [], byKind: new Map(), totals: [], hits: 0, loadBefore: os.loadavg()[0], loadAfter: 0 };
  for (const [i, q] of queries.entries()) {
    const c = process.cpuUsage();
    const t = performance.now();
    const r = await search.search(q.params);
    const wall = performance.now() - t;
    const d = process.cpuUsage(c);
    if (i < WARMUP) continue; // first touches of the page cache
    // CPU time of this process during the call: what the query costs, less what other work on a shared machine costs it.
    const cpu = (d.user + d.system) / 1000;
    run.wall.push(wall);
    run.cpu.push(cpu);
    run.totals.push(r.total + (r.totalIsLowerBound ? 0.5 : 0));
    run.hits += r.items.length;
    const k = run.byKind.get(q.kind) ?? { wall: [], cpu: [] };
    k.wall.push(wall);
    k.cpu.push(cpu);
    run.byKind.set(q.kind, k);
  }
  run.loadAfter = os.loadavg()[0];
  return run;
}

function report(run: Run, cpuNote: string): void {
  const w = sorted(run.wall);
  const c = sorted(run.cpu);
  console.log(`\n  ${run.label}: SearchService.search, ${w.length} queries (${(run.hits / w.length).toFixed(1)} hits a page on average); load average ${run.loadBefore.toFixed(1)} → ${run.loadAfter.toFixed(1)}`);
  console.log(`    wall   p50 ${ms(pct(w, 50))}   p95 ${ms(pct(w, 95))}   p99 ${ms(pct(w, 99))}   max ${ms(w[w.length - 1])}`);
  console.log(`    cpu    p50 ${ms(pct(c, 50))}   p95 ${ms(pct(c, 95))}   p99 ${ms(pct(c, 99))}   ${cpuNote}`);
  console.log(`    ${'kind'.padEnd(17)} ${'n'.padStart(4)}  ${'wall p50'.padStart(9)} ${'p95'.padStart(9)} ${'p99'.padStart(9)} ${'max'.padStart(9)}   ${'cpu p95'.padStart(9)}`);
  for (const [kind, xs] of [...run.byKind].sort(([a], [b]) => a.localeCompare(b))) {
    const kw = sorted(xs.wall);
    console.log(`    ${kind.padEnd(17)} ${String(kw.length).padStart(4)}  ${ms(pct(kw, 50))} ${ms(pct(kw, 95))} ${ms(pct(kw, 99))} ${ms(kw[kw.length - 1])}   ${ms(pct(sorted(xs.cpu), 95))}`);
  }
}

function printLoad(label: string, t: LoadTimes, build: string, extra: string): void {
  const grams = t.gramsMs === undefined ? '' : `common-grams ${(t.gramsMs / 1000).toFixed(1)} s (${t.gramsNote}); `;
  console.log(`  ${label}: rows loaded ${(t.loadMs / 1000).toFixed(1)} s; ${grams}${build} ${(t.buildMs / 1000).toFixed(1)} s; ${extra} ${(t.optimizeMs / 1000).toFixed(1)} s`);
}

async function runSqlite(): Promise<Run> {
  let file = REUSE;
  let dir = '';
  if (!file) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-search-bench-'));
    file = path.join(dir, 'bench.db');
    const t = await loadSqliteCorpus(file, STORIES, console.log, !flag('no-grams'));
    printLoad('sqlite', t, 'FTS5 index build (rebuild)', 'optimize (merge segments)');
    if (value('keep')) fs.copyFileSync(file, value('keep')!);
  } else console.log(`  sqlite: reusing ${file}`);
  console.log(`  sqlite: database file ${(fs.statSync(file).size / 1e9).toFixed(2)} GB, of which the FTS5 index ${(sqliteIndexBytes(file) / 1e9).toFixed(2)} GB`);
  const db = createSqliteDb(file);
  try {
    return await measure('SQLite FTS5 (embedded)', db);
  } finally {
    await db.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function runPostgres(): Promise<Run> {
  if (flag('pg-reuse') && (await postgresCorpusSize(PG_URL, PG_SCHEMA)) === STORIES) {
    console.log(`  postgres: reusing schema ${PG_SCHEMA}`);
    await upgradePostgresCorpus(PG_URL, PG_SCHEMA, !flag('no-grams'), console.log);
  } else printLoad('postgres', await loadPostgresCorpus(PG_URL, PG_SCHEMA, STORIES, console.log, !flag('no-grams')), 'GIN index build', 'vacuum + analyze');
  const db = createPostgresDb(PG_URL, { schema: PG_SCHEMA, max: 4 });
  try {
    return await measure('PostgreSQL tsvector/GIN', db);
  } finally {
    await db.close();
    if (!flag('pg-keep') && !flag('pg-reuse')) await dropPostgresCorpus(PG_URL, PG_SCHEMA);
    else console.log(`  postgres: schema ${PG_SCHEMA} kept`);
  }
}

async function main(): Promise<void> {
  console.log(`search bench: ${STORIES.toLocaleString('en')} stories, ${QUERIES} queries (+${WARMUP} warm-up), ${DIALECTS.join(' and ')}; node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const runs: Run[] = [];
  if (DIALECTS.includes('sqlite')) {
    const run = await runSqlite();
    report(run, '(the whole search runs in this process)');
    runs.push(run);
  }
  if (DIALECTS.includes('postgres')) {
    const run = await runPostgres();
    report(run, '(client side only: the server works in its own processes)');
    runs.push(run);
  }
  console.log('');
  for (const r of runs) {
    const p95 = pct(sorted(r.wall), 95);
    const target = r.label.startsWith('SQLite') ? TARGET_MS.sqlite : TARGET_MS.postgres;
    const verdict = p95 < target ? 'met' : 'NOT met';
    console.log(`  target: p95 < ${target} ms over 1,000,000 stories → ${r.label}: p95 ${p95.toFixed(1)} ms, ${verdict}${STORIES < 1_000_000 ? ` (this run: ${STORIES.toLocaleString('en')} stories)` : ''}`);
  }
  if (runs.length === 2) {
    const same = runs[0].totals.filter((t, i) => t === runs[1].totals[i]).length;
    console.log(`  the two engines report the same count (capped at 1,000) for ${same} of ${runs[0].totals.length} queries`);
  }
  console.log(`  RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
}

await main();
