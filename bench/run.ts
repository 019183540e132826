/**
 * `npm run bench`: the public site's speed targets (docs/architecture.md, performance targets), measured in
 * one run on this machine, each printed beside its target.
 *
 * Dateline runs as `npm start` runs it (the dist bundle, plain node) in its
 * own process, on SQLite. Warm pages are compared with a bare Node http
 * server returning the same bytes and headers, in the same run. Cold renders
 * have the page cache off and ask for a different story each time. Memory is
 * read from /proc after warm runs and after a pass over random stories, with
 * 100,000 stories (most of them SQL copies of the first 1,000).
 *
 * BENCH_SECONDS (10), BENCH_CONNECTIONS (32), BENCH_STORIES (3000),
 * BENCH_MEMORY_STORIES (100000; 0 skips), BENCH_KEEP=1 keeps and reuses the
 * seeded folders in .bench-data/. Cold renders run on PostgreSQL too
 * (BENCH_DATABASE_URL, a schema of their own; BENCH_PG=0 skips them);
 * BENCH_ONLY=cold runs the cold renders alone.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { storyPaths } from './bulk-stories.ts';
import { seedPgSite } from './pg-site.ts';
import { databaseFile, ensureBundle, seedSite, startSite, type SiteServer } from './site-server.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const STORIES = Number(process.env.BENCH_STORIES ?? 3000);
const MEMORY_STORIES = Number(process.env.BENCH_MEMORY_STORIES ?? 100_000);
const KEEP = process.env.BENCH_KEEP === '1';
/** BENCH_PG=0 skips the PostgreSQL cold renders; BENCH_ONLY=cold runs only the cold renders. */
const PG = process.env.BENCH_PG !== '0';
const ONLY_COLD = process.env.BENCH_ONLY === 'cold';
const here = import.meta.dirname;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Server CPU (user + system) per answered request, µs; null where /proc is missing. */
  cpuUs: number | null;
}

async function measure(url: string, server: SiteServer | null, paths?: string[], seconds = SECONDS, headers: Record<string, string> = {}): Promise<Figures> {
  let i = 0;
  const opts: autocannon.Options = { url, connections: CONNECTIONS, duration: seconds, headers };
  if (paths) opts.requests = [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }];
  // A short warm-up first, so JIT and connection set-up are not measured.
  await autocannon({ ...opts, duration: 2 });
  const cpu0 = server?.cpuMs() ?? null;
  const r = await autocannon(opts);
  const cpu1 = server?.cpuMs() ?? null;
  const cpuUs = cpu0 !== null && cpu1 !== null && r.requests.total ? ((cpu1 - cpu0) * 1000) / r.requests.total : null;
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, cpuUs };
}

function row(name: string, f: Figures, ref?: Figures): string {
  const ratio = ref ? `ratio ${(f.rps / ref.rps).toFixed(2)}` : '';
  const cpu = f.cpuUs !== null ? `cpu ${f.cpuUs.toFixed(0).padStart(5)} µs/req` : '';
  const bad = f.errors || f.non2xx ? `  (errors ${f.errors}, non-2xx ${f.non2xx})` : '';
  return `${name.padEnd(36)} ${f.rps.toFixed(0).padStart(7)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   ${cpu}   ${ratio}${bad}`;
}

const SKIP_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/** The bytes as sent (compressed ones too: fetch would decompress them) and the headers. */
function capture(url: string, sendHeaders: Record<string, string>) {
  return new Promise<{ body: string; headers: Record<string, string>; bytes: number }>((resolve, reject) => {
    http
      .get(url, { headers: sendHeaders }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`${url} answered ${res.statusCode}`));
          const body = Buffer.concat(chunks);
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (!SKIP_HEADERS.has(k) && typeof v === 'string') headers[k] = v;
          resolve({ body: body.toString('base64'), headers, bytes: body.length });
        });
      })
      .on('error', reject);
  });
}

