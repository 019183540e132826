import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { DIALECTS } from '../helpers/dialects.ts';
import { cliEnv, runCli, startCli, withCliServices, type CliEnv } from './cli-helpers.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: dateline serve`, { timeout: 120_000 }, () => {
    let t: CliEnv;
    let env: NodeJS.ProcessEnv;
    before(async () => {
      t = await cliEnv(dialect);
      env = { ...t.env, HOST: '127.0.0.1', PORT: '0', SITE_URL: 'http://news.test' };
    });
    after(async () => t.cleanup());

    test('first start prints the address and a one-time admin key that works; SIGTERM stops it cleanly', async () => {
      const serve = startCli(['serve'], env);
      const [, url] = await serve.waitFor(/Dateline is running at (http:\/\/127\.0\.0\.1:\d+)/);
      const [, key] = await serve.waitFor(/Admin API key \(shown once, store it now\): (dl_\S+)/);
      const me = await fetch(`${url}/api/admin/v1/me`, { headers: { authorization: `Bearer ${key}` } });
      assert.equal(me.status, 200);
      const body = (await me.json()) as { key: { name: string; role: string } };
      assert.deepEqual([body.key.name, body.key.role], ['initial-admin', 'admin']);
      const created = await fetch(`${url}/api/admin/v1/articles`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ headline: 'Served over a real socket', status: 'published' }),
      });
      assert.equal(created.status, 201);
      assert.match(((await created.json()) as { article: { url: string } }).article.url, /^http:\/\/news\.test\/news\/\d+\/served-over-a-real-socket$/);
      serve.child.kill('SIGTERM');
      assert.equal(await serve.exited, 0, serve.out.stderr);
      assert.match(serve.out.stderr, /SIGTERM: closing/);
    });

    test('a second start shows no key (one exists already); seed-demo refuses a database with stories', async () => {
      const serve = startCli(['serve'], env);
      await serve.waitFor(/Dateline is running at/);
      await serve.waitFor(/Press Ctrl\+C to stop/);
      assert.doesNotMatch(serve.out.stdout, /Admin API key/);
      serve.child.kill('SIGINT');
      assert.equal(await serve.exited, 0, serve.out.stderr);
      const keys = await withCliServices(env, (s) => s.apiKeys.list());
      assert.deepEqual(keys.map((k) => k.name), ['initial-admin']);

      await withCliServices(env, (s) => s.articles.create(parseArticleInput({ headline: 'Already here' }, 'create'), 'test'));
      const seed = await runCli(['seed-demo'], env);
      assert.equal(seed.code, 1);
      assert.match(seed.stderr, /already holds 2 stories; nothing seeded \(add --force/);
      assert.equal(await withCliServices(env, async (s) => (await s.queries.listAll({}, 1, 0, s.likeOp)).total), 2);
    });

    test('a port already in use is an error, and no key is made that nobody would see', async () => {
      const blocker = startCli(['serve'], env);
      const [, port] = await blocker.waitFor(/running at http:\/\/127\.0\.0\.1:(\d+)/);
      const fresh = await cliEnv(dialect);
      try {
        const second = await runCli(['serve'], { ...fresh.env, HOST: '127.0.0.1', PORT: port });
        assert.equal(second.code, 1);
        assert.match(second.stderr, /EADDRINUSE|address already in use/i);
        assert.deepEqual(await withCliServices(fresh.env, (s) => s.apiKeys.list()), []);
      } finally {
        blocker.child.kill('SIGTERM');
        await blocker.exited;
        await fresh.cleanup();
      }
    });
  });
}
