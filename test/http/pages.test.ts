import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { parsePageInput } from '../../src/domain/pages/index.ts';
import { AppError } from '../../src/domain/shared/errors.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';
import { csrfFrom, makeStaff, signedIn, type Browser } from './admin-auth-helpers.ts';

const API = '/api/admin/v1';
const md = (title: string, extra: Record<string, unknown> = {}) => parsePageInput({ title, bodyMarkdown: `Text of ${title}.`, ...extra }, 'create');

for (const dialect of DIALECTS) {
  describe(`${dialect}: static pages`, () => {
    let app: TestApp;
    let key: string;
    let editor: Browser;
    let token = '';
    const get = (url: string) => app.server.inject(url);
    const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
      app.server.inject({ method, url: API + url, headers: { authorization: `Bearer ${key}` }, ...(payload !== undefined ? { payload: payload as object } : {}) });

    before(async () => {
      app = await createTestApp(dialect);
      key = (await app.apiKeys.create('editor', 'editor', 'test')).key;
      await makeStaff(app, 'editor');
      editor = await signedIn(app, 'editor@news.test');
      token = csrfFrom((await editor.get('/admin/pages/new')).body);
    });
    after(async () => app.cleanup());

    test('an embed on a page is a facade with its player script, and the page lets in only that player\'s frames', async () => {
      const p = await app.pages.create(parsePageInput({ title: 'Our studio', slug: 'studio', bodyMarkdown: 'A tour.\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ', status: 'published' }, 'create'), 'test');
      for (const round of ['rendered', 'cached']) {
        const res = await get('/studio');
        assert.equal(res.statusCode, 200, round);
        assert.match(res.body, /class="embed-facade" href="https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ"/, round);
        assert.match(res.body, /<script src="\/static\/embeds\.js\?v=[^"]+" defer><\/script>/, round);
        assert.match(String(res.headers['content-security-policy']), /(^|;)frame-src 'self' https:\/\/www\.youtube-nocookie\.com$/, round);
      }
      await app.pages.remove(p.id, 'test');
    });

    test('a published page answers at /{slug} with its text; a draft is a 404; reserved and taken slugs are refused', async () => {
      const draft = await app.pages.create(md('About us', { slug: 'about' }), 'test');
      assert.equal((await get('/about')).statusCode, 404, 'a draft is nobody\'s business');
      await app.pages.update(draft.id, { status: 'published' }, 'test');
      const res = await get('/about');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<h1 class="headline">About us<\/h1>/);
      assert.match(res.body, /Text of About us\./);
      assert.match(res.headers['surrogate-key'] as string, new RegExp(`page:${draft.id}`));
      assert.equal((await get('/about/')).headers.location, '/about');
      for (const slug of ['admin', 'news', 'search', 'api', 'feed', 'sitemap', 'healthz', 'About', '../x']) {
        await assert.rejects(async () => app.pages.create(md('X', { slug })), (e: AppError) => e.status === 422 && e.field === 'slug', slug);
      }
      await assert.rejects(app.pages.create(md('Again', { slug: 'about' })), (e: AppError) => e.status === 409);
      assert.equal((await app.pages.create(md('About us'))).slug, 'about-us', 'from the title');
      assert.equal((await app.pages.create(md('About us'))).slug, 'about-us-2');
    });

    test('the footer menu lists public pages in the editors\' order on every page, and follows changes at once', async () => {
      const contact = await app.pages.create(md('Contact', { status: 'published', inMenu: true }));
      const terms = await app.pages.create(md('Terms', { status: 'published', inMenu: true }));
      await app.pages.create(md('Secret plans', { inMenu: true }));
      const footer = async () => [...(await get('/')).body.matchAll(/<nav class="footer-links footer-pages"[^]*?<\/nav>/g)].map((m) => [...m[0].matchAll(/>([^<]+)<\/a>/g)].map((x) => x[1]))[0] ?? [];
      assert.deepEqual(await footer(), ['Contact', 'Terms'], 'a draft is not in the menu');
      await app.pages.move(terms.id, 'up');
      assert.deepEqual(await footer(), ['Terms', 'Contact'], 'the cached front page was purged (tag pages)');
      await app.pages.update(contact.id, { title: 'Write to us' });
      assert.deepEqual(await footer(), ['Terms', 'Write to us']);
      await app.pages.update(terms.id, { inMenu: false });
      assert.deepEqual(await footer(), ['Write to us']);
    });

    test('not a story: not in feeds, lists or search; in the sitemap; a slug change and an unpublish reach the cached page', async () => {
      await app.articles.create(parseArticleInput({ headline: 'A real story', bodyMarkdown: 'News.', status: 'published' }, 'create'), 'test');
      const page = await app.pages.create(md('Corrections policy', { status: 'published', slug: 'corrections' }));
      for (const url of ['/feed.xml', '/atom.xml', '/feed.json', '/']) assert.doesNotMatch((await get(url)).body.replace(/<footer[^]*<\/footer>/, ''), /Corrections policy/, url);
      assert.match((await get('/sitemaps/sections.xml')).body, /<loc>http:\/\/news\.test\/corrections<\/loc>/);
      assert.equal((await get('/corrections')).statusCode, 200);
      await app.pages.update(page.id, { slug: 'corrections-policy' });
      assert.equal((await get('/corrections')).headers.location, '/corrections-policy', 'the old address now redirects (test/http/page-renames.test.ts)');
      assert.equal((await get('/corrections-policy')).statusCode, 200);
      assert.match((await get('/sitemaps/sections.xml')).body, /corrections-policy/);
      await app.pages.update(page.id, { status: 'draft' });
      assert.equal((await get('/corrections-policy')).statusCode, 404);
      assert.doesNotMatch((await get('/sitemaps/sections.xml')).body, /corrections-policy/);
    });

    test('every save is a revision; restore brings an old text back as a new save; a stale version is a conflict', async () => {
      const p = await app.pages.create(md('Ethics'), 'user:1');
      await app.pages.update(p.id, parsePageInput({ bodyMarkdown: 'Second text.', version: 1 }, 'update'), 'user:2');
      await assert.rejects(app.pages.update(p.id, { title: 'Late', version: 1 }), (e: AppError) => e.status === 409 && e.code === 'VERSION_CONFLICT');
      const revs = await app.pages.revisions(p.id);
      assert.deepEqual(revs.map((r) => [r.version, r.actor]), [[2, 'user:2'], [1, 'user:1']]);
      const restored = await app.pages.restore(p.id, 1, 'user:3');
      assert.equal(restored.version, 3);
      assert.deepEqual(restored.body, md('Ethics').body);
    });

    test('hostile bodies: script and javascript: links never reach the page; an unknown image is refused', async () => {
      const res = await call('POST', '/pages', { title: '<script>alert(1)</script>', slug: 'hostile', status: 'published', bodyMarkdown: 'Hi <img src=x onerror=alert(1)> [x](javascript:alert(1))' });
      assert.equal(res.statusCode, 201, res.body);
      const html = (await get('/hostile')).body;
      assert.doesNotMatch(html, /<script>alert|<img[^>]*onerror|href="javascript:/i);
      assert.match(html, /<h1 class="headline">&lt;script>alert\(1\)&lt;\/script><\/h1>/);
      const bad = await call('POST', '/pages', { title: 'Img', body: { type: 'doc', content: [{ type: 'image', attrs: { imageId: 99999, alt: 'x' } }] } });
      assert.equal(bad.statusCode, 422);
      const link = await call('POST', '/pages', { title: 'Link', body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] } });
      assert.equal(link.statusCode, 422);
      assert.equal((await call('POST', '/pages', { title: 'Mass', comments: true })).statusCode, 422, 'unknown fields refused');
    });

    test('Admin API: create, list, patch, move, revisions, delete', async () => {
      const created = (await call('POST', '/pages', { title: 'Advertise', status: 'published', inMenu: true })).json().page;
      assert.equal(created.url, 'http://news.test/advertise');
      assert.equal(created.inMenu, true);
      const patched = await call('PATCH', `/pages/${created.id}`, { title: 'Advertise with us', version: created.version });
      assert.equal(patched.json().page.version, 2);
      assert.equal((await call('PATCH', `/pages/${created.id}`, { title: 'x', version: 1 })).statusCode, 409);
      assert.equal((await call('POST', `/pages/${created.id}/move`, { direction: 'up' })).statusCode, 200);
      assert.equal((await call('GET', `/pages/${created.id}/revisions`)).json().revisions.length, 2);
      assert.ok((await call('GET', '/pages')).json().total >= 1);
      assert.equal((await call('DELETE', `/pages/${created.id}`)).statusCode, 204);
      assert.equal((await get('/advertise')).statusCode, 404);
    });

    test('admin: the editor form saves a page (no-JS Markdown), publishes it, previews a draft; CSRF is required', async () => {
      const created = await editor.post('/admin/pages', { _csrf: token, title: 'Jobs', slug: '', bodyMarkdown: 'We are hiring.', status: 'draft', inMenu: 'on' });
      assert.equal(created.statusCode, 303, created.body);
      const id = Number(/\/admin\/pages\/(\d+)/.exec(created.headers.location as string)![1]);
      const preview = await editor.get(`/admin/pages/${id}/preview`);
      assert.equal(preview.statusCode, 200);
      assert.equal(preview.headers['cache-control'], 'no-store, private');
      assert.match(preview.body, /We are hiring\./);
      assert.match(preview.body, /noindex/);
      assert.equal((await get('/jobs')).statusCode, 404);
      const published = await editor.post(`/admin/pages/${id}`, { _csrf: token, title: 'Jobs', slug: 'jobs', bodyMarkdown: 'We are hiring.', status: 'published', inMenu: 'on', version: '1' });
      assert.match(published.headers.location as string, /done=published/);
      assert.equal((await get('/jobs')).statusCode, 200);
      const taken = await editor.post('/admin/pages', { _csrf: token, title: 'Other jobs', slug: 'jobs', bodyMarkdown: 'Kept text.', status: 'draft' });
      assert.equal(taken.statusCode, 409);
      assert.match(taken.body, /Kept text\./, 'the text comes back');
      assert.equal((await editor.post('/admin/pages', { title: 'No token', bodyMarkdown: 'x' })).statusCode, 403);
      const list = await editor.get('/admin/pages');
      assert.match(list.body, /href="\/jobs"/);
    });
  });
}
