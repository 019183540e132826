import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { csrfFrom, makeStaff, signedIn, type Browser } from './admin-auth-helpers.ts';
import { createNewsroomTestApp, type NewsroomTestApp } from './admin-stories.harness.ts';
import { DIALECTS } from '../helpers/dialects.ts';

const doc = (...paras: string[]) => ({ type: 'doc', content: paras.map((t) => ({ type: 'paragraph', content: [{ type: 'text', text: t }] })) });

for (const dialect of DIALECTS) {
  describe(`${dialect}: admin stories`, () => {
    let app: NewsroomTestApp;
    let contributor: Browser;
    let contributor2: Browser;
    let author: Browser;
    let editor: Browser;
    before(async () => {
      app = await createNewsroomTestApp(dialect);
      await app.sections.create({ name: 'City', slug: 'city' });
      await app.people.create({ name: 'Sara Ahmadi' });
      await app.settings.update({ timeZone: 'Asia/Tehran' });
      for (const role of ['contributor', 'author', 'editor'] as const) await makeStaff(app as never, role);
      await makeStaff(app as never, 'contributor', 'contributor2@news.test');
      contributor = await signedIn(app as never, 'contributor@news.test');
      contributor2 = await signedIn(app as never, 'contributor2@news.test');
      author = await signedIn(app as never, 'author@news.test');
      editor = await signedIn(app as never, 'editor@news.test');
    });
    after(async () => app.cleanup());

    async function create(b: Browser, fields: Record<string, string>) {
      const token = await b.csrf('/admin/stories/new');
      return b.post('/admin/stories', { _csrf: token, dateline: 'Tehran', dek: 'A dek.', section: 'city', bodyMarkdown: 'First paragraph.', ...fields });
    }
    const idOf = (location: unknown) => Number(/\/admin\/stories\/(\d+)/.exec(String(location))![1]);
    async function save(b: Browser, id: number, fields: Record<string, string>) {
      const page = await b.get(`/admin/stories/${id}`);
      const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
      return b.post(`/admin/stories/${id}`, { _csrf: csrfFrom(page.body), version, ...fields });
    }

    test('an id that names no row is a 404 page, never a database error: beyond the int4 range too', async () => {
      for (const id of ['abc', '0', '1.5', '2147483648', '9999999999', '99999999999']) {
        const res = await editor.get(`/admin/stories/${id}`);
        assert.equal(res.statusCode, 404, id);
      }
    });

    test('role × action: contributors draft and submit, authors publish their own, editors anything', async () => {
      const made = await create(contributor, { headline: 'Council meets', intent: 'save' });
      assert.equal(made.statusCode, 303, made.body.slice(0, 400));
      const id = idOf(made.headers.location);
      assert.equal((await app.articles.get(id)).createdBy !== null, true);
      assert.equal((await save(contributor, id, { intent: 'publish' })).statusCode, 403);
      assert.equal((await app.articles.get(id)).status, 'draft');
      assert.equal((await create(contributor, { headline: 'Straight to live', intent: 'publish' })).statusCode, 403);
      assert.equal((await save(contributor, id, { intent: 'review' })).statusCode, 303);
      assert.equal((await app.articles.get(id)).status, 'review');
      // Someone else's story: not even its existence is shown.
      assert.equal((await contributor2.get(`/admin/stories/${id}`)).statusCode, 404);
      const token = await contributor2.csrf('/admin/stories/new');
      assert.equal((await contributor2.post(`/admin/stories/${id}`, { _csrf: token, headline: 'Hijacked' })).statusCode, 404);
      assert.equal((await author.get(`/admin/stories/${id}`)).statusCode, 404);
      assert.equal((await save(editor, id, { intent: 'publish' })).statusCode, 303);
      assert.equal((await app.articles.get(id)).status, 'published');
      assert.equal((await save(contributor, id, { headline: 'Edit after publish' })).statusCode, 403);
      assert.equal((await app.articles.get(id)).headline, 'Council meets');

      const own = idOf((await create(author, { headline: 'Author piece', intent: 'save' })).headers.location);
      const published = await save(author, own, { intent: 'publish' });
      assert.equal(published.statusCode, 303);
      assert.equal((await app.articles.get(own)).status, 'published');
      // After publishing, the confirmation links to the live page.
      const after = await author.get(published.headers.location as string);
      assert.match(after.body, new RegExp(`Story published\\. <a href="/news/${own}/author-piece" class="view-on-site">View on site</a>`));
      assert.equal((await app.server.inject({ url: `/news/${own}/author-piece` })).statusCode, 200);
    });

    test('every POST needs the CSRF token; without it nothing changes', async () => {
      const id = idOf((await create(editor, { headline: 'Guarded', intent: 'save' })).headers.location);
      const before = await app.articles.get(id);
      const posts: Array<[string, Record<string, string>]> = [
        ['/admin/stories', { headline: 'Forged' }],
        [`/admin/stories/${id}`, { headline: 'Forged', intent: 'publish' }],
        [`/admin/stories/${id}/autosave`, {}],
        ['/admin/stories/autosave', {}],
        [`/admin/stories/${id}/dismissals`, { ruleId: 'dek-empty', fingerprint: 'dek-empty:00000000', reason: 'x' }],
        [`/admin/stories/${id}/revisions/1/restore`, { version: String(before.version) }],
        [`/admin/stories/${id}/corrections`, { body: 'Forged correction' }],
        [`/admin/stories/${id}/delete`, {}],
        ['/admin/media/1', { alt: 'forged' }],
      ];
      for (const [url, fields] of posts) {
        const res = await editor.post(url, fields);
        assert.equal(res.statusCode, 403, url);
        const wrong = await editor.post(url, { ...fields, _csrf: 'not-the-token' });
        assert.equal(wrong.statusCode, 403, url);
      }
      const json = await app.server.inject({ method: 'POST', url: `/admin/stories/${id}/autosave`, headers: { cookie: editor.jar.header(), 'content-type': 'application/json' }, payload: { fields: { headline: 'Forged' } } });
      assert.equal(json.statusCode, 403);
      const after = await app.articles.get(id);
      assert.equal(after.version, before.version);
      assert.equal(after.headline, 'Guarded');
    });

    test('two editors: the stale save is refused with a clear message and the text comes back', async () => {
      const id = idOf((await create(editor, { headline: 'Shared story', intent: 'save' })).headers.location);
      const page = await editor.get(`/admin/stories/${id}`);
      const version = /name="version" value="(\d+)"/.exec(page.body)![1];
      const token = csrfFrom(page.body);
      assert.equal((await editor.post(`/admin/stories/${id}`, { _csrf: token, version, headline: 'First save wins' })).statusCode, 303);
      const stale = await editor.post(`/admin/stories/${id}`, { _csrf: token, version, headline: 'Second save, stale', bodyMarkdown: 'My careful paragraph.' });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.body, /saved by someone else/);
      assert.match(stale.body, /Second save, stale/);
      assert.match(stale.body, /My careful paragraph\./);
      assert.equal((await app.articles.get(id)).headline, 'First save wins');
    });

    test('autosave (JSON + x-csrf-token) saves drafts, returns version and findings; a stale one is 409', async () => {
      const page = await editor.get('/admin/stories/new');
      const token = csrfFrom(page.body);
      const post = (url: string, payload: unknown) =>
        app.server.inject({ method: 'POST', url, headers: { cookie: editor.jar.header(), 'x-csrf-token': token, 'content-type': 'application/json', accept: 'application/json' }, payload: payload as object });
      const first = await post('/admin/stories/autosave', { fields: { headline: 'Autosaved', dek: '' }, body: doc('The minister resigned, according to.') });
      assert.equal(first.statusCode, 201, first.body);
      const { article, findings } = first.json();
      assert.equal(article.version, 1);
      assert.ok(findings.some((f: { ruleId: string }) => f.ruleId === 'dangling-attribution'));
      const second = await post(`/admin/stories/${article.id}/autosave`, { fields: { headline: 'Autosaved again', version: '1' }, body: doc('Fixed.') });
      assert.equal(second.statusCode, 200, second.body);
      assert.equal(second.json().article.version, 2);
      const stale = await post(`/admin/stories/${article.id}/autosave`, { fields: { headline: 'Stale', version: '1' }, body: doc('Old.') });
      assert.equal(stale.statusCode, 409);
      assert.equal(stale.json().error.code, 'VERSION_CONFLICT');
      const bad = await post(`/admin/stories/${article.id}/autosave`, { fields: { version: '2' }, body: { type: 'doc', content: [{ type: 'script', text: 'alert(1)' }] } });
      assert.equal(bad.statusCode, 422);
      const sneaky = await post(`/admin/stories/${article.id}/autosave`, { fields: { version: '2', status: 'published', createdBy: '999' }, body: doc('Still a draft.') });
      assert.equal(sneaky.statusCode, 200);
      const stored = await app.articles.get(article.id);
      assert.equal(stored.status, 'draft');
      assert.notEqual(stored.createdBy, 999);
    });

    test('revisions list, readable diff and restore over HTTP', async () => {
      const id = idOf((await create(editor, { headline: 'Bridge reopens', bodyMarkdown: 'The bridge reopened on Monday.', intent: 'save' })).headers.location);
      assert.equal((await save(editor, id, { headline: 'Bridge reopens early', bodyMarkdown: 'The bridge reopened on Sunday.' })).statusCode, 303);
      const page = await editor.get(`/admin/stories/${id}/revisions`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<del class="diff-del">Monday<\/del><ins class="diff-ins">Sunday<\/ins>/);
      const restore = await editor.post(`/admin/stories/${id}/revisions/1/restore`, { _csrf: csrfFrom(page.body), version: '2' });
      assert.equal(restore.statusCode, 303);
      const a = await app.articles.get(id);
      assert.equal(a.headline, 'Bridge reopens');
      assert.equal(a.version, 3);
      assert.equal((await contributor.get(`/admin/stories/${id}/revisions`)).statusCode, 404);
    });

    test('schedule in the edition zone (Asia/Tehran); it goes live when the clock gets there', async () => {
      const id = idOf((await create(editor, { headline: 'Scheduled story', intent: 'save' })).headers.location);
      // 2026-05-21 10:00Z is 13:30 in Tehran (+03:30); schedule 13:31 local.
      assert.equal((await save(editor, id, { intent: 'schedule', publishAt: '2026-05-21T10:30' })).statusCode, 422);
      assert.equal((await save(editor, id, { intent: 'schedule', publishAt: '2026-05-21T13:31' })).statusCode, 303);
      const a = await app.articles.get(id);
      assert.equal(a.status, 'scheduled');
      assert.equal(a.publishedAt?.toISOString(), '2026-05-21T10:01:00.000Z');
      assert.equal((await app.server.inject({ url: `/news/${id}/scheduled-story` })).statusCode, 404);
      app.clock.advance(61_000);
      assert.deepEqual(await app.articles.publishDue(), [id]);
      assert.equal((await app.server.inject({ url: `/news/${id}/scheduled-story` })).statusCode, 200);
    });

    test('preview renders the draft with the public template, never cached, noindex', async () => {
      const id = idOf((await create(contributor, { headline: 'Draft preview', bodyMarkdown: '## Sub\n\nHello readers.', intent: 'save' })).headers.location);
      const res = await contributor.get(`/admin/stories/${id}/preview`);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['cache-control']), /no-store/);
      assert.match(String(res.headers['x-robots-tag']), /noindex/);
      assert.match(res.body, /class="headline">Draft preview</);
      assert.match(res.body, /TEHRAN –/);
      assert.match(res.body, /<h2 id="comments-h">0 comments<\/h2>[\s\S]*<h3 id="leave-comment">Leave a Comment<\/h3>/, 'the comment section as readers will get it');
      assert.equal((await contributor2.get(`/admin/stories/${id}/preview`)).statusCode, 404);
      assert.equal((await app.server.inject({ url: `/news/${id}/draft-preview` })).statusCode, 404);
    });

    test('with blockPublishOnCheckErrors, check errors refuse publishing (422 + findings) until dismissed', async () => {
      await app.settings.update({ blockPublishOnCheckErrors: true });
      const id = idOf((await create(editor, { headline: 'Minister quits', bodyMarkdown: 'He quit, according to.', intent: 'save' })).headers.location);
      const refused = await save(editor, id, { intent: 'publish' });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /editorial check error/);
      assert.equal((await app.articles.get(id)).status, 'draft');
      const [f] = (await app.newsroom.desk.findings({ id: 0, role: 'editor' }, id)).filter((x) => x.severity === 'error');
      const page = await editor.get(`/admin/stories/${id}`);
      const d = await editor.post(`/admin/stories/${id}/dismissals`, { _csrf: csrfFrom(page.body), ruleId: f.ruleId, fingerprint: f.fingerprint, reason: 'Attribution is in the next story' });
      assert.equal(d.statusCode, 303);
      assert.equal((await save(editor, id, { intent: 'publish' })).statusCode, 303);
      assert.equal((await app.articles.get(id)).status, 'published');
      await app.settings.update({ blockPublishOnCheckErrors: false });
    });

    test('story desk: counts per status, filters, own stories for contributors', async () => {
      const all = await editor.get('/admin/stories');
      assert.equal(all.statusCode, 200);
      const total = (await app.newsroom.desk.desk({ id: 0, role: 'editor' }, {}, 1, 0)).counts;
      assert.match(all.body, new RegExp(`data-status-count="published">${total.published}<`));
      const filtered = await editor.get('/admin/stories?status=published&q=author');
      assert.match(filtered.body, /Author piece/);
      assert.doesNotMatch(filtered.body, /Bridge reopens/);
      const mine = await contributor.get('/admin/stories');
      assert.match(mine.body, /Council meets/);
      assert.doesNotMatch(mine.body, /Author piece/);
      assert.equal((await editor.get("/admin/stories?status=x'%20OR%201=1--&page=-1")).statusCode, 200);
    });
  });
}
