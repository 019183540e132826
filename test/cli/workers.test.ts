import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../helpers/dialects.ts';
import { cliEnv, startCli, type CliEnv } from './cli-helpers.ts';

/**
 * `dateline serve` with WORKERS=2: two processes on one port. A change made
 * through whichever worker took the request is fresh on every worker; the
 * feed's poll is set to a minute, so only the wake-up between workers can
 * make it so within the wait.
 */
async function eventuallyAll(url: string, re: RegExp, tries: number): Promise<void> {
  const start = Date.now();
  for (;;) {
    const bodies = await Promise.all(Array.from({ length: tries }, async () => (await fetch(url)).text()));
    if (bodies.every((b) => re.test(b))) return;
    if (Date.now() - start > 15_000) assert.fail(`some worker still served the old page after 15 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function waitForText(read: () => string, re: RegExp): Promise<void> {
  for (let i = 0; !re.test(read()); i++) {
    if (i > 300) assert.fail(`never saw ${re} in: ${read()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: dateline serve with WORKERS=2`, { timeout: 120_000 }, () => {
    let t: CliEnv;
    const children: Array<ReturnType<typeof startCli>> = [];
    before(async () => {
      t = await cliEnv(dialect);
    });
    after(async () => {
      // A test that failed midway must not leave its server (and its workers) holding this process open.
      for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
      await t.cleanup();
    });

    test('one banner and one key; an edit through one worker is fresh on all; a killed worker is replaced', async () => {
      const serve = startCli(['serve'], { ...t.env, HOST: '127.0.0.1', PORT: '0', SITE_URL: 'http://news.test', WORKERS: '2', CHANGE_POLL_MS: '60000' });
      children.push(serve);
      try {
        const [, url] = await serve.waitFor(/Dateline is running at (http:\/\/127\.0\.0\.1:\d+)/);
        const [, file] = await serve.waitFor(/Admin API key written to (\S+) \(readable by this user only\)/);
        const key = fs.readFileSync(file, 'utf8').trim();
        await serve.waitFor(/Press Ctrl\+C to stop/);
        assert.equal(serve.out.stdout.match(/Dateline is running at/g)?.length, 1);
        assert.equal(serve.out.stderr.match(/^database: /gm)?.length, 1, 'the primary names the database, once');
        const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
        const created = await fetch(`${url}/api/admin/v1/articles`, { method: 'POST', headers: auth, body: JSON.stringify({ headline: 'Workers share a port', status: 'published' }) });
        assert.equal(created.status, 201);
        const { article } = (await created.json()) as { article: { id: number; url: string } };
        const page = url + new URL(article.url).pathname;
        await eventuallyAll(page, /Workers share a port/, 8);
        const edited = await fetch(`${url}/api/admin/v1/articles/${article.id}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ headline: 'Every worker shows this edit' }) });
        assert.equal(edited.status, 200);
        await eventuallyAll(page, /Every worker shows this edit/, 8);
        // A worker killed outright is replaced, and the site keeps answering with every change.
        const workers = execFileSync('pgrep', ['-P', String(serve.child.pid)]).toString().trim().split('\n').map(Number);
        assert.equal(workers.length, 2, `${execFileSync('ps', ['-o', 'pid,ppid,stat,args', '--ppid', String(serve.child.pid)])}\n${serve.out.stderr}`);
        process.kill(workers[0], 'SIGKILL');
        await waitForText(() => serve.out.stderr, /exited \(SIGKILL\); starting another/);
        const again = await fetch(`${url}/api/admin/v1/articles/${article.id}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ headline: 'After a worker was killed' }) });
        assert.equal(again.status, 200);
        await eventuallyAll(page, /After a worker was killed/, 8);
      } finally {
        serve.child.kill('SIGTERM');
        assert.equal(await serve.exited, 0, serve.out.stderr);
      }
    });
  });
}
