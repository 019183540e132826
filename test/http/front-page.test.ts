import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { parseArticleInput, type Article } from '../../src/domain/articles/index.ts';
import { lastChangeSeq } from '../../src/domain/changes/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

/**
 * The editors' front page, through the Admin API and the public pages: what
 * is chosen is shown, what is not (or no longer public, or past its pin)
 * falls back to the newest, and every change reaches the cached pages.
 * Pages are read twice where it matters, so the second read is the cached
 * copy and a missing purge shows as a stale page.
 */

const BASE = '/api/admin/v1';
const headlines = (html: string) => [...html.matchAll(/<h[23] class="card-title"><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
const leadOf = (html: string) => /<section class="lead" aria-label="Top story">.*?class="card-title"><a href="[^"]+">([^<]+)<\/a>/s.exec(html)?.[1];
const topOf = (html: string) => {
  const block = /<section class="section-group top-stories".*?<\/section>/s.exec(html)?.[0] ?? '';
  return headlines(block);
};
const groupsOf = (html: string) => [...html.matchAll(/<h2 class="group-title" id="group-\d+">(?:<a href="[^"]+">)?([^<]+)/g)].map((m) => m[1]);

for (const dialect of DIALECTS) {
  describe(`${dialect}: the front page editors make`, () => {
    let app: TestApp;
    let editor: string;
    let author: string;
    const s: Record<string, Article> = {};
    const sections: Record<string, number> = {};
    let minute = 0;
    const get = async (url: string) => (await app.server.inject({ url })).body;
    const put = (payload: unknown, key = editor) => app.server.inject({ method: 'PUT', url: `${BASE}/front-page`, headers: { authorization: `Bearer ${key}` }, payload: payload as object });
    const create = async (name: string, fields: Record<string, unknown>) => {
      const publishedAt = new Date(Date.parse('2026-05-01T08:00:00Z') + minute++ * 60_000).toISOString();
      s[name] = await app.articles.create(parseArticleInput({ headline: name, status: 'published', publishedAt, ...fields }, 'create'), 'test');
    };
    const setStatus = (name: string, status: string) => app.articles.update(s[name].id, parseArticleInput({ status }, 'update'), 'test');

    before(async () => {
      app = await createTestApp(dialect);
      editor = (await app.apiKeys.create('editor', 'editor', 'test')).key;
      author = (await app.apiKeys.create('author', 'author', 'test')).key;
      for (const [name, slug] of [['Politics', 'politics'], ['Sport', 'sport'], ['Culture', 'culture']]) sections[slug] = (await app.sections.create({ name, slug })).id;
      await create('Old politics', { section: 'politics' });
      await create('Culture one', { section: 'culture' });
      await create('Sport one', { section: 'sport' });
      await create('Sport two', { section: 'sport' });
      await create('Politics two', { section: 'politics' });
      await create('Newest sport', { section: 'sport' });
      await create('A draft', { section: 'politics', status: 'draft' });
    });
    after(async () => app.cleanup());
    beforeEach(async () => {
      // Each test starts from no choices and every story as created.
      for (const name of ['Old politics', 'Culture one', 'Politics two', 'Newest sport']) await setStatus(name, 'published');
      assert.equal((await put({ lead: null, top: [], sectionOrder: null, sectionLeads: [] })).statusCode, 200);
    });

    test('nothing chosen: the newest story leads, no top-stories block, blocks newest first', async () => {
      const html = await get('/');
      assert.equal(leadOf(html), 'Newest sport');
      assert.deepEqual(topOf(html), []);
      assert.deepEqual(groupsOf(html), ['Politics', 'Sport', 'Culture']);
    });

    test('a chosen lead, top stories in order and block order are shown, and the cached page is purged when they change', async () => {
      assert.equal(leadOf(await get('/')), 'Newest sport');
      const res = await put({ lead: { story: s['Old politics'].id }, top: [{ story: s['Sport one'].id }, { story: s['Culture one'].id }], sectionOrder: { sections: [sections.culture, sections.sport] } });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json().frontPage.top, [{ story: s['Sport one'].id, pinnedUntil: null }, { story: s['Culture one'].id, pinnedUntil: null }]);
      for (const html of [await get('/'), await get('/')]) {
        assert.equal(leadOf(html), 'Old politics');
        assert.deepEqual(topOf(html), ['Sport one', 'Culture one']);
        // Culture's only story is a top story, so its block is gone; Sport comes first as chosen, then the rest.
        assert.deepEqual(groupsOf(html), ['Sport', 'Politics']);
        assert.equal(headlines(html).filter((h) => h === 'Sport one').length, 1, 'each story once');
      }
      assert.equal((await put({ lead: { story: s['Politics two'].id } })).statusCode, 200);
      const html = await get('/');
      assert.equal(leadOf(html), 'Politics two');
      assert.deepEqual(topOf(html), ['Sport one', 'Culture one'], 'keys left out keep their choices');
      const line = (await app.auditLog.list(5, 0)).find((l) => l.action === 'front-page.update');
      assert.equal(line?.actor.startsWith('apikey:'), true);
    });

    test('a chosen story unpublished leaves the front page at once and its place falls back to the newest', async () => {
      await put({ lead: { story: s['Old politics'].id }, top: [{ story: s['Culture one'].id }] });
      assert.equal(leadOf(await get('/')), 'Old politics');
      await setStatus('Old politics', 'unpublished');
      let html = await get('/');
      assert.equal(leadOf(html), 'Newest sport');
      assert.ok(!headlines(html).includes('Old politics'));
      await setStatus('Culture one', 'unpublished');
      html = await get('/');
      assert.deepEqual(topOf(html), []);
      assert.ok(!headlines(html).includes('Culture one'));
      await setStatus('Old politics', 'published');
      assert.equal(leadOf(await get('/')), 'Old politics', 'republished, the choice holds again');
    });

    test('a pin ends: its job purges the cached page and the newest story leads again', async () => {
      const end = new Date(app.clock.now().getTime() + 3600_000).toISOString();
      assert.equal((await put({ lead: { story: s['Sport one'].id, pinnedUntil: end } })).statusCode, 200);
      assert.equal(leadOf(await get('/')), 'Sport one');
      app.clock.advance(30 * 60_000);
      await app.runner.runDue();
      assert.equal(leadOf(await get('/')), 'Sport one', 'not yet');
      app.clock.advance(31 * 60_000);
      assert.ok((await app.runner.runDue()) >= 1, 'the pin job ran');
      assert.equal(leadOf(await get('/')), 'Newest sport');
      assert.equal((await app.server.inject({ url: `${BASE}/front-page`, headers: { authorization: `Bearer ${author}` } })).json().frontPage.lead.pinnedUntil, end, 'the stored choice is kept, shown as ended');
    });

    test('a section page leads with its chosen story until it is unpublished or its pin ends', async () => {
      const page = () => get('/section/politics');
      assert.deepEqual(headlines(await page()), ['Politics two', 'Old politics']);
      const end = new Date(app.clock.now().getTime() + 3600_000).toISOString();
      assert.equal((await put({ sectionLeads: [{ section: sections.politics, story: s['Old politics'].id, pinnedUntil: end }] })).statusCode, 200);
      let html = await page();
      assert.match(html, /<div class="lead list-lead"><article class="story-card story-card--lead"[^>]*>.*?Old politics/s);
      assert.deepEqual(headlines(html), ['Old politics', 'Politics two']);
      assert.equal(leadOf(await get('/')), 'Newest sport', 'a section lead is not the front page lead');
      app.clock.advance(61 * 60_000);
      await app.runner.runDue();
      assert.deepEqual(headlines(await page()), ['Politics two', 'Old politics']);
      await put({ sectionLeads: [{ section: sections.politics, story: s['Old politics'].id }] });
      assert.deepEqual(headlines(await page()), ['Old politics', 'Politics two']);
      await setStatus('Old politics', 'unpublished');
      html = await page();
      assert.deepEqual(headlines(html), ['Politics two']);
      assert.doesNotMatch(html, /list-lead/);
    });

    test('bad choices get a 422 that names the field and change nothing', async () => {
      await put({ lead: { story: s['Sport two'].id } });
      const before = (await app.server.inject({ url: `${BASE}/front-page`, headers: { authorization: `Bearer ${editor}` } })).body;
      const seq = await lastChangeSeq(app.db.kysely);
      const audit = (await app.auditLog.list(100, 0)).length;
      const past = new Date(app.clock.now().getTime() - 60_000).toISOString();
      const cases: Array<[unknown, string, RegExp]> = [
        [{ lead: { story: 999999 } }, 'lead.story', /there is no story 999999/],
        [{ top: [{ story: s['A draft'].id }] }, 'top[0].story', /is not published/],
        [{ top: [1, 2, 3, 4, 5].map(() => ({ story: s['Sport one'].id })) }, 'top', /at most 4 top stories \(5 given\)/],
        [{ lead: { story: s['Sport one'].id }, top: [{ story: s['Sport one'].id }] }, 'top[0].story', /already chosen as lead/],
        [{ lead: { story: s['Sport one'].id, pinnedUntil: past } }, 'lead.pinnedUntil', /already past/],
        [{ lead: { story: s['Sport one'].id, pinnedUntil: '2026-06-01 10:00' } }, 'lead.pinnedUntil', /with its offset/],
        [{ sectionOrder: { sections: [sections.sport, 424242] } }, 'sectionOrder.sections[1]', /no section 424242/],
        [{ sectionLeads: [{ section: sections.sport, story: s['Old politics'].id }] }, 'sectionLeads[0].story', /not filed in that section/],
        [{ headline: 'x' }, 'headline', /not an accepted field/],
        // A valid lead does not ride along with an invalid top story.
        [{ lead: { story: s['Culture one'].id }, top: [{ story: s['A draft'].id }] }, 'top[0].story', /is not published/],
      ];
      for (const [body, field, message] of cases) {
        const res = await put(body);
        assert.equal(res.statusCode, 422, `${JSON.stringify(body)}: ${res.body}`);
        const error = res.json().error;
        const problem = (error.problems ?? [error]).find((p: { field: string }) => p.field === field);
        assert.ok(problem, `${JSON.stringify(body)}: no problem on ${field} in ${res.body}`);
        assert.match(problem.message, message);
      }
      assert.equal((await put({ lead: null }, author)).statusCode, 403, 'authors do not curate');
      assert.equal((await app.server.inject({ url: `${BASE}/front-page`, headers: { authorization: `Bearer ${editor}` } })).body, before);
      assert.equal(await lastChangeSeq(app.db.kysely), seq);
      assert.equal((await app.auditLog.list(100, 0)).length, audit);
      assert.equal(leadOf(await get('/')), 'Sport two');
    });

    test('blocks are laid out for how many stories they hold', async () => {
      await put({ top: [{ story: s['Sport one'].id }, { story: s['Culture one'].id }, { story: s['Old politics'].id }] });
      let html = await get('/');
      assert.match(html, /top-stories.*?<div class="card-grid cards-3">/s);
      await put({ top: [{ story: s['Sport one'].id }, { story: s['Culture one'].id }, { story: s['Old politics'].id }, { story: s['Politics two'].id }] });
      html = await get('/');
      assert.match(html, /top-stories.*?<div class="card-grid cards-many"><div class="block-feature">.*?Sport one.*?<div class="block-list">/s);
      await put({ top: [] });
      html = await get('/');
      // Politics: two stories; Sport: two (the newest leads the page); Culture: one.
      const blocks = [...html.matchAll(/<div class="card-grid (cards-[a-z0-9]+)">/g)].map((m) => m[1]);
      assert.deepEqual(blocks, ['cards-2', 'cards-2', 'cards-1']);
    });
  });
}
