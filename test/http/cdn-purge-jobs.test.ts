import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { PURGE_JOB } from '../../src/jobs/cdn-purger.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

/**
 * A shared cache that cannot be reached when a change lands: the purge is
 * not dropped after a few tries in memory, it becomes a job that any
 * instance retries with back-off, and one that never gets through ends
 * dead with its error where an operator looks (/admin/jobs, `dateline jobs`).
 */
function fakeCache() {
  const received: string[] = [];
  let answer = 503;
  const server = http.createServer((req, res) => {
    if (req.method === 'PURGE') received.push(String(req.headers.xkey));
    res.statusCode = req.method === 'PURGE' ? answer : 405;
    res.end();
  });
  return {
    received,
    server,
    set answer(code: number) {
      answer = code;
    },
    async listen(): Promise<string> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    },
  };
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: failed CDN purges go to the job runner`, () => {
    let app: TestApp;
    const cache = fakeCache();
    let url: string;

    const settled = async () => {
      for (let i = 0; app.cdnPurger.inFlight > 0; i++) {
        if (i > 500) assert.fail('purges still in flight after 10 s');
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const purgeJobs = async (state: 'waiting' | 'done' | 'dead') => (await app.jobs.list(state)).filter((j) => j.kind === PURGE_JOB);

    before(async () => {
      url = await cache.listen();
      app = await createTestApp(dialect, undefined, { env: { PURGE_URLS: url } });
    });
    after(async () => {
      await app?.cleanup();
      cache.server.close();
    });

    test('a purge the cache refused is retried by the runner until it lands, once', async () => {
      cache.answer = 503;
      const story = await app.articles.create(parseArticleInput({ headline: 'Bridge reopens', bodyMarkdown: 'Traffic flows.', status: 'published' }, 'create'), 'test');
      await settled();
      assert.ok(cache.received.length >= 2, 'tried at once before handing over');
      const [waiting, ...more] = await purgeJobs('waiting');
      assert.equal(more.length, 0, 'one job for one failed purge');
      const payload = waiting.payload as { url: string; keys: string };
      assert.equal(payload.url, url);
      assert.ok(payload.keys.split(' ').includes(`story:${story.id}`), payload.keys);

      // The same failed purge reported again (another instance applying the change) is the same job.
      app.cdnPurger.onChanges([{ seq: 0, kind: 'article', id: String(story.id), action: 'update', tags: payload.keys.split(' '), at: new Date().toISOString() }]);
      await settled();
      assert.equal((await purgeJobs('waiting')).length, 1);

      const before = cache.received.length;
      assert.equal(await app.runner.runDue(), 1);
      assert.equal(cache.received.length, before + 1, 'the runner sent it');
      assert.equal((await purgeJobs('waiting'))[0].attempts, 1, 'still refused: waits for its retry');

      cache.answer = 200;
      assert.equal(await app.runner.runDue(), 0, 'not before its back-off');
      app.clock.advance(5_000);
      assert.equal(await app.runner.runDue(), 1);
      assert.equal(cache.received.at(-1), payload.keys, 'the same tags, in one header');
      assert.equal((await purgeJobs('done')).length, 1);
      assert.equal(await app.runner.runDue(), 0, 'never again once it landed');
    });

    test('a cache that never answers leaves a dead job with its last error', async () => {
      cache.answer = 500;
      await app.articles.create(parseArticleInput({ headline: 'Storm warning lifted', bodyMarkdown: 'Calm again.', status: 'published' }, 'create'), 'test');
      await settled();
      for (let i = 0; i < 12 && (await purgeJobs('waiting')).length; i++) {
        await app.runner.runDue();
        app.clock.advance(600_000);
      }
      const [dead] = await purgeJobs('dead');
      assert.ok(dead, 'the purge ended dead');
      assert.equal(dead.attempts, dead.maxAttempts);
      assert.match(dead.lastError, /PURGE .* answered 500/);
    });
  });
}
