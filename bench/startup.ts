/**
 * `npm run bench:startup`: from spawning the server bundle (`node dist/dateline.mjs serve`, as
 * `npm run bench` does) to its first story page, over several starts: median and worst wall
 * time, and the server's own CPU time to that answer, which moves less with the machine's load.
 * BENCH_STARTS (7), BENCH_STORIES (3000), WORKERS (1: the bench's one process; 2 times the
 * primary and its workers).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { storyPaths } from './bulk-stories.ts';
import { databaseFile, ensureBundle, seedSite, startSite } from './site-server.ts';

const STARTS = Number(process.env.BENCH_STARTS ?? 7);
const STORIES = Number(process.env.BENCH_STORIES ?? 3000);
const WORKERS = process.env.WORKERS ?? '1';
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

await ensureBundle();
const cached = fs.readdirSync(path.resolve(import.meta.dirname, '../dist')).filter((f) => f.endsWith('.code-cache'));
console.log(`first request after spawn — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, WORKERS=${WORKERS}; code caches: ${cached.join(', ') || 'none'}; load ${load()}`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-startup-'));
await seedSite(dir, STORIES);
const paths = storyPaths(databaseFile(dir));
const wall: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < STARTS; i++) {
  const site = await startSite(dir, { WORKERS });
  const res = await fetch(site.address + paths[(i * 37) % paths.length]);
  await res.arrayBuffer();
  wall.push(performance.now() - site.spawnedAt);
  // Of the process spawned: with workers, the primary only.
  cpu.push(site.cpuMs() ?? NaN);
  await site.stop();
  console.log(`  start ${i + 1}: ${res.status} after ${wall[i].toFixed(0)} ms, server CPU ${cpu[i]} ms (load ${load()})`);
}
fs.rmSync(dir, { recursive: true, force: true });
const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(`median ${med(wall).toFixed(0)} ms, worst ${Math.max(...wall).toFixed(0)} ms (target < 500 ms, issue 16); server CPU median ${med(cpu)} ms; load at the end ${load()}`);
