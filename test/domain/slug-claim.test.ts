import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

/** The clean slug goes to the story published first, not to an abandoned draft that was saved first. */
for (const dialect of DIALECTS) {
  describe(`${dialect}: first publication takes the clean slug`, () => {
    let app: TestApp;
    const create = (f: Record<string, unknown>) => app.articles.create(parseArticleInput(f, 'create'), 'test');
    const publish = (id: number, f: Record<string, unknown> = {}) => app.articles.update(id, parseArticleInput({ status: 'published', ...f }, 'update'), 'test');

    before(async () => {
      app = await createTestApp(dialect);
    });
    after(async () => app.cleanup());

    test('a story created published takes the slug from an abandoned draft', async () => {
      const draft = await create({ headline: 'Budget vote delayed' });
      assert.equal(draft.slug, 'budget-vote-delayed');
      const story = await create({ headline: 'Budget vote delayed', status: 'published', bodyMarkdown: 'Text.' });
      assert.equal(story.slug, 'budget-vote-delayed');
      const after = await app.articles.get(draft.id);
      assert.equal(after.slug, 'budget-vote-delayed-2');
      assert.equal(after.version, draft.version + 1, 'an editor still open on the draft reloads rather than saving the old slug back');
      const changes = await app.db.kysely.selectFrom('changes').select(['entity_id', 'action']).where('kind', '=', 'article').orderBy('id', 'desc').limit(2).execute();
      assert.deepEqual(changes.map((c) => [String(c.entity_id), c.action]).sort(), [[String(draft.id), 'updated'], [String(story.id), 'created']].sort(), 'the draft’s new slug is in the change feed');
      const page = await app.server.inject({ url: '/news/' + story.id + '/budget-vote-delayed' });
      assert.equal(page.statusCode, 200);
    });

    test('a draft published later takes it from the older draft', async () => {
      const first = await create({ headline: 'Bridge closes for repairs' });
      const second = await create({ headline: 'Bridge closes for repairs', bodyMarkdown: 'Text.' });
      assert.equal(second.slug, 'bridge-closes-for-repairs-2');
      const out = await publish(second.id);
      assert.equal(out.slug, 'bridge-closes-for-repairs');
      assert.equal((await app.articles.get(first.id)).slug, 'bridge-closes-for-repairs-2');
      // Published once, the address stays: the older draft published now keeps its numbered slug.
      const later = await publish(first.id, { bodyMarkdown: 'Also text.' });
      assert.equal(later.slug, 'bridge-closes-for-repairs-2');
      assert.equal((await app.articles.get(second.id)).slug, 'bridge-closes-for-repairs');
    });

    test('a story the scheduler publishes takes the slug from an abandoned draft', async () => {
      const draft = await create({ headline: 'Ferry timetable changes' });
      const at = new Date(app.clock.now().getTime() + 60_000).toISOString();
      const story = await create({ headline: 'Ferry timetable changes', status: 'scheduled', publishedAt: at, bodyMarkdown: 'Text.' });
      assert.equal(story.slug, 'ferry-timetable-changes-2', 'scheduled, not yet public: the draft keeps the slug for now');
      assert.equal((await app.articles.get(draft.id)).slug, 'ferry-timetable-changes');
      app.clock.advance(61_000);
      await app.runner.runDue();
      assert.equal((await app.articles.get(story.id)).status, 'published');
      assert.equal((await app.articles.get(story.id)).slug, 'ferry-timetable-changes');
      const moved = await app.articles.get(draft.id);
      assert.equal(moved.slug, 'ferry-timetable-changes-2');
      assert.equal(moved.version, draft.version + 1);
      const changes = await app.db.kysely.selectFrom('changes').select(['entity_id', 'action']).where('kind', '=', 'article').orderBy('id', 'desc').limit(2).execute();
      assert.deepEqual(changes.map((c) => [String(c.entity_id), c.action]).sort(), [[String(draft.id), 'updated'], [String(story.id), 'published']].sort());
      assert.equal((await app.server.inject({ url: '/news/' + story.id + '/ferry-timetable-changes' })).statusCode, 200);
    });

    test('a story that was public before and is scheduled again keeps its address', async () => {
      const old = await create({ headline: 'Market hall reopens', status: 'published', bodyMarkdown: 'Text.' });
      const next = await create({ headline: 'Market hall reopens', status: 'published', bodyMarkdown: 'Text.' });
      assert.equal(next.slug, 'market-hall-reopens-2');
      await app.articles.update(next.id, parseArticleInput({ status: 'unpublished' }, 'update'), 'test');
      await app.articles.update(old.id, parseArticleInput({ status: 'unpublished' }, 'update'), 'test');
      // Only a draft that was never public gives its slug up; make one hold the clean slug.
      await app.db.kysely.updateTable('articles').set({ slug: 'market-hall-reopens-x' }).where('id', '=', old.id).execute();
      const draft = await create({ headline: 'Market hall reopens' });
      assert.equal(draft.slug, 'market-hall-reopens');
      const at = new Date(app.clock.now().getTime() + 60_000).toISOString();
      await app.articles.update(next.id, parseArticleInput({ status: 'scheduled', publishedAt: at }, 'update'), 'test');
      app.clock.advance(61_000);
      await app.runner.runDue();
      const back = await app.articles.get(next.id);
      assert.equal(back.status, 'published');
      assert.equal(back.slug, 'market-hall-reopens-2', 'republished, not first published: its public address stays');
      assert.equal((await app.articles.get(draft.id)).slug, 'market-hall-reopens');
    });

    test('a slug once public, or one chosen by hand, is never taken', async () => {
      const old = await create({ headline: 'Tram fares rise', status: 'published', bodyMarkdown: 'Text.' });
      await app.articles.update(old.id, parseArticleInput({ status: 'unpublished' }, 'update'), 'test');
      const next = await create({ headline: 'Tram fares rise', status: 'published', bodyMarkdown: 'Text.' });
      assert.equal(next.slug, 'tram-fares-rise-2', 'a withdrawn story keeps its address (410, not someone else’s story)');
      assert.equal((await app.articles.get(old.id)).slug, 'tram-fares-rise');

      await create({ headline: 'Harbour reopens' });
      const chosen = await create({ headline: 'Harbour reopens', slug: 'harbour-reopens-2', status: 'published', bodyMarkdown: 'Text.' });
      assert.equal(chosen.slug, 'harbour-reopens-2', 'a slug given by hand is kept');
    });
  });
}
