import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

/** The app as main.ts wires it: content search public under /api, house spellings inside the Admin API. */
async function mount(app: TestApp): Promise<FastifyInstance> {
  return app.server;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: Content API search and Admin API house spellings`, () => {
    let app: TestApp;
    let server: FastifyInstance;
    let editor: string;
    let author: string;

    before(async () => {
      app = await createTestApp(dialect);
      server = await mount(app);
      await app.sections.create({ name: 'World', slug: 'world' });
      await app.articles.create(parseArticleInput({ headline: 'Gaddafi archive opens', dek: 'Papers shown', bodyMarkdown: 'The Kadhafi papers.', section: 'world', status: 'published', publishedAt: '2026-05-01T00:00:00Z' }, 'create'), 'test');
      await app.articles.create(parseArticleInput({ headline: 'Gaddafi draft' }, 'create'), 'test');
      editor = (await app.apiKeys.create('ed', 'editor', 'test')).key;
      author = (await app.apiKeys.create('au', 'author', 'test')).key;
    });
    after(async () => {
      await app.cleanup();
    });

    const get = (url: string, key?: string) => server.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} });

    test('GET /content/v1/search: the documented JSON, published stories only, cacheable', async () => {
      const res = await get('/api/content/v1/search?q=Qaddafi');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'public, max-age=0, s-maxage=3600');
      const body = res.json();
      assert.equal(body.query, 'Qaddafi');
      assert.equal(body.total, 1);
      const [item] = body.items;
      assert.deepEqual(Object.keys(item).sort(), ['bylines', 'dek', 'headline', 'id', 'publishedAt', 'section', 'snippet', 'snippetText', 'url']);
      assert.equal(item.headline, 'Gaddafi archive opens');
      assert.equal(item.url, `http://news.test/news/${item.id}/gaddafi-archive-opens`);
      assert.equal(item.publishedAt, '2026-05-01T00:00:00.000Z');
      assert.deepEqual(item.section, { slug: 'world', name: 'World' });
      assert.match(item.snippet, /<mark>Kadhafi<\/mark>/);
    });

    test('bad parameters are 400 naming the field', async () => {
      const cases: Array<[string, string]> = [
        ['q=x&limit=0', 'limit'], ['q=x&limit=abc', 'limit'], ['q=x&limit=1000', 'limit'], ['q=x&offset=-1', 'offset'], ['q=x&offset=99999', 'offset'],
        ['', 'q'], ['q=%20', 'q'], [`q=${'a'.repeat(201)}`, 'q'], ['q=a&q=b', 'q'], ['q=x&sort=id;drop', 'sort'], ['q=x&from=2026-1-1', 'from'], ['q=x&evil=1', 'evil'],
      ];
      for (const [qs, field] of cases) {
        const res = await get(`/api/content/v1/search?${qs}`);
        assert.equal(res.statusCode, 400, qs);
        assert.equal(res.json().error.field, field, qs);
      }
      const ok = await get("/api/content/v1/search?q=%27%20OR%201%3D1--&limit=5&offset=0");
      assert.equal(ok.statusCode, 200);
    });

    test('house spellings: auth, capability, CRUD', async () => {
      assert.equal((await get('/api/admin/v1/house-spellings')).statusCode, 401);
      const put = (key: string, body: unknown) => server.inject({ method: 'PUT', url: '/api/admin/v1/house-spellings', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
      assert.equal((await put(author, { spelling: 'Qaani' })).statusCode, 403);
      const created = await put(editor, { spelling: 'Qaani' });
      assert.equal(created.statusCode, 201);
      assert.deepEqual({ key: created.json().houseSpelling.key, spelling: created.json().houseSpelling.spelling }, { key: 'kani', spelling: 'Qaani' });
      assert.equal((await put(editor, { spelling: 'Ghaani' })).statusCode, 200);
      for (const bad of [{ spelling: '' }, { spelling: 'x'.repeat(101) }, { spelling: 7 }]) assert.equal((await put(editor, bad)).statusCode, 422, JSON.stringify(bad));
      assert.equal((await put(editor, { spelling: 'Qaani', key: 'zzz' })).statusCode, 400);
      assert.equal((await put(editor, ['Qaani'])).statusCode, 400);
      const list = await get('/api/admin/v1/house-spellings', author);
      assert.equal(list.statusCode, 200);
      assert.deepEqual(list.json().items.map((i: { spelling: string }) => i.spelling), ['Ghaani']);
      const search = await get('/api/content/v1/search?q=Qaani');
      assert.deepEqual(search.json().houseSpellings, [{ term: 'Qaani', spelling: 'Ghaani' }]);
      const del = (qs: string, key = editor) => server.inject({ method: 'DELETE', url: `/api/admin/v1/house-spellings?${qs}`, headers: { authorization: `Bearer ${key}` } });
      assert.equal((await del('spelling=Qaani', author)).statusCode, 403);
      assert.equal((await del('')).statusCode, 400);
      assert.equal((await del(`spelling=${encodeURIComponent("Qa'ani")}`)).statusCode, 204);
      assert.equal((await del('key=kani')).statusCode, 404);
      assert.deepEqual((await get('/api/admin/v1/house-spellings', editor)).json().items, []);
    });
  });
}
