/**
 * `npm run soak [-- --minutes N]`: a mixed load against the server bundle
 * (SQLite, 1,000 stories) for N minutes (default 10), printing resident
 * memory every 20 s, then the growth over the last five minutes (or the last
 * half of a shorter run). Target: under 5 % once the caches are full.
 *
 * Load: ~200 page reads/s over random stories, the front page and section
 * pages (autocannon at a fixed rate); ~5 comments/s, each with a solved
 * proof of work from its own client address (one trusted proxy hop); and a
 * moderator approving or rejecting what waits every 2 s through the Admin API.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/main.ts';
import { storyPaths } from './bulk-stories.ts';
import { seedStories } from './fixtures.ts';
import { databaseFile, ensureBundle, startSite } from './site-server.ts';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' } } });
const SECONDS = Math.round(Number(values.minutes) * 60);
const SAMPLE_S = 20;

async function seed(dir: string): Promise<string> {
  const app = await createApp(loadConfig({ DATELINE_DATA_DIR: dir, LOG_LEVEL: 'error', DATELINE_SEED_DEMO: 'false', WORKERS: '1' }), { jobs: false });
  try {
    await seedStories(app, 1000, new Date());
    await app.comments.settings.updateRules({ powCost: 10, powMaxCounter: 40, storyPerMinute: 100_000, minSubmitSeconds: 1, duplicateSeconds: 0 });
    return (await app.apiKeys.create('soak', 'admin', 'soak')).key;
  } finally {
    await app.close();
  }
}

/** The first few refusals, shown at the end: a soak whose comments are refused measures less than it says. */
const refusals = new Set<string>();
let ipSeq = 0;
/** A reader of its own per comment: address and email (the flood rule spaces both). */
const nextReader = () => {
  const n = ++ipSeq;
  return { n, ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` };
};

async function comment(base: string, storyId: number): Promise<number> {
  const { n, ip } = nextReader();
  const headers = { 'x-forwarded-for': ip };
  const challenge = (await (await fetch(`${base}/news/${storyId}/comments/challenge`, { headers })).json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  const altcha = Buffer.from(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution })).toString('base64');
  await new Promise((r) => setTimeout(r, 1100));
  const res = await fetch(`${base}/news/${storyId}/comments`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ name: 'Soak Reader', email: `soak${n}@example.org`, body: `Soak comment number ${n} on this story.`, altcha }),
  });
  const text = await res.text();
  if (res.status >= 300 && refusals.size < 5) refusals.add(`${res.status} ${text.slice(0, 160)}`);
  return res.status;
}

async function moderate(base: string, key: string): Promise<number> {
  const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const list = (await (await fetch(`${base}/api/admin/v1/comments?status=pending&limit=20`, { headers: auth })).json()) as { comments?: Array<{ id: number }> };
  let n = 0;
  for (const c of list.comments ?? []) {
    const action = c.id % 4 === 0 ? 'reject' : 'approve';
    const r = await fetch(`${base}/api/admin/v1/comments/${c.id}/moderate`, { method: 'POST', headers: auth, body: JSON.stringify({ action }) });
    await r.arrayBuffer();
    n++;
  }
  return n;
}

await ensureBundle();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-soak-'));
try {
  const key = await seed(dir);
  const paths = storyPaths(databaseFile(dir));
  const ids = paths.map((p) => Number(p.split('/')[2]));
  const site = await startSite(dir, { TRUST_PROXY_HOPS: '1' });
  console.log(`soak: ${SECONDS} s, ~200 reads/s, ~5 comments/s, moderation every 2 s; load average ${os.loadavg()[0].toFixed(2)}`);
  const started = Date.now();
  const samples: Array<{ t: number; rss: number }> = [];
  const sample = () => {
    const m = site.memory();
    if (!m) return;
    const t = Math.round((Date.now() - started) / 1000);
    samples.push({ t, rss: m.rss });
    console.log(`  t=${String(t).padStart(4)} s  rss ${m.rss.toFixed(1)} MB`);
  };
  sample();
  const timer = setInterval(sample, SAMPLE_S * 1000);
  let i = 0;
  const reads = autocannon({
    url: site.address,
    connections: 8,
    overallRate: 200,
    duration: SECONDS,
    requests: [{ setupRequest: (req) => ({ ...req, path: i++ % 10 === 0 ? '/' : i % 10 === 1 ? '/section/city' : paths[(i * 7919) % paths.length] }) }],
  });
  const counts = { comments: 0, accepted: 0, moderated: 0 };
  const until = started + SECONDS * 1000;
  const commenters = Array.from({ length: 6 }, async () => {
    while (Date.now() < until) {
      const status = await comment(site.address, ids[Math.floor(Math.random() * ids.length)]);
      counts.comments++;
      if (status < 300) counts.accepted++;
    }
  });
  const moderator = (async () => {
    while (Date.now() < until) {
      counts.moderated += await moderate(site.address, key);
      await new Promise((r) => setTimeout(r, 2000));
    }
  })();
  const r = await reads;
  await Promise.all([...commenters, moderator]);
  clearInterval(timer);
  sample();
  await site.stop();
  const last = samples[samples.length - 1];
  const window = Math.min(300, Math.floor(SECONDS / 2));
  const from = samples.find((s) => s.t >= last.t - window) ?? samples[0];
  const growth = ((last.rss - from.rss) / from.rss) * 100;
  console.log(`\nreads ${r.requests.total} (${Math.round(r.requests.average)}/s, errors ${r.errors + r.non2xx}); comments ${counts.comments} sent, ${counts.accepted} accepted; ${counts.moderated} moderated`);
  for (const r of refusals) console.log(`  refused: ${r}`);
  console.log(`resident memory: ${samples[0].rss.toFixed(1)} MB at start, ${last.rss.toFixed(1)} MB at the end; over the last ${window} s ${from.rss.toFixed(1)} → ${last.rss.toFixed(1)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} %, target < 5 %: ${growth < 5 ? 'met' : 'NOT met'})`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
