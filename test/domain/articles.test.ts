import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { AppError } from '../../src/domain/shared/errors.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: articles service`, () => {
    let app: TestApp;
    before(async () => {
      app = await createTestApp(dialect);
      await app.sections.create({ name: 'City', slug: 'city' });
      await app.people.create({ name: 'Sara Ahmadi' });
    });
    after(async () => app.cleanup());

    test('creates a published story with section, tags, byline and a revision', async () => {
      const a = await app.articles.create(
        parseArticleInput({ headline: 'Council votes on budget', bodyMarkdown: 'First.\n\n## Sub\n\nSecond.', section: 'city', tags: ['Budget', 'City Hall'], bylines: ['sara-ahmadi'], status: 'published' }, 'create'),
        'test',
      );
      assert.equal(a.status, 'published');
      assert.equal(a.slug, 'council-votes-on-budget');
      assert.deepEqual(a.tags.map((t) => t.slug), ['budget', 'city-hall']);
      assert.equal(a.bylines[0].name, 'Sara Ahmadi');
      assert.equal(a.section?.slug, 'city');
      assert.equal(a.wordCount, 3);
      const found = await app.queries.findPublic(a.id);
      assert.equal(found.state, 'visible');
    });

    test('same headline twice gets distinct slugs; concurrent creates never collide', async () => {
      const input = parseArticleInput({ headline: 'Breaking News' }, 'create');
      const made = await Promise.all(Array.from({ length: 40 }, () => app.articles.create(input, 'test')));
      const slugs = new Set(made.map((a) => a.slug));
      assert.equal(slugs.size, 40);
      assert.ok(slugs.has('breaking-news') && slugs.has('breaking-news-2'));
    });

    test('a missing section is a 422 and writes nothing, not even a new tag', async () => {
      const before = (await app.tags.list()).length;
      await assert.rejects(
        app.articles.create(parseArticleInput({ headline: 'X', section: 'nope', tags: ['Brand New Tag'] }, 'create'), 'test'),
        (e: AppError) => e.status === 422 && e.problems[0].field === 'section',
      );
      assert.equal((await app.tags.list()).length, before);
    });

    test('a stale version is refused with 409 and the first save stands', async () => {
      const a = await app.articles.create(parseArticleInput({ headline: 'Draft one' }, 'create'), 'test');
      await app.articles.update(a.id, parseArticleInput({ headline: 'First editor', version: 1 }, 'update'), 'e1');
      await assert.rejects(app.articles.update(a.id, parseArticleInput({ headline: 'Second editor', version: 1 }, 'update'), 'e2'), (e: AppError) => e.code === 'VERSION_CONFLICT');
      assert.equal((await app.articles.get(a.id)).headline, 'First editor');
    });

    test('a future publish time schedules; publishDue releases it on time', async () => {
      const at = new Date(app.clock.now().getTime() + 60_000);
      const a = await app.articles.create(parseArticleInput({ headline: 'Later', status: 'published', publishedAt: at.toISOString() }, 'create'), 'test');
      assert.equal(a.status, 'scheduled');
      assert.equal((await app.queries.findPublic(a.id)).state, 'missing');
      app.clock.advance(61_000);
      assert.deepEqual(await app.articles.publishDue(), [a.id]);
      assert.equal((await app.queries.findPublic(a.id)).state, 'visible');
    });

    test('unpublished is gone (410), drafts are missing (404)', async () => {
      const a = await app.articles.create(parseArticleInput({ headline: 'Withdrawn', status: 'published' }, 'create'), 'test');
      await app.articles.update(a.id, parseArticleInput({ status: 'unpublished' }, 'update'), 'test');
      assert.equal((await app.queries.findPublic(a.id)).state, 'gone');
      const d = await app.articles.create(parseArticleInput({ headline: 'Secret draft' }, 'create'), 'test');
      assert.equal((await app.queries.findPublic(d.id)).state, 'missing');
    });
  });
}
