/**
 * `npm run bench`: Dateline's public pages against a bare Node http server
 * returning the same bytes, in the same run, on the same machine
 * (DESIGN §8). Also: cold renders (page cache off, a different story each
 * request), time to first request after start, and resident memory.
 *
 * BENCH_STORIES (default 3000), BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 32).
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const here = import.meta.dirname;

function start<T>(script: string, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; msg: T }> {
  const child = fork(path.join(here, script), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (msg) => resolve({ child, msg: msg as T }));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

const SKIP_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

async function capture(url: string) {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  const body = Buffer.from(await res.arrayBuffer());
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    if (!SKIP_HEADERS.has(k)) headers[k] = v;
  });
  return { body: body.toString('base64'), headers, bytes: body.length };
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(url: string, paths?: string[]): Promise<Figures> {
  let i = 0;
  const opts: autocannon.Options = { url, connections: CONNECTIONS, duration: SECONDS };
  if (paths) opts.requests = [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }];
  // A short warm-up first, so JIT and connection set-up are not measured.
  await autocannon({ ...opts, duration: 2 });
  const r = await autocannon(opts);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

function row(name: string, f: Figures, ref?: Figures): string {
  const ratio = ref ? (f.rps / ref.rps).toFixed(2) : '';
  const bad = f.errors || f.non2xx ? `  (errors ${f.errors}, non-2xx ${f.non2xx})` : '';
  return `${name.padEnd(34)} ${f.rps.toFixed(0).padStart(8)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   ${ratio ? `ratio ${ratio}` : ''}${bad}`;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-'));
console.log(`Dateline benchmark — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s per target (after 2 s warm-up)\n`);

type AppMsg = { address: string; paths: string[]; seedMs: number; created: number };
const warm = await start<AppMsg>('app-server.ts', { BENCH_DATA_DIR: dataDir });
console.log(`seeded ${warm.msg.created} stories in ${(warm.msg.seedMs / 1000).toFixed(1)} s\n`);

const targets = [
  { name: 'story page (warm cache)', path: warm.msg.paths[Math.floor(warm.msg.paths.length / 2)] },
  { name: 'home page (warm cache)', path: '/' },
  { name: 'RSS feed (warm cache)', path: '/feed.xml' },
];
const results: string[] = [];
for (const t of targets) {
  const fixture = await capture(warm.msg.address + t.path);
  // The bare server answers only once it holds the bytes, so send them before waiting.
  const bareChild = fork(path.join(here, 'bare-server.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const bareAddr = await new Promise<string>((r) => {
    bareChild.once('message', (m: any) => r(m.address));
    bareChild.send({ fixture });
  });
  const bare = { child: bareChild };
  const ours = await load(warm.msg.address + t.path);
  const ref = await load(bareAddr + t.path);
  bare.child.kill();
  results.push(`${t.name} — ${fixture.bytes} bytes`);
  results.push(row('  dateline', ours, ref));
  results.push(row('  bare node http, same bytes', ref));
  console.log(results.slice(-3).join('\n'));
}
warm.child.send({ cmd: 'rss' });
const rss = await new Promise<number>((r) => warm.child.once('message', (m: any) => r(m.rss)));
warm.child.send({ cmd: 'stop' });
await new Promise((r) => warm.child.once('exit', r));

// Cold: the page cache holds nothing, so each request renders a story from the database.
const spawnedAt = Date.now();
const cold = await start<AppMsg>('app-server.ts', { BENCH_DATA_DIR: dataDir, PAGE_CACHE_ENTRIES: '0' });
const firstRes = await fetch(cold.msg.address + cold.msg.paths[0]);
const firstMs = Date.now() - spawnedAt;
await firstRes.arrayBuffer();
const coldFigures = await load(cold.msg.address, cold.msg.paths);
console.log(row(`story page, cold render (${cold.msg.paths.length} stories)`, coldFigures));
console.log(`${'  target (DESIGN §8)'.padEnd(34)} ${'1000'.padStart(8)} req/s`);
cold.child.send({ cmd: 'stop' });
await new Promise((r) => cold.child.once('exit', r));

console.log(`\nfirst request served ${firstMs} ms after process spawn (target 1500 ms; includes TypeScript load through tsx)`);
console.log(`resident memory after the warm runs: ${(rss / 2 ** 20).toFixed(0)} MB with ${warm.msg.paths.length} stories (target < 250 MB at 100,000)`);
console.log(`\nwarm story page target: ratio ≥ 0.60 of the bare server`);
fs.rmSync(dataDir, { recursive: true, force: true });
