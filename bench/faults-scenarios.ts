/**
 * The faults `npm run faults` drives, each on real processes and real
 * servers, each ending in acknowledged against stored (bench/faults-kit.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArticleInput } from '../src/domain/articles/index.ts';
import type { Db } from '../src/storage/index.ts';
import { commentOutcome, makeScene, pool, postAgain, postComment, prepareComment, read, serve, Tally, type Dialect, type Outcome, type Scene, type Submission } from './faults-kit.ts';
import { fillDisk } from './fill-disk.ts';
import { freePort, startRedis } from './loopback.ts';

const COMMENTS = Number(process.env.FAULTS_COMMENTS ?? 300);
const PUBLISH_ROUNDS = Number(process.env.FAULTS_PUBLISH_ROUNDS ?? 4);
const STORIES_PER_ROUND = 300;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function prepareAll(scene: Scene, tag: string, n: number): Promise<Submission[]> {
  const subs: Submission[] = [];
  await pool(Array.from({ length: n }, (_, i) => i), 8, async (i) => void subs.push(await prepareComment(scene, `${tag}-${i}`, i)));
  return subs;
}

/** Readers of cached pages and of search (never cached) while a fault lasts. */
function readWhile(scene: Scene, tally: Tally, running: () => boolean): Promise<void> {
  const paths = ['/', `/news/${scene.storyId}`, '/search?q=council', '/feed.xml'];
  return pool([0, 1, 2, 3], 4, async (i) => {
    while (running()) await read(scene, paths[i], tally);
  });
}

/** kill -9 of the only instance in the middle of a comment burst; a new one takes over, readers post again what was not acknowledged. */
export async function commentsUnderKill(dialect: Dialect): Promise<Outcome> {
  const scene = await makeScene(dialect);
  try {
    let instance = await serve(scene);
    const subs = await prepareAll(scene, 'k9', COMMENTS);
    const tally = new Tally();
    let killed: Promise<void> | null = null;
    await pool(subs, 16, async (s) => {
      await postComment(scene, s, tally);
      if (!killed && tally.acknowledged.size >= COMMENTS / 3) killed = instance.kill9();
    });
    await killed;
    instance = await serve(scene);
    await pool(subs.filter((s) => !tally.acknowledged.has(s.marker)), 16, (s) => postAgain(scene, s, tally));
    await instance.stop();
    return await commentOutcome(scene, 'kill -9 during a comment burst', tally, `${COMMENTS} readers, 16 at a time; killed after ${Math.ceil(COMMENTS / 3)} acknowledged; the rest posted again to a new instance`);
  } finally {
    scene.destroy();
  }
}

/** kill -9 around the moment scheduled stories fall due, round after round: each story publishes once. */
export async function publishUnderKill(dialect: Dialect): Promise<Outcome> {
  const scene = await makeScene(dialect);
  let expected = 0;
  try {
    for (let round = 0; round < PUBLISH_ROUNDS; round++) {
      const due = new Date(Date.now() + 3_000);
      await scene.withServices(async (s) => {
        await s.articles.create(parseArticleInput({ headline: `Round ${round} lead`, status: 'scheduled', publishedAt: due.toISOString(), bodyMarkdown: 'Due soon.' }, 'create'), 'faults');
        await insertScheduled(s.db, due, round, STORIES_PER_ROUND);
      });
      expected += STORIES_PER_ROUND + 1;
      const first = await serve(scene);
      // Anywhere from just before the due time to well into the publish transaction.
      await sleep(Math.max(0, due.getTime() - Date.now()) - 300 + Math.random() * 1_500);
      await first.kill9();
      const second = await serve(scene);
      await until(async () => (await scene.withServices((s) => s.db.kysely.selectFrom('articles').select('id').where('status', '=', 'scheduled').execute())).length === 0, 60_000);
      await second.stop();
    }
    const rows = await scene.withServices((s) => s.db.kysely.selectFrom('articles').select(['status', 'version']).where('headline', '!=', 'The faults story').execute());
    const published = rows.filter((r) => r.status === 'published');
    return {
      scenario: 'kill -9 around scheduled publishing', dialect, acknowledged: expected, stored: published.length,
      lost: expected - published.length, twice: published.filter((r) => r.version !== 2).length, internalErrors: 0, unavailable: 0, refused: 0,
      note: `${PUBLISH_ROUNDS} rounds of ${STORIES_PER_ROUND + 1} stories due at once; "twice" counts stories whose version moved more than once`,
    };
  } finally {
    scene.destroy();
  }
}