/** The reference server, holding the exact bytes and headers Dateline sent for `url`. */
async function bare(url: string, sendHeaders: Record<string, string> = {}) {
  const fixture = await capture(url, sendHeaders);
  const child = fork(path.join(here, 'bare-server.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // The bare server answers only once it holds the bytes, so send them before waiting.
  const address = await new Promise<string>((r) => {
    child.once('message', (m: any) => r(m.address));
    child.send({ fixture });
  });
  return { address, bytes: fixture.bytes, stop: () => child.kill() };
}

function folder(stories: number): string {
  if (!KEEP) return fs.mkdtempSync(path.join(os.tmpdir(), `dateline-bench-${stories}-`));
  const dir = path.resolve(here, '..', '.bench-data', `site-${stories}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

async function seeded(stories: number): Promise<string> {
  const dir = folder(stories);
  const s = await seedSite(dir, stories);
  console.log(s.created ? `seeded ${s.created.toLocaleString('en')} stories in ${(s.ms / 1000).toFixed(1)} s (${dir})` : `reusing ${stories.toLocaleString('en')} stories in ${dir}`);
  return dir;
}

interface Target {
  name: string;
  value: string;
  target: string;
  met: boolean;
}
const summary: Target[] = [];
const cleanup: string[] = [];
const mb = (n: number) => `${n.toFixed(0)} MB`;

/** From spawning the production server to its first story page; the server stays up for the warm runs. */
async function firstRequest(dir: string, paths: string[]): Promise<SiteServer> {
  const warm = await startSite(dir);
  const res = await fetch(warm.address + paths[0]);
  await res.arrayBuffer();
  const ms = performance.now() - warm.spawnedAt;
  console.log(`\nfirst request: story page ${res.status} ${ms.toFixed(0)} ms after process spawn (node dist/dateline.mjs serve)`);
  summary.push({ name: 'first request after spawn', value: `${ms.toFixed(0)} ms`, target: '< 500 ms (issue 16)', met: res.status === 200 && ms < 500 });
  return warm;
}

/** Warm cache against the bare server holding the same bytes, target by target. */
async function warmRuns(warm: SiteServer, paths: string[]): Promise<void> {
  console.log('');
  const br = { 'accept-encoding': 'br' };
  const targets = [
    { name: 'story page (warm cache)', path: paths[Math.floor(paths.length / 2)], story: true, headers: {} },
    { name: 'story page, brotli (warm cache)', path: paths[Math.floor(paths.length / 2)], story: false, headers: br },
    { name: 'home page (warm cache)', path: '/', story: false, headers: {} },
    { name: 'RSS feed (warm cache)', path: '/feed.xml', story: false, headers: {} },
    { name: 'RSS feed, brotli (warm cache)', path: '/feed.xml', story: false, headers: br },
  ];
  for (const t of targets) {
    const ref = await bare(warm.address + t.path, t.headers);
    const ours = await measure(warm.address + t.path, warm, undefined, SECONDS, t.headers);
    const theirs = await measure(ref.address + t.path, null, undefined, SECONDS, t.headers);
    ref.stop();
    console.log(`${t.name} — ${ref.bytes} bytes\n${row('  dateline', ours, theirs)}\n${row('  bare node http, same bytes', theirs)}`);
    if (!t.story) continue;
    const ratio = ours.rps / theirs.rps;
    const value = `${ratio.toFixed(2)} of bare node (${ours.rps.toFixed(0)} vs ${theirs.rps.toFixed(0)} req/s)`;
    summary.push({ name: 'story page, warm cache', value, target: '≥ 0.60', met: ratio >= 0.6 && !ours.errors && !ours.non2xx });
  }
}

/** No page cache, a different story each request: one process, then every core (WORKERS). */
async function coldRuns(dir: string, paths: string[]): Promise<void> {
  const cold = await startSite(dir, { PAGE_CACHE_ENTRIES: '0' });
  const f = await measure(cold.address, cold, paths);
  await cold.stop();
  const name = `story page, cold render (${paths.length.toLocaleString('en')} stories)`;
  console.log(`\n${row(name, f)}`);
  summary.push({ name, value: `${f.rps.toFixed(0)} req/s`, target: '≥ 1,000 req/s', met: f.rps >= 1000 && !f.errors && !f.non2xx });
  const cores = os.availableParallelism();
  const all = await startSite(dir, { PAGE_CACHE_ENTRIES: '0', WORKERS: String(cores) });
  const w = await measure(all.address, null, paths);
  await all.stop();
  const wname = `story page, cold render, ${cores} workers`;
  console.log(row(wname, w, f));
  summary.push({ name: wname, value: `${w.rps.toFixed(0)} req/s (${(w.rps / f.rps).toFixed(2)} × one process)`, target: '≥ 2,000 req/s', met: w.rps >= 2000 && !w.errors && !w.non2xx });
  if (PG) await pgColdRuns(paths.length, f);
}

/** The same cold renders on PostgreSQL (bench/pg-site.ts), printed beside SQLite's figure of this run. */
async function pgColdRuns(stories: number, sqlite: Figures): Promise<void> {
  const site = await seedPgSite(stories);
  try {
    for (const workers of [1, os.availableParallelism()]) {
      const s = await startSite(site.dir, { PAGE_CACHE_ENTRIES: '0', DATABASE_URL: site.url, WORKERS: String(workers) });
      const f = await measure(s.address, workers === 1 ? s : null, site.paths);
      await s.stop();
      const name = `story page, cold render, PostgreSQL, ${workers} ${workers === 1 ? 'process' : 'workers'}`;
      console.log(`${row(name, f)}   SQLite one process ${sqlite.rps.toFixed(0)} req/s`);
      summary.push({ name, value: `${f.rps.toFixed(0)} req/s (SQLite one process ${sqlite.rps.toFixed(0)})`, target: '≥ 1,000 req/s', met: f.rps >= 1000 && !f.errors && !f.non2xx });
    }
  } finally {
    await site.drop();
  }
}

/** Resident memory with many stories: after the warm runs, then after a pass over random stories (page cache on). */
async function memoryRun(stories: number): Promise<void> {
  console.log('');
  const big = await seeded(stories);
  if (!KEEP) cleanup.push(big);
  const paths = storyPaths(databaseFile(big));
  const site = await startSite(big);
  const short = Math.max(3, Math.round(SECONDS / 2));
  for (const p of [paths[Math.floor(paths.length / 2)], '/', '/feed.xml']) console.log(row(`  warm ${p.slice(0, 28)}`, await measure(site.address + p, site, undefined, short)));
  const afterWarm = site.memory();
  const pass = await measure(site.address, site, paths.map((_, i) => paths[(i * 7919) % paths.length]));
  console.log(row('  random stories (page cache on)', pass));
  const after = site.memory();
  await site.stop();
  const name = `resident memory, ${stories.toLocaleString('en')} stories`;
  if (!afterWarm || !after) {
    summary.push({ name, value: 'not measured (no /proc)', target: '< 250 MB', met: false });
    return;
  }
  console.log(`resident memory with ${stories.toLocaleString('en')} stories: ${mb(afterWarm.rss)} after the warm runs, ${mb(after.rss)} after the random pass (peak ${mb(after.peak)})`);
  summary.push({ name, value: `${mb(after.rss)} (after warm runs ${mb(afterWarm.rss)}, peak ${mb(after.peak)})`, target: '< 250 MB', met: after.peak < 250 });
}

console.log(`Dateline benchmark — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s per target (after 2 s warm-up); load average ${load()}\n`);
await ensureBundle();
const dir = await seeded(STORIES);
if (!KEEP) cleanup.push(dir);
const paths = storyPaths(databaseFile(dir));
if (!ONLY_COLD) {
  const warm = await firstRequest(dir, paths);
  await warmRuns(warm, paths);
  await warm.stop();
}
await coldRuns(dir, paths);
if (MEMORY_STORIES > 0 && !ONLY_COLD) await memoryRun(MEMORY_STORIES);

console.log(`\nPerformance targets (load average at the end ${load()}):`);
for (const t of summary) console.log(`  ${t.met ? 'met    ' : 'NOT met'}  ${t.name.padEnd(42)} ${t.value.padEnd(52)} target ${t.target}`);
console.log('  (never stale after publish, edit or unpublish: held by test/http/site*.test.ts, not timed)');
for (const d of cleanup) fs.rmSync(d, { recursive: true, force: true });
