import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';
import { easyRules, nextIp, validPost } from '../domain/comments-helpers.ts';

/**
 * Story lists show how many approved comments each story has, and a cached
 * list page is purged when a comment is approved (the card's comments tag).
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: comment counts on story lists`, () => {
    let app: TestApp;
    let story: number;
    const get = (url: string) => app.server.inject({ method: 'GET', url });
    const LISTS = ['/', '/section/world', '/tag/ferries'];

    before(async () => {
      app = await createTestApp(dialect);
      await easyRules(app);
      await app.sections.create({ name: 'World', slug: 'world' });
      await app.tags.create({ name: 'Ferries', slug: 'ferries' });
      const first = await app.articles.create(parseArticleInput({ headline: 'Older ferry story', section: 'world', tags: ['ferries'], status: 'published', publishedAt: '2026-05-01T08:00:00Z', commentMode: 'premoderated' }, 'create'), 'test');
      story = first.id;
      // A newer lead, so the counted story is an ordinary card on the home page too.
      await app.articles.create(parseArticleInput({ headline: 'Newer lead', section: 'world', tags: ['ferries'], status: 'published', publishedAt: '2026-05-01T09:00:00Z' }, 'create'), 'test');
    });
    after(async () => app.cleanup());

    const countOn = (html: string) => /<a class="card-comments" href="\/news\/\d+\/older-ferry-story#comments">([^<]+)<\/a>/.exec(html)?.[1] ?? null;

    test('no count until a comment is approved; then every list shows it, fresh from the cache', async () => {
      for (const url of LISTS) assert.equal(countOn((await get(url)).body), null, `${url} before any comment`);
      // Cached now: a second request is a cache hit and still says nothing.
      for (const url of LISTS) assert.equal(countOn((await get(url)).body), null);

      const ids: number[] = [];
      for (const body of ['First thoughts on the ferry.', 'Second thoughts on the ferry.']) {
        app.clock.advance(20_000);
        const p = await validPost(app, story, nextIp(), { body });
        ids.push((await app.comments.submit(p, p.raw)).id);
      }
      for (const url of LISTS) assert.equal(countOn((await get(url)).body), null, `${url}: pending comments are not counted`);

      await app.commentModeration.moderate([ids[0]], 'approve', 'test');
      for (const url of LISTS) assert.equal(countOn((await get(url)).body), '1 comment', `${url} after one approval`);
      await app.commentModeration.moderate([ids[1]], 'approve', 'test');
      for (const url of LISTS) assert.equal(countOn((await get(url)).body), '2 comments', `${url} after two`);
      await app.commentModeration.remove(ids[0], 'test');
      for (const url of LISTS) assert.equal(countOn((await get(url)).body), '1 comment', `${url} after a removal`);
    });
  });
}
