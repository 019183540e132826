import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { parsePageInput } from '../../src/domain/pages/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';
import { csrfFrom, makeStaff, signedIn, type Browser } from './admin-auth-helpers.ts';

const API = '/api/admin/v1';

function multipartCsv(fields: Record<string, string>, csv: Buffer) {
  const boundary = '----dateline' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.csv"\r\nContent-Type: text/csv\r\n\r\n`), csv, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: redirects on the public site, the Admin API and the admin page`, () => {
    let app: TestApp;
    let key: string;
    let authorKey: string;
    let editor: Browser;
    let token = '';
    const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, k = key, headers: Record<string, string> = {}) =>
      app.server.inject({ method, url: API + url, headers: { authorization: `Bearer ${k}`, ...headers }, ...(payload !== undefined ? { payload: payload as string } : {}) });
    const get = (url: string) => app.server.inject(url);

    before(async () => {
      app = await createTestApp(dialect);
      key = (await app.apiKeys.create('editor', 'editor', 'test')).key;
      authorKey = (await app.apiKeys.create('author', 'author', 'test')).key;
      await makeStaff(app, 'editor');
      editor = await signedIn(app, 'editor@news.test');
      token = csrfFrom((await editor.get('/admin/redirects')).body);
    });
    after(async () => app.cleanup());

    test('exact and prefix rules answer 301/302/410 before the 404 page; a new rule works at once, even over a cached answer', async () => {
      assert.equal((await get('/old/about')).statusCode, 404);
      const created = await call('POST', '/redirects', { source: '/old/about', target: '/about-us', status: 302 });
      assert.equal(created.statusCode, 201, created.body);
      const r = await get('/old/about');
      assert.deepEqual([r.statusCode, r.headers.location, r.headers['surrogate-key']], [302, '/about-us', 'redirects']);
      assert.equal(r.headers['cache-control'], 'public, max-age=0, s-maxage=86400');
      assert.equal((await get('/old/about/')).headers.location, '/about-us', 'a trailing slash is the same address');
      const id = created.json().redirect.id;
      assert.equal((await call('PATCH', `/redirects/${id}`, { target: '/contact', status: 301 })).statusCode, 200);
      const again = await get('/old/about');
      assert.deepEqual([again.statusCode, again.headers.location], [301, '/contact'], 'the cached 302 was purged by the change');
      await call('POST', '/redirects', { match: 'prefix', source: '/blog', target: '/news-archive' });
      assert.equal((await get('/blog/2019/03/x?utm=1')).headers.location, '/news-archive/2019/03/x');
      await call('POST', '/redirects', { source: '/withdrawn-report', status: 410 });
      const gone = await get('/withdrawn-report');
      assert.equal(gone.statusCode, 410);
      assert.match(gone.body, /has been removed/);
      assert.equal((await call('DELETE', `/redirects/${id}`)).statusCode, 204);
      assert.equal((await get('/old/about')).statusCode, 404, 'removed: the cached answer went with it');
    });

    test('a static page wins over a rule for its address; the site\'s own routes cannot be a rule\'s source', async () => {
      await app.pages.create(parsePageInput({ title: 'About us', slug: 'about-us', status: 'published' }, 'create'));
      const page = await call('POST', '/redirects', { source: '/about-us', target: '/elsewhere' });
      assert.equal(page.statusCode, 201);
      assert.equal((await get('/about-us')).statusCode, 200);
      const refused = await call('POST', '/redirects', { source: '/news/1/x', target: '/y' });
      assert.equal(refused.statusCode, 422);
      assert.equal(refused.json().error.field, 'source');
    });

    test('hostile targets are refused with 422 and the field, and nothing is stored', async () => {
      const before = (await call('GET', '/redirects?limit=100')).json().total;
      for (const target of ['javascript:alert(1)', '/x\r\nSet-Cookie: a=1', '/x%0d%0aLocation:%20https://evil.test', '//evil.test', '/\\evil.test', 'https://evil.test/phish', 'data:text/html,x']) {
        const res = await call('POST', '/redirects', { source: '/h', target });
        assert.equal(res.statusCode, 422, target);
        assert.equal(res.json().error.field, 'target', target);
      }
      const proto = await call('POST', '/redirects', '{"source":"/p","target":"/q","__proto__":{"status":410}}', key, { 'content-type': 'application/json' });
      assert.equal(proto.statusCode, 400);
      assert.equal((await call('GET', '/redirects?limit=100')).json().total, before);
      const allowed = await call('POST', '/redirects', { source: '/partner', target: 'https://partner.example/page', external: true });
      assert.equal(allowed.statusCode, 201);
      assert.equal((await get('/partner')).headers.location, 'https://partner.example/page');
      assert.equal((await call('POST', '/redirects', { source: '/x1', target: '/x2' }, authorKey)).statusCode, 403, 'authors do not manage redirects');
    });

    test('loops are refused through the API, multi-hop included; the test endpoint says where a path goes', async () => {
      await call('POST', '/redirects', { source: '/loop-a', target: '/loop-b' });
      await call('POST', '/redirects', { source: '/loop-b', target: '/loop-c' });
      const loop = await call('POST', '/redirects', { source: '/loop-c', target: '/loop-a/' });
      assert.equal(loop.statusCode, 422);
      assert.match(loop.json().error.message, /loop/);
      const grow = await call('POST', '/redirects', { match: 'prefix', source: '/grow', target: '/grow/more' });
      assert.equal(grow.statusCode, 422);
      const t = (await call('GET', '/redirects/test?path=' + encodeURIComponent('/loop-a?x=1'))).json();
      assert.deepEqual(t.redirect, { status: 301, location: '/loop-b', by: 'rule', rule: { match: 'exact', source: '/loop-a' } });
      assert.equal((await call('GET', '/redirects/test?path=/nothing-here')).json().redirect, null);
    });

    test('CSV through the API: export, import back unchanged, a huge or broken file refused whole', async () => {
      const csv = await call('GET', '/redirects/export');
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      const total = (await call('GET', '/redirects?limit=100')).json().total;
      const back = await call('POST', '/redirects/import', csv.body, key, { 'content-type': 'text/csv' });
      assert.equal(back.statusCode, 200, back.body);
      assert.equal(back.json().imported, total);
      assert.equal((await call('GET', '/redirects?limit=100')).json().total, total);
      const huge = 'source,target\n' + Array.from({ length: 120_000 }, (_, i) => `/old-${i},/new-${i}`).join('\n');
      assert.equal((await call('POST', '/redirects/import', huge, key, { 'content-type': 'text/csv' })).statusCode, 413);
      const bad = await call('POST', '/redirects/import', 'source,target\n/ok-1,/fine\n/ok-2,javascript:alert(1)\n', key, { 'content-type': 'text/csv' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.json().error.message, /line 3/);
      assert.equal((await call('GET', '/redirects?limit=100')).json().total, total, 'nothing from the bad file');
      assert.equal((await call('POST', '/redirects/import', Buffer.from([0x73, 0xff, 0xfe]), key, { 'content-type': 'text/csv' })).statusCode, 400);
    });

    test("Ghost's redirects.json through the API: kept shapes imported, the rest skipped and named, a loop refused whole", async () => {
      const res = await call('POST', '/redirects/import', [{ from: '^/ghost-old/$', to: '/ghost-new/', permanent: true }, { from: '^/(a|b)/$', to: '/c' }]);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().imported, 1);
      assert.match(res.json().skipped[0], /regular expression/);
      assert.deepEqual([(await get('/ghost-old/')).statusCode, (await get('/ghost-old/')).headers.location], [301, '/ghost-new/']);
      const loop = await call('POST', '/redirects/import', [{ from: '^/ghost-new/$', to: '/ghost-old/', permanent: true }]);
      assert.equal(loop.statusCode, 422);
      assert.equal((await call('POST', '/redirects/import', { from: '/x', to: '/y' })).statusCode, 415);
    });

    test('admin page: add, see the form again with the reason, test a path hop by hop, import a CSV, remove; CSRF required', async () => {
      const bad = await editor.post('/admin/redirects', { _csrf: token, match: 'exact', source: '/from-form', target: 'javascript:alert(1)', status: '301' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /value="\/from-form"/, 'the typed source comes back');
      assert.match(bad.body, /must be a path starting with \/ or an http\(s\):\/\/ address/);
      const ok = await editor.post('/admin/redirects', { _csrf: token, match: 'exact', source: '/from-form', target: '/loop-a', status: '301' });
      assert.equal(ok.statusCode, 303);
      const trace = await editor.get('/admin/redirects?test=' + encodeURIComponent('/from-form'));
      assert.match(trace.body, /<code>\/from-form<\/code> redirects \(301\) to \/loop-a — rule for \/from-form/);
      assert.match(trace.body, /<code>\/loop-b<\/code> redirects \(301\) to \/loop-c/);
      assert.match(trace.body, /<code>\/loop-c<\/code> is not found \(404\)/);
      assert.match((await editor.get('/admin/redirects?test=' + encodeURIComponent('//evil.test'))).body, /Give a path on this site/);
      const noCsrf = await editor.post('/admin/redirects', { match: 'exact', source: '/csrf', target: '/x', status: '301' });
      assert.equal(noCsrf.statusCode, 403);
      const m = multipartCsv({ _csrf: token }, Buffer.from('source,target,status\n/csv-one,/one,301\n/csv-two,,410\n'));
      const imported = await app.server.inject({ method: 'POST', url: '/admin/redirects/import', payload: m.payload, headers: { cookie: editor.jar.header(), 'content-type': m.contentType } });
      assert.equal(imported.statusCode, 200);
      assert.match(imported.body, /Imported 2 rules/);
      assert.equal((await get('/csv-two')).statusCode, 410);
      const exported = await editor.get('/admin/redirects.csv');
      assert.match(exported.headers['content-disposition'] as string, /attachment/);
      assert.match(exported.body, /\/csv-one,\/one,301,exact,/);
      const rule = (await app.redirectRules.list()).find((r) => r.source === '/from-form')!;
      assert.equal((await editor.post(`/admin/redirects/${rule.id}/delete`, { _csrf: token })).statusCode, 303);
      assert.equal((await get('/from-form')).statusCode, 404);
      assert.ok((await app.auditLog.list(200, 0)).some((e) => e.action === 'redirect.deleted'));
    });

    test('an imported story address still works, and an editor rule for the same path takes over', async () => {
      const story = await app.articles.create(parseArticleInput({ headline: 'Bridge', status: 'published' }, 'create'), 'test');
      await app.db.kysely.insertInto('redirects').values({ path: '/2019/bridge/', article_id: story.id, status_code: 301, created_at: new Date().toISOString() }).execute();
      assert.equal((await get('/2019/bridge/')).headers.location, `/news/${story.id}/bridge`);
      await call('POST', '/redirects', { source: '/2019/bridge', target: '/elsewhere' });
      assert.equal((await get('/2019/bridge/')).headers.location, '/elsewhere');
    });
  });
}
