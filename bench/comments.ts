/**
 * Comment submission throughput (the performance targets: 1,000/s embedded, none lost).
 * `node --import tsx bench/comments.ts` — on SQLite and on PostgreSQL.
 *
 * A server child (this file with BENCH_ROLE=server) opens a fresh database,
 * publishes a story, and issues BENCH_COMMENTS proof-of-work challenges, each
 * bound to its own client address, solved here as a browser would. The
 * parent fires every one as a real JSON submission with autocannon
 * (32 connections), each through a trusted proxy hop carrying its client
 * address in X-Forwarded-For (TRUST_PROXY_HOPS=1), and then counts rows:
 * every 2xx answer must be a stored comment. The challenge check, every
 * rule phase and the group-commit insert all run; only the per-story cap is
 * raised, since all submissions go to one story.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

const COUNT = Number(process.env.BENCH_COMMENTS ?? 5000);
/** Submissions sent first and not timed: JIT and caches warm up as on a server that has been running. */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TARGET = 1000;

interface Ready {
  port: number;
  storyId: number;
  submissions: Array<{ ip: string; body: string }>;
}

async function server(): Promise<void> {
  const { loadConfig } = await import('../src/config.ts');
  const { createApp } = await import('../src/main.ts');
  const { parseArticleInput } = await import('../src/domain/articles/index.ts');
  const { solveChallenge } = await import('altcha-lib');
  const { deriveKey } = await import('altcha-lib/algorithms/pbkdf2');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-comments-'));
  const env: NodeJS.ProcessEnv = { DATELINE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATELINE_SEED_DEMO: 'false', TRUST_PROXY_HOPS: '1', PORT: '0' };
  if (process.env.BENCH_DIALECT === 'postgres') env.DATABASE_URL = await freshPgSchema();
  const app = await createApp(loadConfig(env), { jobs: false });
  const web = app.server.hasRoute({ method: 'POST', url: '/news/:id/comments' }) ? app.server : await (await import('./comments-server.ts')).buildCommentsServer(app);
  await app.comments.settings.updateRules({ storyPerMinute: 1_000_000, powCost: 10, powMaxCounter: 40 });
  const story = await app.articles.create(parseArticleInput({ headline: 'Bench story', bodyMarkdown: 'Text.', status: 'published' }, 'create'), 'bench');
  const submissions: Ready['submissions'] = [];
  for (let i = 0; i < COUNT; i++) {
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const challenge = await app.comments.powChallenge(story.id, ip);
    const solution = await solveChallenge({ challenge, deriveKey });
    const altcha = Buffer.from(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution })).toString('base64');
    submissions.push({ ip, body: JSON.stringify({ name: `Reader ${i}`, email: `reader${i}@bench.example`, body: `Bench comment number ${i}: the council vote was closer than reported.`, altcha }) });
  }
  // The minimum time from challenge to submit applies to the bench as to anyone.
  await new Promise((r) => setTimeout(r, 4_500));
  await web.listen({ port: 0, host: '127.0.0.1' });
  process.send!({ port: (web.server.address() as AddressInfo).port, storyId: story.id, submissions } satisfies Ready);
  process.on('message', async (m: { cmd: string }) => {
    if (m.cmd !== 'count') return;
    const r = await app.db.kysely.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('n')).where('article_id', '=', story.id).executeTakeFirstOrThrow();
    process.send!({ stored: Number(r.n) });
    if (web !== app.server) await web.close();
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
}

async function freshPgSchema(): Promise<string> {
  const pg = (await import('pg')).default;
  const schema = `bench_${process.pid}`;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`drop schema if exists ${schema} cascade; create schema ${schema}`);
  await c.end();
  const u = new URL(PG_URL);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

async function run(dialect: 'sqlite' | 'postgres'): Promise<void> {
  const child = fork(import.meta.filename, [], { execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROF] : [])], env: { ...process.env, BENCH_ROLE: 'server', BENCH_DIALECT: dialect }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  let accepted = 0;
  // autocannon's own `duration` runs to the sampling tick after the last answer (whole seconds
  // here), which understated the rate: time is taken from the start to the last answer instead.
  let startedAt = 0;
  let lastAnswerAt = 0;
  const fire = (subs: Ready['submissions']) => {
    let next = 0;
    startedAt = performance.now();
    return autocannon({
      url: `http://127.0.0.1:${ready.port}`,
      connections: CONNECTIONS,
      amount: subs.length,
      requests: [
        {
          method: 'POST',
          path: `/news/${ready.storyId}/comments`,
          setupRequest: (req) => {
            const s = subs[next++ % subs.length];
            return { ...req, headers: { ...req.headers, 'content-type': 'application/json', 'x-forwarded-for': s.ip }, body: s.body };
          },
          onResponse: (status) => {
            lastAnswerAt = performance.now();
            if (status === 202 || status === 201) accepted++;
          },
        },
      ],
    });
  };
  const warm = await fire(ready.submissions.slice(0, WARMUP));
  const result = await fire(ready.submissions.slice(WARMUP));
  const stored = await new Promise<number>((resolve) => {
    child.once('message', (m) => resolve((m as { stored: number }).stored));
    child.send({ cmd: 'count' });
  });
  const ok2xx = warm['2xx'] + result['2xx'];
  const perSecond = result['2xx'] / ((lastAnswerAt - startedAt) / 1000);
  console.log(
    `${dialect.padEnd(8)} submissions/s ${perSecond.toFixed(0).padStart(6)} (target ${TARGET}/s embedded)  ` +
      `p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  sent ${warm.requests.sent + result.requests.sent}  2xx ${ok2xx}  accepted ${accepted}  stored ${stored}  non-2xx ${warm.non2xx + result.non2xx}  errors ${warm.errors + result.errors}` +
      (stored === ok2xx ? '  ✓ every 2xx stored' : '  ✗ MISMATCH'),
  );
  if (stored !== ok2xx) process.exitCode = 1;
}

if (process.env.BENCH_ROLE === 'server') {
  await server();
} else {
  console.log(`Comment submissions: ${COUNT} valid (${WARMUP} untimed warm-up), ${CONNECTIONS} connections, ${os.cpus().length} CPUs`);
  for (const d of (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as Array<'sqlite' | 'postgres'>) await run(d);
}
