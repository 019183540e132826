/**
 * The page cache's hit rate in a mixed run on one in-process instance
 * (SQLite): reads skewed toward a few stories, as real traffic is, with
 * comment approvals and headline edits among them. The same seeded
 * sequence runs with purges by tag, and with every change clearing the
 * whole cache (what the site did before the change feed).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { parseArticleInput } from '../src/domain/articles/index.ts';
import { fixedClock } from '../src/domain/shared/clock.ts';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/main.ts';
import { prng, seedStories } from './fixtures.ts';

const STORIES = 300;
const OPS = Number(process.env.BENCH_MIXED_OPS ?? 6000);

export interface HitRate {
  hitRate: number;
  renders: number;
  requests: number;
  approvals: number;
  edits: number;
}

export async function mixedHitRate(mode: 'tags' | 'clear'): Promise<HitRate> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hits-'));
  const clock = fixedClock(new Date('2026-06-01T12:00:00Z'));
  const app = await createApp(loadConfig({ DATELINE_DATA_DIR: dir, LOG_LEVEL: 'error', DATELINE_SEED_DEMO: 'false' }), { jobs: false, clock });
  try {
    const { storyIds } = await seedStories(app, STORIES, clock.now());
    await app.comments.settings.updateRules({ powCost: 10, powMaxCounter: 40, storyPerMinute: 100_000 });
    const rand = prng(2026);
    const skewed = () => storyIds[Math.floor(STORIES * rand() ** 3)];
    const pending: number[] = [];
    for (let i = 0; i < OPS * 0.08; i++) {
      const story = skewed();
      const ip = `10.9.${i >> 8}.${i & 255}`;
      const challenge = await app.comments.powChallenge(story, ip);
      clock.advance(20_000);
      const solution = await solveChallenge({ challenge, deriveKey });
      const altcha = Buffer.from(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution })).toString('base64');
      const r = await app.comments.submit({ articleId: story, ip }, { name: 'Dana Reader', email: `r${i}@example.org`, body: `Comment ${i} on the story`, altcha });
      pending.push(r.id);
    }
    if (mode === 'clear') {
      const purge = app.pageCache.purge.bind(app.pageCache);
      app.pageCache.purge = () => purge(['*']);
    }
    const paths = new Map<number, string>();
    const sections = (await app.sections.list()).map((s) => `/section/${s.slug}`);
    const tags = (await app.tags.list()).map((t) => `/tag/${t.slug}`);
    const before = { ...app.pageCache.stats };
    let requests = 0;
    let approvals = 0;
    let edits = 0;
    for (let i = 0; i < OPS; i++) {
      const r = rand();
      if (r < 0.9) {
        const kind = rand();
        let url: string;
        if (kind < 0.6) {
          const id = skewed();
          if (!paths.has(id)) paths.set(id, String((await app.server.inject({ url: `/news/${id}` })).headers.location));
          url = paths.get(id)!;
        } else if (kind < 0.8) url = '/';
        else if (kind < 0.9) url = sections[Math.floor(rand() * sections.length)];
        else url = tags[Math.floor(rand() * tags.length)];
        await app.server.inject({ url });
        requests++;
      } else if (r < 0.97 && pending.length) {
        await app.commentModeration.moderate([pending.shift()!], 'approve', 'bench');
        approvals++;
      } else {
        await app.articles.update(skewed(), parseArticleInput({ headline: `An edited headline ${i}` }, 'update'), 'bench');
        edits++;
      }
    }
    const hits = app.pageCache.stats.hits - before.hits;
    const misses = app.pageCache.stats.misses - before.misses;
    return { hitRate: hits / (hits + misses), renders: misses, requests, approvals, edits };
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
