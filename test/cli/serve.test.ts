import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
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

    test('first start with no terminal writes the one-time admin key to a 0600 file, never to the log; SIGTERM stops it cleanly', async () => {
      const serve = startCli(['serve'], { ...env, LOG_LEVEL: 'info' });
      const [, url] = await serve.waitFor(/Dateline is running at (http:\/\/127\.0\.0\.1:\d+)/);
      const [, file] = await serve.waitFor(/Admin API key written to (\S+) \(readable by this user only\)/);
      assert.equal(file, path.join(t.dataDir, 'initial-admin-api-key.txt'));
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      const key = fs.readFileSync(file, 'utf8').trim();
      assert.match(key, /^dl_\S+$/);
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
      // The access log has a line per request with its id, and the key is nowhere in what was printed.
      const access = serve.out.stdout.split('\n').filter((l) => l.includes('"msg":"request"')).map((l) => JSON.parse(l) as { reqId: string; route: string; status: number });
      assert.ok(access.some((l) => l.route === '/api/admin/v1/articles' && l.status === 201 && /^[0-9a-f-]{36}$/.test(l.reqId)), serve.out.stdout);
      assert.ok(!serve.out.stdout.includes(key) && !serve.out.stderr.includes(key));
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


for (const dialect of DIALECTS) {
  describe(`${dialect}: the first start seeds the demo paper from a child process`, { timeout: 240_000 }, () => {
    let t: CliEnv;
    before(async () => {
      t = await cliEnv(dialect);
    });
    after(async () => t.cleanup());

    test('the running server shows the stories the seed child wrote, and the child is gone when it is done', async () => {
      const serve = startCli(['serve'], { ...t.env, HOST: '127.0.0.1', PORT: '0', SITE_URL: 'http://news.test', DATELINE_SEED_DEMO: 'true' });
      try {
        const [, url] = await serve.waitFor(/Dateline is running at (http:\/\/127\.0\.0\.1:\d+)/);
        const cards = async () => [...(await (await fetch(`${url}/`)).text()).matchAll(/class="card-title"/g)].length;
        // Polled, not timed: the seed encodes images, which takes as long as the machine's load makes it.
        for (let i = 0; i < 900 && !/seeded \d+ demo stories|seeding demo content failed/.test(serve.out.stderr); i++) await new Promise((r) => setTimeout(r, 200));
        assert.match(serve.out.stderr, /seeded (\d+) demo stories and \d+ images/, serve.out.stderr);
        assert.doesNotMatch(serve.out.stderr, /failed/);
        // The seed-demo child named its database too: the work was done in another process.
        assert.equal((serve.out.stderr.match(/^database: /gm) ?? []).length, 2, serve.out.stderr);
        // The server learns of the child's writes through the change feed (polled every CHANGE_POLL_MS at worst).
        let shown = 0;
        for (let i = 0; i < 100 && shown < 5; i++) (shown = await cards()), shown < 5 && (await new Promise((r) => setTimeout(r, 100)));
        assert.ok(shown >= 5, `the home page lists the demo stories (${shown} cards)`);
        // The child prints its last line, then closes its database and exits: wait for it to be gone.
        const childrenFile = `/proc/${serve.child.pid}/task/${serve.child.pid}/children`;
        const children = () => (fs.existsSync(childrenFile) ? fs.readFileSync(childrenFile, 'utf8').trim() : '');
        for (let i = 0; i < 300 && children() !== ''; i++) await new Promise((r) => setTimeout(r, 100));
        assert.equal(children(), '', 'the seed child has exited');
      } finally {
        serve.child.kill('SIGTERM');
        await serve.exited;
      }
    });
  });
}

/**
 * The bundle `npm start` runs (dist/dateline.mjs, scripts/build-server.mjs):
 * built here when stale, then run directly, so this tests the bundle even
 * while a source is being edited. Files next to the sources (public/, the
 * ALTCHA widget) must be found from it, and the packages it loads on first
 * use (sharp, argon2) must work when used.
 */
const { buildServer } = await import('../../scripts/build-server.mjs');
const { BUNDLE, bundleIsFresh } = await import('../../scripts/server-bundle.mjs');

function runBundle(args: string[], env: NodeJS.ProcessEnv, nodeArgs: string[] = []) {
  const child = spawn(process.execPath, [...nodeArgs, BUNDLE, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d) => (out.stdout += d));
  child.stderr.on('data', (d) => (out.stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, out, exited };
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: the server bundle`, { timeout: 180_000 }, () => {
    let t: CliEnv;
    let env: NodeJS.ProcessEnv;
    before(async () => {
      if (!bundleIsFresh()) await buildServer();
      t = await cliEnv(dialect);
      env = { ...t.env, HOST: '127.0.0.1', PORT: '0', SITE_URL: 'http://news.test' };
    });
    after(async () => t.cleanup());

    test('creates a user (argon2), seeds images (sharp) and serves pages, assets and the widget', async () => {
      const user = runBundle(['user', 'create', '--email', 'ed@example.org', '--name', 'Ed Itor', '--role', 'admin', '--password', 'correct horse battery staple'], env);
      assert.equal(await user.exited, 0, user.out.stderr);
      const hash = await withCliServices(env, async (s) => (await s.db.kysely.selectFrom('users').select('password_hash').executeTakeFirstOrThrow()).password_hash);
      assert.match(hash, /^\$argon2id\$/);
      if (dialect === 'sqlite') {
        const seed = runBundle(['seed-demo'], env);
        assert.equal(await seed.exited, 0, seed.out.stderr);
        assert.match(seed.out.stdout + seed.out.stderr, /seeded \d+ demo stories and \d+ images/);
      }
      const serve = runBundle(['serve'], env);
      try {
        const url = await new Promise<string>((resolve, reject) => {
          const check = () => {
            const m = serve.out.stdout.match(/Dateline is running at (http:\/\/127\.0\.0\.1:\d+)/);
            if (m) resolve(m[1]);
          };
          serve.child.stdout.on('data', check);
          serve.exited.then((code) => reject(new Error(`exited ${code}: ${serve.out.stderr}`)));
        });
        const home = await fetch(`${url}/`);
        assert.equal(home.status, 200);
        const html = await home.text();
        const css = html.match(/href="(\/static\/site\.css\?v=[\w-]+)"/)?.[1];
        assert.ok(css, 'the stylesheet link carries its hash');
        // Bodies are read to the end: an unread response keeps its connection busy, and the server's close waits for it.
        const status = async (u: string) => {
          const r = await fetch(u);
          await r.arrayBuffer();
          return r.status;
        };
        assert.equal(await status(url + css), 200);
        assert.equal(await status(`${url}/static/vendor/altcha.js`), 200);
        assert.equal(await status(`${url}/admin/sign-in`), 200);
        if (dialect === 'sqlite') {
          const story = html.match(/href="(\/news\/\d+\/[^"]+)"/)?.[1];
          assert.ok(story);
          const page = await (await fetch(url + story)).text();
          assert.match(page, /<h1 class="headline">/);
          const image = page.match(/src="(\/media\/[^"]+\.jpg)"/)?.[1];
          if (image) assert.equal(await status(url + image), 200);
        }
      } finally {
        serve.child.kill('SIGTERM');
        assert.equal(await serve.exited, 0, serve.out.stderr);
      }
    });

    if (dialect === 'sqlite') {
      test('a restart runs from the code the last run kept (scripts/bundle-loader.mjs); SQLite loads none of the packages kept lazy', { timeout: 90_000 }, async () => {
        // Written as the process exits: what the loader compiled from, and every package file it loaded.
        const probe = path.join(t.dataDir, 'probe.cjs');
        fs.writeFileSync(
          probe,
          `process.on('exit', () => require('fs').writeFileSync(process.env.PROBE_OUT, JSON.stringify({ startedFrom: globalThis[Symbol.for('dateline.keepCompiledCode')]?.startedFrom, modules: Object.keys(require.cache) })));`,
        );
        const run = async (n: number) => {
          const out = path.join(t.dataDir, `probe-${n}.json`);
          const serve = runBundle(['serve'], { ...env, PROBE_OUT: out }, ['-r', probe]);
          const url = await new Promise<string>((resolve, reject) => {
            serve.child.stdout.on('data', () => {
              const m = serve.out.stdout.match(/Dateline is running at (http:\/\/127\.0\.0\.1:\d+)/);
              if (m) resolve(m[1]);
            });
            serve.exited.then((code) => reject(new Error(`exited ${code}: ${serve.out.stderr}`)));
          });
          const html = await (await fetch(`${url}/`)).text();
          const story = html.match(/href="(\/news\/\d+\/[^"]+)"/)?.[1];
          assert.ok(story, html.slice(0, 2000));
          const page = await fetch(url + story);
          await page.arrayBuffer();
          assert.equal(page.status, 200);
          serve.child.kill('SIGTERM');
          assert.equal(await serve.exited, 0, serve.out.stderr);
          return JSON.parse(fs.readFileSync(out, 'utf8')) as { startedFrom: string; modules: string[] };
        };
        // The first run keeps its code as it stops, unless a server of this build kept it already.
        const first = await run(1);
        assert.ok(['kept', 'primed', 'source'].includes(first.startedFrom), first.startedFrom);
        const second = await run(2);
        assert.equal(second.startedFrom, 'kept');
        const lazy = second.modules.filter((m) => /[\\/]node_modules[\\/](pg|sharp|ioredis|nodemailer|@simplewebauthn[\\/]server)[\\/]/.test(m));
        assert.deepEqual(lazy, []);
        assert.ok(second.modules.some((m) => m.includes('better-sqlite3')), 'the probe sees packages loaded');
      });
    }
  });
}