/** The PostgreSQL server restarted while readers read and comment: 503 while it is away, never 500, nothing acknowledged lost. */
export async function postgresRestart(): Promise<Outcome> {
  const scene = await makeScene('postgres');
  try {
    const instance = await serve(scene);
    const subs = await prepareAll(scene, 'pg', COMMENTS);
    const tally = new Tally();
    let running = true;
    const readers = readWhile(scene, tally, () => running);
    const restart = sleep(500).then(() => scene.pg!.restart());
    await pool(subs, 8, async (s) => {
      await postComment(scene, s, tally);
      await sleep(10);
    });
    await restart;
    // What got a 503 the reader sends again (the form gave it back).
    await pool(subs.filter((s) => !tally.acknowledged.has(s.marker)), 8, (s) => postAgain(scene, s, tally));
    running = false;
    await readers;
    await instance.stop();
    if (process.env.FAULTS_DEBUG) console.log(JSON.stringify([...tally.statuses]));
    return await commentOutcome(scene, 'PostgreSQL restarted under load', tally, `${COMMENTS} comments and 4 readers (home, story, search, feed); unacknowledged comments posted again after the restart`);
  } finally {
    scene.destroy();
  }
}

/** Redis (rate limits, wake-ups) stopped under load, then back. */
export async function redisStopped(dialect: Dialect): Promise<Outcome> {
  const port = await freePort();
  let redis = await startRedis(port);
  const scene = await makeScene(dialect, { env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
  try {
    const instance = await serve(scene);
    const subs = await prepareAll(scene, 'redis', COMMENTS);
    const tally = new Tally();
    let running = true;
    const readers = readWhile(scene, tally, () => running);
    const half = Math.floor(subs.length / 2);
    await pool(subs.slice(0, half), 8, (s) => postComment(scene, s, tally));
    await redis.kill();
    await pool(subs.slice(half), 8, (s) => postComment(scene, s, tally));
    redis = await startRedis(port);
    await sleep(1_500);
    await pool(subs.filter((s) => !tally.acknowledged.has(s.marker)), 8, (s) => postAgain(scene, s, tally));
    running = false;
    await readers;
    await instance.stop();
    return await commentOutcome(scene, 'Redis stopped under load, then started', tally, 'half the comments with Redis up, half with it down (comments fail closed: 503), then the unacknowledged again with it back');
  } finally {
    await redis.stop();
    scene.destroy();
  }
}

/** The SQLite data folder on a small file system of its own that fills up, then gets room again. Needs root (mount). */
export async function diskFull(): Promise<Outcome | string> {
  if (process.getuid?.() !== 0) return 'disk full: skipped (mounting a tmpfs needs root)';
  const mount = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-faults-full-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', mount]);
  const scene = await makeScene('sqlite', { dataDir: mount });
  try {
    const instance = await serve(scene);
    const subs = await prepareAll(scene, 'full', COMMENTS);
    const tally = new Tally();
    const third = Math.floor(subs.length / 3);
    await pool(subs.slice(0, third), 8, (s) => postComment(scene, s, tally));
    const filler = fillDisk(mount);
    await pool(subs.slice(third, 2 * third), 8, (s) => postComment(scene, s, tally));
    await read(scene, `/news/${scene.storyId}`, tally);
    fs.rmSync(filler);
    await pool(subs.filter((s) => !tally.acknowledged.has(s.marker)), 8, (s) => postAgain(scene, s, tally));
    await instance.stop();
    return await commentOutcome(scene, 'SQLite data disk full, then freed', tally, 'a third posted, disk filled, a third posted (503), room made, the unacknowledged posted again');
  } finally {
    scene.destroy();
    execFileSync('umount', ['-l', mount]);
    fs.rmSync(mount, { recursive: true, force: true });
  }
}

async function until(cond: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out waiting for the scheduled stories');
    await sleep(200);
  }
}

/** Scheduled stories written straight to the table; the lead story's publish job publishes every story due with it. */
async function insertScheduled(db: Db, at: Date, round: number, n: number): Promise<void> {
  const iso = at.toISOString();
  const doc = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Council notes.' }] }] });
  for (let start = 0; start < n; start += 100) {
    const rows = Array.from({ length: Math.min(100, n - start) }, (_, k) => ({
      slug: `notes-${round}-${start + k}`, headline: `Notes ${round}/${start + k}`, dek: '', dateline: '', body: doc, body_text: 'Council notes.', word_count: 2,
      language: 'en', direction: 'ltr' as const, section_id: null, featured_image_id: null, credit: '', status: 'scheduled', published_at: iso,
      first_published_at: null, created_at: iso, updated_at: iso, comment_mode: 'default', canonical_url: '', seo_title: '', seo_description: '',
      social_title: '', social_description: '', version: 1,
    }));
    await db.kysely.insertInto('articles').values(rows).execute();
  }
}
