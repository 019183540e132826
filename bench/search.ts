/**
 * Search latency over N synthetic stories, embedded (DESIGN §8: p95 < 25 ms
 * over a million stories). `node --import tsx bench/search.ts [--stories N] [--queries Q]`.
 *
 * Bulk load bypasses the articles service (a million service creates would
 * take hours) but not the search module: every row goes through the same
 * `buildSearchDocument` the indexer uses, into the same tables the migration
 * creates, and the FTS5 index is then built in one `rebuild` so its time can
 * be reported alone. Queries go through `SearchService.search` on a database
 * opened the production way (WAL, synchronous=FULL): the call a page makes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { HouseSpellingsService } from '../src/domain/house-spellings/index.ts';
import { buildSearchDocument, SearchService, type SearchParams } from '../src/domain/search/index.ts';
import { fixedClock } from '../src/domain/shared/clock.ts';
import { createSqliteDb, migrateToLatest } from '../src/storage/index.ts';
import { SQLITE_FTS_TRIGGERS, SQLITE_FTS_TRIGGER_NAMES } from '../src/storage/migrations/0002-search.ts';
import { prng } from './fixtures.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const n = i > 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
}
const STORIES = arg('stories', 1_000_000);
const QUERIES = arg('queries', 1000);
/** `--keep FILE`: copy the loaded database there (to profile queries without reloading). */
const KEEP = process.argv.includes('--keep') ? process.argv[process.argv.indexOf('--keep') + 1] : '';
const rand = prng(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

/** A 20,000-word vocabulary with a Zipf (s = 1) frequency, like newsroom prose. */
const SYL = ['ba', 'ko', 'ri', 'ta', 'mel', 'son', 'dar', 'vi', 'lu', 'pen', 'gro', 'ste', 'ham', 'wil', 'cor', 'est', 'ine', 'ul', 'ay', 'not'];
const VOCAB: string[] = [];
for (let i = 0; VOCAB.length < 20_000; i++) {
  let w = '';
  for (let n = i + 20; n > 0; n = Math.floor(n / 20)) w += SYL[n % 20];
  VOCAB.push(w);
}
const CUM: number[] = [];
VOCAB.reduce((acc, _w, i) => (CUM.push(acc + 1 / (i + 1)), acc + 1 / (i + 1)), 0);
function zipfWord(): string {
  const x = rand() * CUM[CUM.length - 1];
  let lo = 0;
  let hi = CUM.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (CUM[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCAB[lo];
}

/** Names in the spellings wire copy really uses (DESIGN §1, §6), plus distractors that must stay apart. */
const NAME_GROUPS = [
  ['Ghaani', 'Qaani', "Qa'ani"], ['Gaddafi', 'Qaddafi', 'Kadhafi'], ['Qassem', 'Qasem'], ['Mohammed', 'Muhammad'],
  ['Hamas'], ['Hamad'], ['Zürich', 'Zurich'], ['Erdoğan', 'Erdogan'], ['Nasrallah', 'Nasrollah'], ['Khamenei', 'Khamene\'i'],
];
const FIRST = ['Esmail', 'Ali', 'Sara', 'Leila', 'Omar', 'Reza', 'Nadia', 'Karim', 'Yusuf', 'Dana'];
const LAST = ['Ahmadi', 'Karimi', 'Haddad', 'Park', 'Becker', 'Novak', 'Rossi', 'Sato', 'Silva', 'Okafor'];

function words(n: number): string[] {
  return Array.from({ length: n }, () => zipfWord());
}
function sentence(n: number, name?: string): string {
  const w = words(n);
  if (name) w.splice(1 + Math.floor(rand() * (n - 1)), 0, name);
  w[0] = w[0][0].toUpperCase() + w[0].slice(1);
  return `${w.join(' ')}.`;
}

function loadCorpus(file: string): { loadMs: number; buildMs: number; optimizeMs: number; first: number; last: number } {
  const raw = new BetterSqlite3(file);
  // A throwaway database: no journal while loading; WAL again before the queries run.
  raw.pragma('journal_mode = OFF');
  raw.pragma('synchronous = OFF');
  raw.pragma('cache_size = -400000');
  const now = new Date().toISOString();
  for (let s = 1; s <= 10; s++) raw.prepare('insert into sections (slug, name, created_at, updated_at) values (?, ?, ?, ?)').run(`s${s}`, `Section ${s}`, now, now);
  const people = Array.from({ length: 200 }, (_, i) => `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]}${i >= 100 ? ' Jr' : ''}`);
  people.forEach((name, i) => raw.prepare('insert into people (slug, name, created_at, updated_at) values (?, ?, ?, ?)').run(`p${i + 1}`, name, now, now));
  for (const t of SQLITE_FTS_TRIGGER_NAMES) raw.exec(`drop trigger ${t}`);

  const insArticle = raw.prepare(`insert into articles (id, slug, headline, dek, body, body_text, word_count, language, section_id, status, published_at, first_published_at, created_at, updated_at)
    values (?, ?, ?, ?, '{"type":"doc","content":[]}', '', ?, 'en', ?, 'published', ?, ?, ?, ?)`);
  const insByline = raw.prepare('insert into article_bylines (article_id, person_id, position) values (?, ?, ?)');
  const insDoc = raw.prepare(`insert into search_documents (article_id, order_key, status, published_at, section_id, headline, dek, body, people, tags, names)
    values (?, ?, 'published', ?, ?, ?, ?, ?, ?, ?, ?)`);
  // Ten years of stories, oldest first, so ids rise with publication time as in a real archive.
  const first = Date.parse('2016-01-01T00:00:00Z');
  const step = Math.floor((10 * 365 * 86_400_000) / STORIES);
  const t0 = performance.now();
  const batch = raw.transaction((from: number, to: number) => {
    for (let id = from; id < to; id++) {
      const at = new Date(first + id * step).toISOString();
      const section = 1 + (id % 10);
      const p1 = 1 + Math.floor(rand() * 200);
      const withName = rand() < 0.3 ? pick(pick(NAME_GROUPS)) : undefined;
      const headline = sentence(7, rand() < 0.3 ? withName : undefined).slice(0, -1);
      const dek = sentence(16);
      const body = [sentence(14, withName), sentence(12), sentence(14, `${pick(FIRST)} ${pick(LAST)}`), sentence(12), sentence(14), sentence(12), sentence(14), sentence(13)].join(' ');
      insArticle.run(id, `story-${id}`, headline, dek, 120, section, at, at, at, at);
      insByline.run(id, p1, 0);
      const d = buildSearchDocument({ id, status: 'published', publishedAt: at, sectionId: section, headline, dek, bodyText: body, people: [people[p1 - 1]], tags: [pick(VOCAB.slice(0, 300)), pick(VOCAB.slice(0, 300))] });
      insDoc.run(id, d.orderKey, at, section, d.headline, d.dek, d.body, d.people, d.tags, d.names);
    }
  });
  for (let from = 1; from <= STORIES; from += 20_000) {
    batch(from, Math.min(STORIES + 1, from + 20_000));
    if ((from - 1) % 200_000 === 0 && from > 1) process.stdout.write(`  loaded ${from - 1} rows\n`);
  }
  const t1 = performance.now();
  raw.exec(`insert into search_fts(search_fts) values ('rebuild')`);
  const t2 = performance.now();
  raw.exec(`insert into search_fts(search_fts) values ('optimize')`);
  const t3 = performance.now();
  for (const t of SQLITE_FTS_TRIGGERS) raw.exec(t);
  raw.exec('analyze');
  raw.pragma('journal_mode = WAL');
  raw.close();
  return { loadMs: t1 - t0, buildMs: t2 - t1, optimizeMs: t3 - t2, first, last: first + STORIES * step };
}

type Kind = 'common word' | 'rare word' | 'name variant' | 'phrase' | 'two words' | 'filtered' | 'very common word';
function makeQuery(first: number, last: number): { kind: Kind; params: SearchParams } {
  const r = rand();
  const rank = (lo: number, hi: number) => VOCAB[lo + Math.floor(rand() * (hi - lo))];
  if (r < 0.05) return { kind: 'very common word', params: { q: rank(0, 20) } };
  if (r < 0.35) return { kind: 'common word', params: { q: rank(20, 1000) } };
  if (r < 0.5) return { kind: 'rare word', params: { q: rank(1000, 20_000) } };
  if (r < 0.7) return { kind: 'name variant', params: { q: pick(pick(NAME_GROUPS)), sort: rand() < 0.3 ? 'newest' : 'relevance' } };
  if (r < 0.8) return { kind: 'phrase', params: { q: `"${rank(0, 200)} ${rank(0, 200)}"` } };
  if (r < 0.9) return { kind: 'two words', params: { q: `${rank(20, 2000)} ${rank(20, 2000)}`, offset: rand() < 0.3 ? '20' : undefined } };
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const from = first + rand() * (last - first) * 0.9;
  return {
    kind: 'filtered',
    params: { q: rand() < 0.5 ? rank(20, 1000) : pick(pick(NAME_GROUPS)), section: `s${1 + Math.floor(rand() * 10)}`, author: rand() < 0.3 ? `p${1 + Math.floor(rand() * 200)}` : undefined, from: day(from), to: day(from + 90 * 86_400_000), sort: rand() < 0.5 ? 'newest' : 'relevance' },
  };
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-search-bench-'));
  const file = path.join(dir, 'bench.db');
  try {
    const setup = createSqliteDb(file);
    await migrateToLatest(setup);
    await setup.close();
    console.log(`search bench: ${STORIES.toLocaleString('en')} stories, ${QUERIES} queries, SQLite FTS5 (embedded), node ${process.version}, ${os.cpus().length} CPUs`);
    const load = loadCorpus(file);
    if (KEEP) fs.copyFileSync(file, KEEP);
    const size = fs.statSync(file).size;
    console.log(`  rows loaded (articles, bylines, search_documents): ${(load.loadMs / 1000).toFixed(1)} s`);
    console.log(`  FTS5 index build (rebuild): ${(load.buildMs / 1000).toFixed(1)} s; optimize (merge segments): ${(load.optimizeMs / 1000).toFixed(1)} s`);
    console.log(`  database file: ${(size / 1e9).toFixed(2)} GB; RSS after load ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);

    const db = createSqliteDb(file);
    const clock = fixedClock(new Date(load.last + 86_400_000));
    const search = new SearchService({ db, clock, houseSpellings: new HouseSpellingsService({ db, clock }) });
    const queries = Array.from({ length: QUERIES + 50 }, () => makeQuery(load.first, load.last));
    const times: number[] = [];
    const cpuTimes: number[] = [];
    const byKind = new Map<Kind, number[]>();
    let hits = 0;
    const load0 = os.loadavg()[0];
    for (const [i, q] of queries.entries()) {
      const c = process.cpuUsage();
      const t = performance.now();
      const r = await search.search(q.params);
      const dt = performance.now() - t;
      const dc = process.cpuUsage(c);
      if (i < 50) continue; // warm-up: first touches of the page cache
      times.push(dt);
      cpuTimes.push((dc.user + dc.system) / 1000);
      hits += r.items.length;
      byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), dt]);
    }
    times.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    console.log(`\n  SearchService.search, ${times.length} queries (${(hits / times.length).toFixed(1)} hits a page on average); load average ${load0.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}:`);
    console.log(`  wall   p50 ${ms(pct(times, 50))}   p95 ${ms(pct(times, 95))}   p99 ${ms(pct(times, 99))}   max ${ms(times[times.length - 1])}`);
    // CPU time of the process during the call: what the query costs, less what other processes on a shared machine cost it.
    console.log(`  cpu    p50 ${ms(pct(cpuTimes, 50))}   p95 ${ms(pct(cpuTimes, 95))}   p99 ${ms(pct(cpuTimes, 99))}`);
    console.log(`  target (DESIGN §8): p95 < 25 ms over 1,000,000 stories → ${pct(times, 95) < 25 ? 'met' : 'NOT met'}${STORIES < 1_000_000 ? ` (this run: ${STORIES.toLocaleString('en')} stories)` : ''}`);
    for (const [kind, xs] of [...byKind].sort()) {
      xs.sort((a, b) => a - b);
      console.log(`    ${kind.padEnd(17)} n=${String(xs.length).padStart(4)}  p50 ${ms(pct(xs, 50)).padStart(9)}  p95 ${ms(pct(xs, 95)).padStart(9)}  max ${ms(xs[xs.length - 1]).padStart(9)}`);
    }
    console.log(`  RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
    await db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
