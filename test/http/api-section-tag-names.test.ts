import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

/**
 * The Admin API takes a section or a tag by the name people see as well as by
 * slug. A section must exist (the refusal lists those that do, and nothing is
 * written); a tag named for the first time is created, and a tag whose slug is
 * not its name's slug is found by its name rather than duplicated.
 */
const BASE = '/api/admin/v1';

for (const dialect of DIALECTS) {
  describe(`${dialect}: Admin API sections and tags by name`, () => {
    let app: TestApp;
    let key: string;
    const storyCount = async () => Number((await app.db.kysely.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const post = (payload: object) => app.server.inject({ method: 'POST', url: `${BASE}/articles`, headers: { authorization: `Bearer ${key}` }, payload });

    before(async () => {
      app = await createTestApp(dialect);
      key = (await app.apiKeys.create('editor key', 'editor', 'test')).key;
      await app.sections.create({ name: 'Middle East', slug: 'mideast' });
      await app.sections.create({ name: 'Économie', slug: 'economie' });
      await app.tags.create({ name: 'Majlis elections', slug: 'parliament-vote' });
    });
    after(async () => app.cleanup());

    test('a section by its name, in any case, or by its slug', async () => {
      for (const section of ['Middle East', 'middle east', '  MIDDLE EAST ', 'mideast']) {
        const res = await post({ headline: `Filed under ${section}`, section });
        assert.equal(res.statusCode, 201, `${section}: ${res.body}`);
        assert.equal(res.json().article.section.slug, 'mideast');
      }
      const fr = await post({ headline: 'Budget', section: 'économie' });
      assert.equal(fr.json().article.section.slug, 'economie');
    });

    test('an unknown section is a 422 that lists the sections, and nothing is written', async () => {
      const before = await storyCount();
      const res = await post({ headline: 'Nowhere to go', section: 'Sport', tags: ['Brand new tag'] });
      assert.equal(res.statusCode, 422);
      const message = res.json().error.problems?.[0]?.message ?? res.json().error.message;
      assert.match(message, /no section "Sport"/);
      assert.match(message, /Middle East \(mideast\)/);
      assert.match(message, /Économie \(economie\)/);
      assert.equal(await storyCount(), before);
      assert.equal((await app.tags.list()).some((t) => t.name === 'Brand new tag'), false, 'no tag created by a refused save');
    });

    test('a tag by its name or slug is the same tag; a new name creates one', async () => {
      const byName = (await post({ headline: 'Vote day', tags: ['Majlis elections'] })).json().article;
      const bySlug = (await post({ headline: 'Vote night', tags: ['parliament-vote'] })).json().article;
      assert.deepEqual(byName.tags.map((t: { slug: string }) => t.slug), ['parliament-vote']);
      assert.deepEqual(bySlug.tags.map((t: { slug: string }) => t.slug), ['parliament-vote']);
      const fresh = (await post({ headline: 'Turnout', tags: ['Turnout figures'] })).json().article;
      assert.deepEqual(fresh.tags.map((t: { slug: string }) => t.slug), ['turnout-figures']);
      assert.equal((await app.tags.list()).filter((t) => t.name === 'Majlis elections').length, 1);
    });
  });
}
