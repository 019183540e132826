import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importGhost, importWordPress } from '../../src/domain/import/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';
import { writeWxr } from '../helpers/wxr.ts';

/**
 * Sticky posts (WordPress `is_sticky`) and featured posts (Ghost) become the
 * front page's top stories, newest first, when the front page has no choice
 * yet; never over a newsroom's choices, and a re-run changes nothing.
 */
const FIXTURE = path.resolve(import.meta.dirname, '../../../shared/fixtures/import/wordpress/theme-unit-test-data.xml');
const fixtureSkip = fs.existsSync(FIXTURE) ? false : 'no ../shared/fixtures/import (clone without the shared fixtures)';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-sticky-'));

function post(id: number, o: { sticky?: boolean; status?: string; gmt: string }): string {
  return `<item><title>Post ${id}</title><link>https://old.example/post-${id}/</link><dc:creator>ann</dc:creator>
<content:encoded><![CDATA[<p>Body of ${id}.</p>]]></content:encoded><wp:post_id>${id}</wp:post_id><wp:post_date_gmt>${o.gmt}</wp:post_date_gmt>
<wp:post_name>post-${id}</wp:post_name><wp:status>${o.status ?? 'publish'}</wp:status><wp:post_type>post</wp:post_type><wp:is_sticky>${o.sticky ? 1 : 0}</wp:is_sticky></item>`;
}

/** Six sticky posts, five of them published on different days (in file order not by date), a sticky draft, a sticky post scheduled, and newer posts not sticky. */
const STICKY_ITEMS = [
  post(1, { sticky: true, gmt: '2020-01-03 10:00:00' }),
  post(2, { sticky: true, gmt: '2020-01-05 10:00:00' }),
  post(3, { sticky: true, gmt: '2020-01-01 10:00:00' }),
  post(4, { sticky: true, gmt: '2020-01-04 10:00:00' }),
  post(5, { sticky: true, gmt: '2020-01-02 10:00:00' }),
  post(6, { sticky: true, status: 'draft', gmt: '2020-01-09 10:00:00' }),
  post(7, { sticky: true, status: 'future', gmt: '2099-01-01 10:00:00' }),
  post(8, { gmt: '2020-02-01 10:00:00' }),
  post(9, { gmt: '2020-02-02 10:00:00' }),
].join('\n');

const topOf = (html: string) => {
  const block = /<section class="section-group top-stories".*?<\/section>/s.exec(html)?.[0] ?? '';
  return [...block.matchAll(/<h[23] class="card-title"><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
};

for (const dialect of DIALECTS) {
  describe(`${dialect}: sticky posts become top stories`, () => {
    let app: TestApp;
    before(async () => {
      app = await createTestApp(dialect);
    });
    after(async () => app.cleanup());

    const idOf = async (slug: string) => (await app.queries.listAll({}, 1000, 0, app.likeOp)).items.find((s) => s.slug === slug)!.id;
    const top = async () => (await app.frontPage.choices()).top.map((t) => t.storyId);

    test('the published sticky posts, newest first, up to the limit; drafts, scheduled and plain posts left out; the page shows them', async () => {
      const r = await importWordPress(app.importDeps, writeWxr(tmp, `sticky-${dialect}.xml`, STICKY_ITEMS));
      assert.equal(r.counts.stories, 9);
      assert.equal(r.notes['sticky posts placed as top stories on the front page'], 4);
      assert.deepEqual(await top(), [await idOf('post-2'), await idOf('post-4'), await idOf('post-1'), await idOf('post-5')]);
      const home = await app.server.inject('/');
      assert.deepEqual(topOf(home.body), ['Post 2', 'Post 4', 'Post 1', 'Post 5']);
      const audit = await app.db.kysely.selectFrom('audit_entries').selectAll().where('action', '=', 'front-page.update').execute();
      assert.deepEqual(audit.map((a) => a.actor), ['import:wordpress']);
    });

    test('a re-run neither duplicates nor moves them; an editor\'s later choice stays through another re-run', async () => {
      const placed = await top();
      const file = path.join(tmp, `sticky-${dialect}.xml`);
      const again = await importWordPress(app.importDeps, file);
      assert.equal(again.counts.stories, 0);
      assert.equal(again.notes['sticky posts not placed: the front page already has choices (an editor\'s, or an earlier import\'s)'], 4);
      assert.deepEqual(await top(), placed);
      assert.equal((await app.db.kysely.selectFrom('front_page_picks').selectAll().execute()).length, 4);
      await app.frontPage.update({ top: [{ story: await idOf('post-9') }] }, 'editor@news.test');
      await importWordPress(app.importDeps, file);
      assert.deepEqual(await top(), [await idOf('post-9')]);
    });
  });

  describe(`${dialect}: sticky posts and a newsroom's front page`, () => {
    let app: TestApp;
    before(async () => {
      app = await createTestApp(dialect);
    });
    after(async () => app.cleanup());

    test('the theme unit test data: its one sticky post leads the top stories of an empty front page', { skip: fixtureSkip }, async () => {
      const r = await importWordPress(app.importDeps, FIXTURE);
      assert.equal(r.notes['sticky posts placed as top stories on the front page'], 1);
      const [id] = (await app.frontPage.choices()).top.map((t) => t.storyId);
      assert.equal((await app.articles.get(id)).headline, 'Template: Sticky');
      assert.deepEqual(topOf((await app.server.inject('/')).body), ['Template: Sticky']);
    });

    test('an import never replaces the choices a newsroom made', async () => {
      const plain = await importWordPress(app.importDeps, writeWxr(tmp, `plain-${dialect}.xml`, post(100, { gmt: '2021-01-01 10:00:00' })));
      assert.equal(plain.counts.stories, 1);
      const lead = (await app.queries.listAll({}, 1000, 0, app.likeOp)).items.find((s) => s.slug === 'post-100')!.id;
      await app.frontPage.update({ lead: { story: lead }, top: [] }, 'editor@news.test');
      const before = await app.frontPage.choices();
      const r = await importWordPress(app.importDeps, writeWxr(tmp, `sticky2-${dialect}.xml`, STICKY_ITEMS));
      assert.equal(r.notes['sticky posts not placed: the front page already has choices (an editor\'s, or an earlier import\'s)'], 4);
      assert.deepEqual(await app.frontPage.choices(), before);
    });
  });

  describe(`${dialect}: Ghost featured posts`, () => {
    let app: TestApp;
    before(async () => {
      app = await createTestApp(dialect);
    });
    after(async () => app.cleanup());

    test('featured published posts become top stories, newest first (Ghost 2 wrote 1, later versions true)', async () => {
      const p = (id: string, featured: unknown, published_at: string, status = 'published') => ({ id, title: `Ghost ${id}`, slug: `ghost-${id}`, html: `<p>${id}</p>`, status, published_at, featured });
      const file = path.join(tmp, `ghost-${dialect}.json`);
      const posts = [p('a', 1, '2021-03-01T10:00:00.000Z'), p('b', false, '2021-03-05T10:00:00.000Z'), p('c', true, '2021-03-03T10:00:00.000Z'), p('d', true, '2021-03-09T10:00:00.000Z', 'draft')];
      fs.writeFileSync(file, JSON.stringify({ db: [{ data: { posts, users: [], tags: [], posts_tags: [], posts_authors: [] } }] }));
      const r = await importGhost(app.importDeps, file);
      assert.equal(r.counts.stories, 4);
      const titles = await Promise.all((await app.frontPage.choices()).top.map(async (t) => (await app.articles.get(t.storyId)).headline));
      assert.deepEqual(titles, ['Ghost c', 'Ghost a']);
    });
  });
}
