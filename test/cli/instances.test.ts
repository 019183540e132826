import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { mediaUrl } from '../../src/domain/media/index.ts';
import { freePort, REDIS_SERVER, startRedis, type Proc } from '../helpers/loopback.ts';
import { cliEnv, runCli, startCli, withCliServices, type CliEnv } from './cli-helpers.ts';

/**
 * Several real `dateline serve` processes on one PostgreSQL: a change made
 * through one is fresh on the others, woken over Redis pub/sub, over
 * LISTEN/NOTIFY without Redis, and by the feed's poll when Redis is gone.
 * Each phase sets the poll far longer than the wait, so only the wake-up it
 * tests can make the page fresh.
 */
/** Polls `url` until its body matches `re`; the limit is a liveness bound, far above any wake-up's delay. */
async function eventually(url: string, re: RegExp, limitMs = 15_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    const body = await (await fetch(url)).text();
    if (re.test(body)) return;
    if (Date.now() - start > limitMs) assert.fail(`${url} never showed ${re} (still stale after ${limitMs} ms)`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

type Server = ReturnType<typeof startCli> & { url: string };

describe('postgres: several instances on one database', { skip: fs.existsSync(REDIS_SERVER) ? false : `${REDIS_SERVER} is not installed`, timeout: 180_000 }, () => {
  let t: CliEnv;
  let shared: NodeJS.ProcessEnv;
  let key: string;
  let storyPath: string;
  let storyId: number;
  let redis: Proc;
  let redisUrl: string;
  const servers: Server[] = [];
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-shared-media-'));

  async function serve(env: NodeJS.ProcessEnv): Promise<Server> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-instance-'));
    const s = startCli(['serve'], { ...shared, DATELINE_DATA_DIR: dataDir, ...env });
    const [, url] = await s.waitFor(/Dateline is running at (http:\/\/127\.0\.0\.1:\d+)/);
    const server = Object.assign(s, { url });
    servers.push(server);
    return server;
  }

  const edit = (via: Server, headline: string) =>
    fetch(`${via.url}/api/admin/v1/articles/${storyId}`, { method: 'PATCH', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ headline }) }).then((r) => assert.equal(r.status, 200));

  const warm = async (s: Server, re: RegExp) => {
    await eventually(s.url + storyPath, re);
    await fetch(s.url + storyPath);
  };

  before(async () => {
    t = await cliEnv('postgres');
    const rport = await freePort();
    redisUrl = `redis://127.0.0.1:${rport}`;
    redis = await startRedis(rport);
    shared = { ...t.env, HOST: '127.0.0.1', PORT: '0', SITE_URL: 'http://news.test', DATELINE_MEDIA_DIR: mediaDir, DATELINE_SECRET_KEY: randomBytes(32).toString('hex') };
    assert.equal((await runCli(['migrate'], shared)).code, 0);
    await withCliServices(shared, async (s) => {
      key = (await s.apiKeys.create('instances', 'admin', 'test')).key;
      const a = await s.articles.create(parseArticleInput({ headline: 'First version of the story', bodyMarkdown: 'Body.', status: 'published', commentMode: 'open' }, 'create'), 'test');
      storyId = a.id;
      storyPath = `/news/${a.id}/${a.slug}`;
    });
  });
  after(async () => {
    for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await redis?.stop();
    fs.rmSync(mediaDir, { recursive: true, force: true });
    await t.cleanup();
  });

  test('over Redis pub/sub: an edit through A is fresh on B (B polls only once a minute)', async () => {
    const a = await serve({ REDIS_URL: redisUrl, CHANGE_POLL_MS: '60000' });
    const b = await serve({ REDIS_URL: redisUrl, CHANGE_POLL_MS: '60000' });
    await warm(b, /First version/);
    await edit(a, 'Second version, written on A');
    await eventually(b.url + storyPath, /Second version, written on A/);
  });

  test('over LISTEN/NOTIFY without Redis: an edit through D is fresh on E', async () => {
    const d = await serve({ CHANGE_POLL_MS: '60000' });
    const e = await serve({ CHANGE_POLL_MS: '60000' });
    await warm(e, /Second version/);
    await edit(d, 'Third version, written on D');
    await eventually(e.url + storyPath, /Third version, written on D/);
  });

  test('an image stored through one instance is served by another from the shared media folder', async () => {
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#336699' } }).png().toBuffer();
    const image = await withCliServices(shared, (s) => s.media.importImage(png, { alt: 'Shared' }));
    for (const s of servers) {
      const res = await fetch(s.url + mediaUrl(image, image.variants[0].file));
      assert.equal(res.status, 200, s.url);
    }
  });

  test('with Redis stopped: pages keep serving and the poll carries changes (comments failing closed is test/http/comments-redis.test.ts)', async () => {
    const c = await serve({ REDIS_URL: redisUrl, CHANGE_POLL_MS: '500' });
    const a = servers[0];
    await warm(c, /Third version/);
    await redis.kill();
    assert.equal((await fetch(c.url + storyPath)).status, 200);
    await edit(a, 'Fourth version, while Redis is down');
    await eventually(c.url + storyPath, /Fourth version, while Redis is down/);
  });
});
