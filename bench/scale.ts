/**
 * Scale-out (issue 10): `npm run bench:scale`.
 *
 * Two instances of the server bundle on one PostgreSQL + Redis, behind
 * Debian's nginx (deploy/nginx/dateline-instances.conf, round robin) and
 * Varnish (deploy/varnish/default.vcl), all started here on loopback:
 * 1. freshness: an edit through instance A, then the time until instance B
 *    and Varnish serve the new page (p50 / p99 / max over BENCH_CHANGES);
 * 2. warm story pages through nginx with two instances against one;
 * 3. the page cache's hit rate in a mixed run of reads, comment approvals
 *    and edits, purging by tag against clearing everything (as before the
 *    change feed), on one in-process instance with the same seeded sequence.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/main.ts';
import { seedStories } from './fixtures.ts';
import { freePort, startNginx, startRedis, startVarnish, type Proc } from './loopback.ts';
import { ensureBundle, startSite, type SiteServer } from './site-server.ts';
import { mixedHitRate } from './scale-hits.ts';

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const STORIES = Number(process.env.BENCH_STORIES ?? 500);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 32;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function pgQuery(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(text).finally(() => c.end());
}

/** Polls `url` until its body holds `needle`; the time it took, ms. */
async function freshAfter(url: string, needle: string, t0: number): Promise<number> {
  for (;;) {
    const body = await (await fetch(url)).text();
    if (body.includes(needle)) return performance.now() - t0;
    if (performance.now() - t0 > 30_000) throw new Error(`${url} still stale after 30 s`);
  }
}

async function main(): Promise<void> {
  await ensureBundle();
  const schema = `bench_scale_${randomBytes(4).toString('hex')}`;
  await pgQuery(`create schema ${schema}`);
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-media-'));
  const dirs: string[] = [mediaDir];
  const procs: Array<Proc | SiteServer> = [];
  try {
    const [rport, vport, n1, n2] = [await freePort(), await freePort(), await freePort(), await freePort()];
    procs.push(await startRedis(rport));
    const env = { DATABASE_URL: url, REDIS_URL: `redis://127.0.0.1:${rport}`, DATELINE_SECRET_KEY: randomBytes(32).toString('hex'), DATELINE_MEDIA_DIR: mediaDir, PURGE_URLS: `http://127.0.0.1:${vport}/` };
    const seedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-seed-'));
    dirs.push(seedDir);
    // Seeded before Varnish runs: nothing to purge yet.
    const seeder = await createApp(loadConfig({ ...env, PURGE_URLS: '', DATELINE_DATA_DIR: seedDir, LOG_LEVEL: 'error', DATELINE_SEED_DEMO: 'false' }), { jobs: false });
    const { storyIds } = await seedStories(seeder, STORIES, new Date());
    const key = (await seeder.apiKeys.create('bench', 'admin', 'bench')).key;
    await seeder.close();
    const instances: SiteServer[] = [];
    for (let i = 0; i < 2; i++) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-instance-'));
      dirs.push(dir);
      instances.push(await startSite(dir, env));
    }
    procs.push(...instances);
    const [a, b] = instances;
    const port = (s: SiteServer) => Number(new URL(s.address).port);
    procs.push(await startNginx(n2, [port(a), port(b)]), await startNginx(n1, [port(a)]));
    procs.push(await startVarnish(vport, n2));
    const varnish = `http://127.0.0.1:${vport}`;
    console.log(`Two instances on PostgreSQL + Redis, ${STORIES} stories; nginx round robin; Varnish in front. Load average ${os.loadavg()[0].toFixed(2)}.\n`);

    // 1. Freshness across instances and through Varnish.
    const paths = new Map<number, string>();
    for (const id of storyIds.slice(0, 50)) paths.set(id, new URL((await fetch(`${a.address}/news/${id}`, { redirect: 'manual' })).headers.get('location')!, a.address).pathname);
    const onB: number[] = [];
    const viaVarnish: number[] = [];
    let staleOnA = 0;
    for (let i = 0; i < CHANGES; i++) {
      const id = storyIds[i % 50];
      const p = paths.get(id)!;
      for (const base of [b.address, varnish]) for (let k = 0; k < 2; k++) await (await fetch(base + p)).text();
      const headline = `Scale change number ${i} ${randomBytes(3).toString('hex')}`;
      const res = await fetch(`${a.address}/api/admin/v1/articles/${id}`, { method: 'PATCH', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ headline }) });
      if (res.status !== 200) throw new Error(`PATCH answered ${res.status}: ${await res.text()}`);
      const t0 = performance.now();
      if (!(await (await fetch(a.address + p)).text()).includes(headline)) staleOnA++;
      const [tb, tv] = await Promise.all([freshAfter(b.address + p, headline, t0), freshAfter(varnish + p, headline, t0)]);
      onB.push(tb);
      viaVarnish.push(tv);
    }
    console.log(`1. An edit through A (${CHANGES} edits), time until the new page is served (target p99 < 1 s, max < 2 s):`);
    console.log(`   instance B:    p50 ${fmt(pct(onB, 50))}, p99 ${fmt(pct(onB, 99))}, max ${fmt(Math.max(...onB))}`);
    console.log(`   Varnish:       p50 ${fmt(pct(viaVarnish, 50))}, p99 ${fmt(pct(viaVarnish, 99))}, max ${fmt(Math.max(...viaVarnish))}`);
    console.log(`   reference, A itself right after its answer: stale ${staleOnA} of ${CHANGES} times\n`);

    // 2. Warm story pages through nginx: two instances against one.
    const page = paths.get(storyIds[60 % storyIds.length]) ?? paths.get(storyIds[0])!;
    const load = async (target: number) => {
      const opts = { url: `http://127.0.0.1:${target}${page}`, connections: CONNECTIONS };
      await autocannon({ ...opts, duration: 2 });
      return autocannon({ ...opts, duration: SECONDS });
    };
    const one = await load(n1);
    const two = await load(n2);
    console.log(`2. Warm story page through nginx, ${CONNECTIONS} connections, ${SECONDS} s (2 cores shared by nginx, the instances and autocannon):`);
    console.log(`   two instances: ${Math.round(two.requests.average)} req/s, p50 ${two.latency.p50} ms, p99 ${two.latency.p99} ms, errors ${two.errors + two.non2xx}`);
    console.log(`   reference, one instance: ${Math.round(one.requests.average)} req/s, p50 ${one.latency.p50} ms, p99 ${one.latency.p99} ms, errors ${one.errors + one.non2xx}\n`);
  } finally {
    for (const p of procs.reverse()) await p.stop().catch(() => undefined);
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    await pgQuery(`drop schema ${schema} cascade`).catch(() => undefined);
  }

  // 3. Hit rate, tags against clearing everything.
  const tagged = await mixedHitRate('tags');
  const cleared = await mixedHitRate('clear');
  console.log(`3. Page cache hit rate, mixed run (${tagged.requests} reads, ${tagged.approvals} comment approvals, ${tagged.edits} edits, one instance, SQLite):`);
  console.log(`   purge by tag:       ${(tagged.hitRate * 100).toFixed(1)} % hits (${tagged.renders} renders)`);
  console.log(`   reference, clear all on any change (before the change feed): ${(cleared.hitRate * 100).toFixed(1)} % hits (${cleared.renders} renders)`);
}

await main();
