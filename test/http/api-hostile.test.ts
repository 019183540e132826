import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

const BASE = '/api/admin/v1';

type Counts = { articles: number; sections: number; tags: number; people: number; keys: number };

for (const dialect of DIALECTS) {
  describe(`${dialect}: Admin API hostile inputs`, () => {
    let app: TestApp;
    let editor: string;
    let counts: Counts;
    let existing: { id: number; slug: string };

    const inject = (opts: { method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; key?: string | null; headers?: Record<string, string>; payload?: unknown }) =>
      app.server.inject({
        method: opts.method ?? 'GET',
        url: BASE + opts.url,
        headers: { ...(opts.key === null ? {} : { authorization: `Bearer ${opts.key ?? editor}` }), ...opts.headers },
        ...(opts.payload !== undefined ? { payload: opts.payload as string } : {}),
      });
    const rawJson = (url: string, body: string, method: 'POST' | 'PATCH' = 'POST') =>
      inject({ method, url, headers: { 'content-type': 'application/json' }, payload: body });

    async function snapshot(): Promise<Counts> {
      return {
        articles: (await app.queries.listAll({}, 1, 0, app.likeOp)).total,
        sections: (await app.sections.list()).length,
        tags: (await app.tags.list()).length,
        people: (await app.people.list()).length,
        keys: (await app.apiKeys.list()).length,
      };
    }
    function expectError(res: { statusCode: number; json(): any; headers: Record<string, unknown> }, status: number, code: string, field?: string) {
      assert.equal(res.statusCode, status, JSON.stringify(res.json()));
      assert.match(String(res.headers['content-type']), /^application\/json/);
      const { error } = res.json();
      assert.equal(error.code, code);
      assert.equal(typeof error.message, 'string');
      if (field !== undefined) assert.equal(error.field, field);
    }

    before(async () => {
      app = await createTestApp(dialect);
      editor = (await app.apiKeys.create('editor', 'editor', 'test')).key;
      await app.sections.create({ name: 'City', slug: 'city' });
      await app.people.create({ name: 'Sara Ahmadi' });
      existing = (await rawJson('/articles', JSON.stringify({ headline: 'Existing story', section: 'city', tags: ['Budget'], bylines: ['sara-ahmadi'] }))).json().article;
    });
    after(async () => app.cleanup());
    beforeEach(async () => {
      counts = await snapshot();
    });
    afterEach(async () => {
      assert.deepEqual(await snapshot(), counts, 'a refused request writes nothing');
    });

    test('no key, bad key, malformed header and revoked key are 401 with WWW-Authenticate', async () => {
      const revoked = await app.apiKeys.create('gone', 'admin', 'test');
      await app.apiKeys.revoke(revoked.apiKey.id, 'test');
      counts = await snapshot();
      const attempts: Array<Record<string, string>> = [
        {},
        { authorization: 'Bearer dl_not-a-real-key' },
        { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
        { authorization: `Bearer ${editor} extra` },
        { authorization: 'Bearer' },
        { authorization: `Bearer ${revoked.key}` },
      ];
      for (const headers of attempts) {
        const res = await inject({ method: 'POST', url: '/articles', key: null, headers, payload: { headline: 'Should not exist' } });
        expectError(res, 401, 'UNAUTHENTICATED');
        assert.match(String(res.headers['www-authenticate']), /^Bearer realm=/);
      }
    });

    test('a lower role is 403: contributor publishing, moderator writing taxonomy and stories', async () => {
      const contributor = (await app.apiKeys.create('c', 'contributor', 'test')).key;
      const moderator = (await app.apiKeys.create('m', 'moderator', 'test')).key;
      counts = await snapshot();
      expectError(await inject({ method: 'POST', url: '/articles', key: contributor, payload: { headline: 'Go live', status: 'published' } }), 403, 'FORBIDDEN');
      expectError(await inject({ method: 'POST', url: '/articles', key: moderator, payload: { headline: 'Nope' } }), 403, 'FORBIDDEN');
      expectError(await inject({ method: 'POST', url: '/sections', key: moderator, payload: { name: 'Sport' } }), 403, 'FORBIDDEN');
      expectError(await inject({ method: 'DELETE', url: `/articles/${existing.id}`, key: moderator }), 403, 'FORBIDDEN');
      expectError(await inject({ method: 'POST', url: '/tags', key: contributor, payload: { name: 'Sport' } }), 403, 'FORBIDDEN');
    });

    test('malformed bodies: invalid JSON 400, wrong content type 415, 2 MB and 1.5 MB bodies 413', async () => {
      expectError(await rawJson('/articles', '{"headline": "x",'), 400, 'BAD_REQUEST');
      expectError(await inject({ method: 'POST', url: '/articles', headers: { 'content-type': 'text/plain' }, payload: 'headline=x' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(await inject({ method: 'POST', url: '/articles', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'headline=x' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      for (const mb of [2, 1.5]) {
        const big = JSON.stringify({ headline: 'Big', bodyMarkdown: 'a'.repeat(mb * 1024 * 1024) });
        expectError(await rawJson('/articles', big), 413, 'PAYLOAD_TOO_LARGE');
      }
    });

    test('validation: unknown field, missing headline, publishedAt without offset, unknown section or byline are 422 naming the field', async () => {
      const cases: Array<[unknown, string]> = [
        [{ headline: 'x', authorRole: 'admin' }, 'authorRole'],
        [{ dek: 'no headline' }, 'headline'],
        [{ headline: 'x', status: 'published', publishedAt: '2026-05-21T18:15:00' }, 'publishedAt'],
        [{ headline: 'x', section: 'no-such-section' }, 'section'],
        [{ headline: 'x', bylines: ['sara-ahmadi', 'nobody-here'], tags: ['Brand New Tag'] }, 'bylines'],
        [{ headline: 'x', slug: 'admin' }, 'slug'],
        [{ headline: 'x', body: { type: 'doc', content: [{ type: 'script', text: 'alert(1)' }] } }, 'body'],
        [[{ headline: 'array' }], 'body'],
      ];
      for (const [payload, field] of cases) {
        const res = await rawJson('/articles', JSON.stringify(payload));
        expectError(res, 422, 'VALIDATION_FAILED');
        // Body problems name the node inside the document (`body.content[0].type`).
        assert.ok(res.json().error.problems.some((p: { field: string }) => p.field === field || p.field.startsWith(`${field}.`)), `${field}: ${res.body}`);
      }
    });

    test('conflicts: duplicate slug 409, stale version 409 (the first save stands)', async () => {
      expectError(await rawJson('/articles', JSON.stringify({ headline: 'Other', slug: existing.slug })), 409, 'SLUG_TAKEN', 'slug');
      const other = (await rawJson('/articles', JSON.stringify({ headline: 'Second story' }))).json().article;
      counts = await snapshot();
      expectError(await rawJson(`/articles/${other.id}`, JSON.stringify({ slug: existing.slug }), 'PATCH'), 409, 'SLUG_TAKEN', 'slug');
      assert.equal((await rawJson(`/articles/${other.id}`, JSON.stringify({ headline: 'First editor', version: 1 }), 'PATCH')).statusCode, 200);
      expectError(await rawJson(`/articles/${other.id}`, JSON.stringify({ headline: 'Second editor', version: 1 }), 'PATCH'), 409, 'VERSION_CONFLICT', 'version');
      assert.equal((await inject({ url: `/articles/${other.id}` })).json().article.headline, 'First editor');
      expectError(await rawJson('/sections', JSON.stringify({ name: 'City again', slug: 'city' })), 409, 'SLUG_TAKEN', 'slug');
    });

    test('ids: non-numeric, negative, huge, SQL-ish and unknown ids are 404', async () => {
      for (const id of ['abc', '-1', '0', '1.5', '1e3', '99999999999999999999', '2147483648', '1%20OR%201=1', '1;DROP%20TABLE%20articles', '999999']) {
        expectError(await inject({ url: `/articles/${id}` }), 404, 'NOT_FOUND');
        expectError(await rawJson(`/articles/${id}`, '{"headline":"x"}', 'PATCH'), 404, 'NOT_FOUND');
        expectError(await inject({ method: 'DELETE', url: `/people/${id}` }), 404, 'NOT_FOUND');
      }
    });

    test('query strings: SQL-ish q returns normal results; bad sort, limit, status, section and unknown params are 400', async () => {
      const res = await inject({ url: `/articles?q=${encodeURIComponent("' OR 1=1--")}` });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json().items, []);
      assert.equal((await inject({ url: '/articles?q=%25' })).json().total, 0, '% is literal, not a wildcard');
      assert.equal((await inject({ url: '/articles?q=existing' })).json().total, 1);
      const bad: Array<[string, string]> = [
        ['sort=id;DROP%20TABLE%20articles', 'sort'],
        ['sort=headline', 'sort'],
        ['limit=0', 'limit'],
        ['limit=101', 'limit'],
        ['limit=ten', 'limit'],
        ['limit=1&limit=2', 'limit'],
        ['offset=-1', 'offset'],
        ['status=live', 'status'],
        ['section=nowhere', 'section'],
        ['where=1', 'where'],
      ];
      for (const [qs, field] of bad) expectError(await inject({ url: `/articles?${qs}` }), 400, 'BAD_REQUEST', field);
      expectError(await inject({ url: '/tags?limit=1000' }), 400, 'BAD_REQUEST', 'limit');
      assert.ok((await inject({ url: '/articles' })).json().total >= 1, 'the table is intact');
    });

    test('__proto__ and constructor payloads are refused and grant nothing', async () => {
      const contributor = (await app.apiKeys.create('c2', 'contributor', 'test')).key;
      counts = await snapshot();
      const payloads = [
        '{"headline":"x","__proto__":{"role":"admin"}}',
        '{"headline":"x","\\u005f_proto__":{"status":"published"}}',
        '{"headline":"x","constructor":{"prototype":{"role":"admin"}}}',
        '{"name":"Sport","__proto__":{"slug":"admin"}}',
      ];
      for (const body of payloads.slice(0, 3)) {
        const res = await inject({ method: 'POST', url: '/articles', key: contributor, headers: { 'content-type': 'application/json' }, payload: body });
        expectError(res, 400, 'BAD_REQUEST');
      }
      expectError(await rawJson('/sections', payloads[3]), 400, 'BAD_REQUEST', '__proto__');
      const me = (await inject({ url: '/me', key: contributor })).json();
      assert.equal(me.key.role, 'contributor');
      assert.equal(({} as Record<string, unknown>).role, undefined, 'Object.prototype untouched');
      expectError(await inject({ method: 'POST', url: '/articles', key: contributor, payload: { headline: 'x', status: 'published' } }), 403, 'FORBIDDEN');
    });

    test('unknown routes under the API are JSON 404s; the rate limit answers 429 with Retry-After', async () => {
      const missing = await inject({ url: '/nothing-here' });
      assert.equal(missing.statusCode, 404);
      assert.equal(typeof missing.json().error.code, 'string');
      // 600 per minute per IP: the 601st request from one address is refused, another address is not.
      let last;
      for (let i = 0; i < 601; i++) last = await app.server.inject({ url: `${BASE}/articles`, remoteAddress: '203.0.113.7' });
      expectError(last!, 429, 'RATE_LIMITED');
      assert.ok(Number(last!.headers['retry-after']) > 0);
      expectError(await app.server.inject({ url: `${BASE}/articles`, remoteAddress: '203.0.113.8' }), 401, 'UNAUTHENTICATED');
    });
  });
}
