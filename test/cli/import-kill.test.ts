import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { createApp } from '../../src/main.ts';
import { DIALECTS } from '../helpers/dialects.ts';
import { generateWxr } from '../helpers/wxr.ts';
import { cliEnv, runCli, startCli, type CliEnv } from './cli-helpers.ts';

/**
 * `dateline import wordpress FILE` as a real process, killed with SIGKILL
 * once its first batches have committed (docs/import.md, "Batches, re-runs
 * and what readers see"): what it wrote are drafts held for the flip, so the
 * public site and the Content API show none of it; the same command again
 * completes, with exact counts and nothing twice.
 */
const POSTS = 1200;
const PER_POST = 3;

const count = async (q: { executeTakeFirstOrThrow(): Promise<{ n: unknown }> }) => Number((await q.executeTakeFirstOrThrow()).n);

for (const dialect of DIALECTS) {
  describe(`${dialect}: an import killed half-way`, { timeout: 300_000 }, () => {
    let t: CliEnv;
    let file: string;
    before(async () => {
      t = await cliEnv(dialect);
      file = path.join(t.dataDir, 'export.xml');
      generateWxr(file, POSTS, PER_POST);
    });
    after(async () => t.cleanup());

    /** The site as readers reach it, on the database the CLI wrote: an app of its own, no job runner. */
    const withSite = async <T>(fn: (app: Awaited<ReturnType<typeof createApp>>) => Promise<T>): Promise<T> => {
      const app = await createApp(loadConfig(t.env), { jobs: false });
      try {
        return await fn(app);
      } finally {
        await app.close();
      }
    };

    test('SIGKILL after a batch: nothing public; the re-run completes with exact counts and no duplicates', async () => {
      const run = startCli(['import', 'wordpress', file], t.env);
      // The CLI prints its first progress line as soon as the first batch has committed.
      await new Promise<void>((resolve, reject) => {
        const check = () => /\d+ stories/.test(run.out.stderr) && (resolve(), true);
        if (!check()) run.child.stderr!.on('data', check);
        run.exited.then((code) => reject(new Error(`exited (${code}) before any progress: ${run.out.stderr}`)));
      });
      run.child.kill('SIGKILL');
      assert.equal(await run.exited, null, 'killed, not finished');
      const killedAt = Number(/([\d,]+) stories/.exec(run.out.stderr)![1].replace(/,/g, ''));
      assert.ok(killedAt >= 200 && killedAt < POSTS, `killed after ${killedAt} stories`);

      await withSite(async (app) => {
        const k = app.db.kysely;
        const written = await count(k.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')));
        assert.ok(written >= 200 && written < POSTS, `batches committed before the kill: ${written} stories`);
        assert.equal(await count(k.selectFrom('articles').where('status', '!=', 'draft').select((eb) => eb.fn.countAll().as('n'))), 0, 'every one still a draft');
        assert.equal((await app.queries.listPublic({}, 10, 0)).total, 0);
        const [held] = await k.selectFrom('import_sources').select('entity_id').where('kind', '=', 'article').where('held_status', 'is not', null).orderBy('entity_id').limit(1).execute();
        const story = await app.articles.get(held.entity_id);
        const reader = (url: string) => app.server.inject(url);
        assert.doesNotMatch((await reader('/')).body, /Story number/);
        assert.equal((await reader(`/news/${story.id}/${story.slug}`)).statusCode, 404, 'the story page');
        assert.equal((await reader('/?p=1')).statusCode, 404, 'the old short address does not redirect to a draft');
        assert.equal((await reader('/2010/story-1/')).statusCode, 404, 'nor the old permalink');
        for (const url of ['/feed.xml', '/sitemap.xml']) {
          const res = await reader(url);
          assert.equal(res.statusCode, 200, url);
          assert.doesNotMatch(res.body, /Story number|story-\d+/, url);
        }
        const search = await reader('/api/content/v1/search?q=story');
        assert.equal(search.statusCode, 200);
        assert.doesNotMatch(search.body, /Story number/);
        assert.equal((await reader(`/api/content/v1/articles/${story.id}/comments`)).statusCode, 404, 'its comments');
      });

      const again = await runCli(['import', 'wordpress', file], t.env);
      assert.equal(again.code, 0, again.stderr);
      const m = /: (\d+) new stories, (\d+) updated/.exec(again.stdout)!;
      assert.equal(Number(m[1]) + Number(m[2]), POSTS, again.stdout);
      assert.ok(Number(m[2]) >= 200, 'the drafts of the killed run are updated, not made again');

      await withSite(async (app) => {
        const k = app.db.kysely;
        const n = (table: 'articles' | 'comments' | 'redirects' | 'people') => count(k.selectFrom(table).select((eb) => eb.fn.countAll().as('n')));
        assert.equal(await n('articles'), POSTS);
        assert.equal(await count(k.selectFrom('articles').select((eb) => eb.fn.count('slug').distinct().as('n'))), POSTS, 'no slug made twice (no "-2" copies)');
        assert.equal(await n('comments'), POSTS * PER_POST);
        assert.equal(await n('redirects'), POSTS * 2, 'the permalink and /?p=ID of each post, once');
        assert.equal(await n('people'), 20);
        assert.equal(await count(k.selectFrom('import_sources').where('held_status', 'is not', null).select((eb) => eb.fn.countAll().as('n'))), 0, 'every hold released');
        assert.equal((await app.queries.listPublic({}, 10, 0)).total, POSTS);
        assert.match((await app.server.inject('/')).body, /Story number/);
        assert.equal((await app.server.inject('/?p=1')).statusCode, 301);
        const comments = await k.selectFrom('comments').select(['article_id', 'parent_id']).where('parent_id', 'is not', null).execute();
        assert.equal(comments.length, POSTS, 'every third comment a reply, each with its parent');
      });
    });
  });
}
