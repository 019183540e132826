import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

/**
 * Tables end to end on each database: the Admin API saves a table and reads
 * it back as stored (spans kept, editor-only attributes dropped); bad tables
 * are 422s naming the node with nothing written; the story page, the three
 * feeds and search carry it; Markdown input makes one.
 */
const BASE = '/api/admin/v1';

const p = (text: string, marks?: unknown[]) => ({ type: 'paragraph', content: [marks ? { type: 'text', text, marks } : { type: 'text', text }] });
const cell = (type: string, text: string, attrs?: unknown) => ({ type, ...(attrs ? { attrs } : {}), content: [p(text)] });
const row = (...content: unknown[]) => ({ type: 'tableRow', content });

const TABLE = {
  type: 'table',
  attrs: { caption: 'Fares from June' },
  content: [
    row(cell('tableHeader', 'Route'), cell('tableHeader', 'Single'), cell('tableHeader', 'Return')),
    row(cell('tableHeader', 'Harbour–Island'), cell('tableCell', '£4.20'), cell('tableCell', '£7.80')),
    row(cell('tableHeader', 'Night boat'), { type: 'tableCell', attrs: { colspan: 2 }, content: [p('Withdrawn: see '), p('timetable', [{ type: 'link', attrs: { href: '/timetable' } }])] }),
  ],
};

for (const dialect of DIALECTS) {
  describe(`${dialect}: tables`, () => {
    let app: TestApp;
    let key = '';
    const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
      app.server.inject({ method, url: BASE + url, headers: { authorization: `Bearer ${key}` }, ...(payload !== undefined ? { payload: payload as object } : {}) });
    const count = async () => (await call('GET', '/articles')).json().total as number;

    before(async () => {
      app = await createTestApp(dialect);
      key = (await app.apiKeys.create('editor key', 'editor', 'test')).key;
    });
    after(async () => app.cleanup());

    let story: { id: number; url: string; version: number };
    test('the Admin API saves a table and reads it back as stored', async () => {
      const sent = structuredClone(TABLE) as typeof TABLE;
      // What a client copying the editor's raw JSON would send: tiptap's widths and span defaults.
      Object.assign(sent.content[0].content[0] as object, { attrs: { colspan: 1, rowspan: 1, colwidth: null } });
      const res = await call('POST', '/articles', {
        headline: 'Ferry fares rise',
        status: 'published',
        publishedAt: '2026-05-21T09:00:00+00:00',
        body: { type: 'doc', content: [p('Fares rise in June.'), sent] },
      });
      assert.equal(res.statusCode, 201, res.body);
      story = res.json().article;
      const read = (await call('GET', `/articles/${story.id}`)).json().article;
      assert.deepEqual(read.body.content[1], TABLE);
      assert.equal(read.wordCount, 21, 'cells and caption are counted');
    });

    test('bad tables: 422 naming the node, nothing written', async () => {
      const before = await count();
      const bad: Array<[unknown, string, RegExp]> = [
        [{ type: 'table', content: [] }, 'body.content[0].content', /at least one tableRow/],
        [{ type: 'table', content: [row(cell('tableCell', 'a'), cell('tableCell', 'b')), row(cell('tableCell', 'c'))] }, 'body.content[0].content[1]', /fills 1 of the table's 2 columns/],
        [{ type: 'table', content: [row({ type: 'tableCell', content: [{ type: 'table', content: [row(cell('tableCell', 'x'))] }] })] }, 'body.content[0].content[0].content[0].content[0]', /tables do not nest/],
        [{ type: 'table', content: [row(...Array.from({ length: 21 }, () => cell('tableCell', 'x')))] }, 'body.content[0].content[0].content[20]', /wider than 20 columns/],
        [{ type: 'table', content: [row({ type: 'tableCell', content: [p('x', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }])] })] }, 'body.content[0].content[0].content[0].content[0].content[0].marks[0].attrs.href', /http\(s\)/],
      ];
      for (const [table, field, message] of bad) {
        const res = await call('POST', '/articles', { headline: 'Bad table', body: { type: 'doc', content: [table] } });
        assert.equal(res.statusCode, 422, res.body);
        const problem = res.json().error.problems.find((x: { field: string }) => x.field === field);
        assert.ok(problem && message.test(problem.message), res.body);
      }
      const edit = await call('PATCH', `/articles/${story.id}`, { version: story.version, body: { type: 'doc', content: [{ type: 'table', content: [row()] }] } });
      assert.equal(edit.statusCode, 422);
      assert.equal(await count(), before);
      assert.deepEqual((await call('GET', `/articles/${story.id}`)).json().article.body.content[1], TABLE, 'the refused edit changed nothing');
    });

    test('the story page, the feeds and search carry the table', async () => {
      const page = await app.server.inject(new URL(story.url).pathname);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<div class="table-scroll" role="region" tabindex="0" aria-label="Fares from June"><table><caption>Fares from June<\/caption><thead><tr><th scope="col">Route<\/th>/);
      assert.match(page.body, /<th scope="row">Night boat<\/th><td colspan="2"><p>Withdrawn: see <\/p><p><a href="\/timetable">timetable<\/a><\/p><\/td>/);
      assert.doesNotMatch(page.body, /style="/, 'no inline style (strict CSP)');
      for (const url of ['/feed.xml', '/atom.xml', '/feed.json']) {
        const feed = await app.server.inject(url);
        assert.equal(feed.statusCode, 200, url);
        const body = url.endsWith('.json') ? JSON.parse(feed.body).items[0].content_html : feed.body.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
        assert.match(body, /<table><caption>Fares from June<\/caption><thead><tr><th scope="col">Route<\/th><th scope="col">Single<\/th>/, url);
        assert.match(body, /<a href="http:\/\/news\.test\/timetable">timetable<\/a>/, `${url}: links absolute`);
      }
      const found = await app.server.inject('/api/content/v1/search?q=Harbour%E2%80%93Island');
      assert.equal(found.statusCode, 200, found.body);
      assert.deepEqual(found.json().items.map((i: { id: number }) => i.id), [story.id], 'a word only in a cell finds the story');
      assert.match(found.json().items[0].snippetText, /Harbour–Island/);
    });

    test('Markdown input makes a table', async () => {
      const res = await call('POST', '/articles', { headline: 'Tide times', bodyMarkdown: '| Port | High water |\n| --- | --- |\n| Dover | 06:12 |' });
      assert.equal(res.statusCode, 201, res.body);
      assert.deepEqual(res.json().article.body.content, [{ type: 'table', content: [row(cell('tableHeader', 'Port'), cell('tableHeader', 'High water')), row(cell('tableCell', 'Dover'), cell('tableCell', '06:12'))] }]);
    });
  });
}
