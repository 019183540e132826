import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseArticleInput, type Article } from '../../src/domain/articles/index.ts';
import { lastChangeSeq } from '../../src/domain/changes/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';
import { csrfFrom, makeStaff, signedIn, type Browser } from './admin-auth-helpers.ts';

/** The newsroom's front-page screen: the same choices as the Admin API, with times in the edition's zone. */

for (const dialect of DIALECTS) {
  describe(`${dialect}: the front-page screen`, () => {
    let app: TestApp;
    let editor: Browser;
    let harbour: Article;
    let tram: Article;
    let draft: Article;
    let sport: number;
    const story = (headline: string, fields: Record<string, unknown> = {}) =>
      app.articles.create(parseArticleInput({ headline, status: 'published', publishedAt: '2026-05-20T08:00:00Z', ...fields }, 'create'), 'test');

    before(async () => {
      app = await createTestApp(dialect);
      // Tehran is +03:30 all year since 2022: a half-hour offset shows a conversion done by hand.
      await app.settings.update({ timeZone: 'Asia/Tehran' });
      sport = (await app.sections.create({ name: 'Sport', slug: 'sport' })).id;
      harbour = await story('Harbour reopens', { section: 'sport' });
      tram = await story('Tram line opens');
      draft = await story('Draft budget', { status: 'draft' });
      await makeStaff(app, 'editor');
      await makeStaff(app, 'moderator');
      editor = await signedIn(app, 'editor@news.test');
    });
    after(async () => app.cleanup());

    test('an editor chooses a lead pinned until a local time, a block order and a section lead; readers see them', async () => {
      const page = await editor.get('/admin/front-page');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<a href="\/admin\/front-page" aria-current="page">Front page<\/a>/);
      assert.match(page.body, new RegExp(`<option value="${harbour.id}">Harbour reopens</option>`));
      assert.doesNotMatch(page.body, /Draft budget/, 'drafts are not offered');
      const res = await editor.post('/admin/front-page', {
        _csrf: csrfFrom(page.body),
        lead: String(harbour.id),
        leadUntil: '2026-05-22T18:30',
        top1: String(tram.id),
        [`order-${sport}`]: '1',
        [`slead-${sport}`]: String(harbour.id),
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      assert.equal(res.headers.location, '/admin/front-page?saved=1');
      const c = await app.frontPage.choices();
      assert.equal(c.lead?.storyId, harbour.id);
      assert.equal(c.lead?.pinnedUntil?.toISOString(), '2026-05-22T15:00:00.000Z');
      assert.deepEqual(c.top.map((t) => t.storyId), [tram.id]);
      assert.deepEqual(c.sectionOrder, [sport]);
      assert.deepEqual(c.sectionLeads.map((l) => [l.sectionId, l.storyId]), [[sport, harbour.id]]);
      const again = await editor.get('/admin/front-page?saved=1');
      assert.match(again.body, /Front page saved/);
      assert.match(again.body, /name="leadUntil" value="2026-05-22T18:30"/, 'shown back in the edition zone');
      assert.match((await app.server.inject({ url: '/' })).body, /<section class="lead" aria-label="Top story">.*?Harbour reopens/s);
    });

    test('a draft chosen by hand, or a time the form cannot read, is refused beside its field and nothing is saved', async () => {
      const before = JSON.stringify(await app.frontPage.choices());
      const seq = await lastChangeSeq(app.db.kysely);
      const token = csrfFrom((await editor.get('/admin/front-page')).body);
      const bad = await editor.post('/admin/front-page', { _csrf: token, lead: String(draft.id), top1: String(tram.id), top1Until: '2026-02-30T10:00' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /Nothing was saved/);
      assert.match(bad.body, /<p class="field-error" id="f-top1Until-error">is not a real date and time<\/p>/);
      const bad2 = await editor.post('/admin/front-page', { _csrf: token, lead: String(draft.id) });
      assert.equal(bad2.statusCode, 422);
      assert.match(bad2.body, new RegExp(`<p class="field-error" id="f-lead-error">story ${draft.id} is not published`));
      assert.equal(JSON.stringify(await app.frontPage.choices()), before);
      assert.equal(await lastChangeSeq(app.db.kysely), seq);
    });

    test('moderators cannot open it, and a post without the CSRF token changes nothing', async () => {
      const moderator = await signedIn(app, 'moderator@news.test');
      assert.equal((await moderator.get('/admin/front-page')).statusCode, 403);
      assert.doesNotMatch((await moderator.get('/admin')).body, /href="\/admin\/front-page"/);
      const before = JSON.stringify(await app.frontPage.choices());
      assert.equal((await editor.post('/admin/front-page', { lead: '' })).statusCode, 403);
      assert.equal(JSON.stringify(await app.frontPage.choices()), before);
    });
  });
}
