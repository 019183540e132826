import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseArticleInput, type Article } from '../../src/domain/articles/index.ts';
import { lastChangeSeq } from '../../src/domain/changes/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';
import { csrfFrom, makeStaff, signedIn, type Browser } from './admin-auth-helpers.ts';

/**
 * A section page's own lead, set from the section's edit screen: the same
 * stored choice as the front-page screen's "Section page leads", purging the
 * cached section page, with its pin's end a job, refusals marked on the form.
 */

/** The story at the top of a section page: a chosen lead is drawn as the lead card, else the newest comes first. */
const listLead = (html: string) => /<h[23] class="card-title"><a href="[^"]+">([^<]+)<\/a>/.exec(html)?.[1] ?? null;
const chosenLead = (html: string) => /<div class="lead list-lead">.*?<h[23] class="card-title"><a href="[^"]+">([^<]+)<\/a>/s.exec(html)?.[1] ?? null;

for (const dialect of DIALECTS) {
  describe(`${dialect}: a section's own lead from its screen`, () => {
    let app: TestApp;
    let editor: Browser;
    let sport: number;
    let local: number;
    let oldMatch: Article;
    let newMatch: Article;
    let elsewhere: Article;
    const story = (headline: string, fields: Record<string, unknown> = {}) =>
      app.articles.create(parseArticleInput({ headline, status: 'published', bodyMarkdown: 'Text.', ...fields }, 'create'), 'test');
    const page = async () => (await app.server.inject({ url: '/section/sport' })).body;

    before(async () => {
      app = await createTestApp(dialect);
      await app.settings.update({ timeZone: 'Asia/Tehran' });
      sport = (await app.sections.create({ name: 'Sport', slug: 'sport' })).id;
      local = (await app.sections.create({ name: 'Local', slug: 'local' })).id;
      oldMatch = await story('Old match report', { section: 'sport', publishedAt: '2026-05-19T08:00:00Z' });
      newMatch = await story('New match report', { section: 'sport', publishedAt: '2026-05-20T08:00:00Z' });
      elsewhere = await story('Council news', { section: 'local', publishedAt: '2026-05-20T09:00:00Z' });
      await makeStaff(app, 'editor');
      editor = await signedIn(app, 'editor@news.test');
    });
    after(async () => app.cleanup());

    test('the edit screen offers the section’s stories; choosing one leads the cached section page at once', async () => {
      assert.equal(listLead(await page()), 'New match report');
      assert.equal(listLead(await page()), 'New match report', 'now cached');
      const screen = await editor.get(`/admin/sections/${sport}`);
      assert.equal(screen.statusCode, 200);
      assert.match(screen.body, /Lead story of the section page/);
      assert.match(screen.body, new RegExp(`<option value="${oldMatch.id}">Old match report</option>`));
      assert.doesNotMatch(screen.body, /Council news/, 'only the section’s own stories are offered');
      const res = await editor.post(`/admin/sections/${sport}/lead`, { _csrf: csrfFrom(screen.body), [`slead-${sport}`]: String(oldMatch.id), [`slead-${sport}Until`]: '2026-05-21T18:30' });
      assert.equal(res.statusCode, 303, res.body.slice(0, 400));
      assert.equal(res.headers.location, `/admin/sections/${sport}?lead=saved#lead-h`);
      assert.equal(chosenLead(await page()), 'Old match report', 'the cached page was purged');
      const c = await app.frontPage.choices();
      assert.deepEqual(c.sectionLeads.map((l) => [l.sectionId, l.storyId, l.pinnedUntil?.toISOString()]), [[sport, oldMatch.id, '2026-05-21T15:00:00.000Z']], 'stored as the front-page screen stores it, the time read in the edition zone');
      const shown = await editor.get(`/admin/sections/${sport}?lead=saved`);
      assert.match(shown.body, /The section page’s lead was saved/);
      assert.match(shown.body, new RegExp(`<option value="${oldMatch.id}" selected>Old match report</option>`));
      assert.match(shown.body, new RegExp(`name="slead-${sport}Until" value="2026-05-21T18:30"`));
      const front = await editor.get('/admin/front-page');
      assert.match(front.body, new RegExp(`name="slead-${sport}"[^]*?<option value="${oldMatch.id}" selected>`), 'the front-page screen shows the same choice');
      const audit = await app.auditLog.list(5, 0);
      assert.ok(audit.some((a) => a.action === 'front-page.update'), 'audited');
    });

    test('its pin’s end is a job that purges the section page', async () => {
      assert.equal(chosenLead(await page()), 'Old match report');
      app.clock.set(new Date('2026-05-21T15:01:00Z'));
      assert.ok((await app.runner.runDue()) >= 1, 'the pin job ran');
      editor = await signedIn(app, 'editor@news.test'); // five hours on, the session has idled out
      assert.equal(listLead(await page()), 'New match report');
      assert.equal(chosenLead(await page()), null);
    });

    test('setting one section’s lead keeps every other choice', async () => {
      await app.frontPage.update({ lead: { story: newMatch.id, pinnedUntil: null }, sectionLeads: [{ section: local, story: elsewhere.id }] }, 'test');
      const screen = await editor.get(`/admin/sections/${sport}`);
      const res = await editor.post(`/admin/sections/${sport}/lead`, { _csrf: csrfFrom(screen.body), [`slead-${sport}`]: String(oldMatch.id), [`slead-${sport}Until`]: '' });
      assert.equal(res.statusCode, 303);
      const c = await app.frontPage.choices();
      assert.equal(c.lead?.storyId, newMatch.id);
      assert.deepEqual(c.sectionLeads.map((l) => [l.sectionId, l.storyId, l.pinnedUntil]).sort(), [[local, elsewhere.id, null], [sport, oldMatch.id, null]].sort());
      // Back to automatic: the newest story leads again, the other section keeps its lead.
      const cleared = await editor.post(`/admin/sections/${sport}/lead`, { _csrf: csrfFrom(screen.body), [`slead-${sport}`]: '', [`slead-${sport}Until`]: '' });
      assert.equal(cleared.statusCode, 303);
      assert.deepEqual((await app.frontPage.choices()).sectionLeads.map((l) => l.sectionId), [local]);
      assert.equal(listLead(await page()), 'New match report');
    });

    test('a story from another section, a past pin or a forged id: 422 on the screen, the field marked, nothing changed', async () => {
      const screen = await editor.get(`/admin/sections/${sport}`);
      const csrf = csrfFrom(screen.body);
      const seq = await lastChangeSeq(app.db.kysely);
      const cases: Array<[Record<string, string>, RegExp]> = [
        [{ [`slead-${sport}`]: String(elsewhere.id) }, /not filed in that section or below it/],
        [{ [`slead-${sport}`]: String(oldMatch.id), [`slead-${sport}Until`]: '2026-05-01T10:00' }, /already past/],
        [{ [`slead-${sport}`]: 'abc' }, /must be/],
        [{ [`slead-${sport}`]: '99999' }, /there is no story 99999/],
      ];
      for (const [fields, message] of cases) {
        const res = await editor.post(`/admin/sections/${sport}/lead`, { _csrf: csrf, [`slead-${sport}Until`]: '', ...fields });
        assert.equal(res.statusCode, 422, JSON.stringify(fields));
        assert.match(res.body, message);
        assert.match(res.body, /The lead was not saved/);
        assert.match(res.body, /aria-invalid="true"/);
      }
      assert.equal(await lastChangeSeq(app.db.kysely), seq, 'no change row');
      assert.deepEqual((await app.frontPage.choices()).sectionLeads.map((l) => l.sectionId), [local]);
    });

    test('without the form token: 403 and nothing stored; an unknown section: 404', async () => {
      const res = await editor.post(`/admin/sections/${sport}/lead`, { [`slead-${sport}`]: String(oldMatch.id) });
      assert.equal(res.statusCode, 403);
      assert.deepEqual((await app.frontPage.choices()).sectionLeads.map((l) => l.sectionId), [local]);
      const screen = await editor.get(`/admin/sections/${sport}`);
      assert.equal((await editor.post('/admin/sections/99999/lead', { _csrf: csrfFrom(screen.body), 'slead-99999': String(oldMatch.id) })).statusCode, 404);
    });
  });
}
