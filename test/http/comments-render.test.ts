import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../helpers/dialects.ts';
import { publishedStory } from '../domain/comments-helpers.ts';
import { createCommentsTestApp, ip, postValid, storyUrl, type CommentsTestApp } from './comments-client.ts';

/** The comment section's HTML, where reader text lands. */
function section(html: string): string {
  const start = html.indexOf('<section id="comments"');
  assert.ok(start >= 0, 'no comment section');
  return html.slice(start, html.indexOf('</section>', start));
}

const ALLOWED_TAGS = new Set(['section', 'link', 'h2', 'h3', 'p', 'strong', 'a', 'ol', 'li', 'article', 'header', 'bdi', 'time', 'div', 'br', 'footer', 'details', 'summary', 'form', 'label', 'input', 'button', 'textarea', 'span', 'altcha-widget', 'script', 'noscript', 'iframe']);

/**
 * Every real element in the section (reader text has its `<` escaped, so
 * any `<name` left is markup we wrote): only expected tags, no event
 * handlers, style or srcdoc attributes, no script but our own files, and
 * only http(s) or site-relative links.
 */
function assertInert(html: string, where: string): void {
  for (const m of html.matchAll(/<([a-zA-Z][\w-]*)((?:[^>"]|"[^"]*")*)>/g)) {
    const [, tag, attrs] = m;
    assert.ok(ALLOWED_TAGS.has(tag.toLowerCase()), `${where}: unexpected <${tag}>`);
    const names = [...attrs.matchAll(/\s([^\s=]+)(?:="[^"]*")?/g)].map((a) => a[1].toLowerCase());
    assert.ok(!names.some((n) => n.startsWith('on') || n === 'style' || n === 'srcdoc'), `${where}: <${tag}${attrs}>`);
    if (tag === 'script') assert.match(attrs, /src="\/static\//);
    // The no-JavaScript form frame: our own uncached page, nothing else.
    if (tag === 'iframe') assert.match(attrs, /^ class="comment-frame" src="\/news\/\d+\/comment-frame" title="Leave a comment" loading="lazy"$/);
    for (const h of attrs.matchAll(/\shref="([^"]*)"/g)) assert.match(h[1], /^(https?:\/\/|\/(?!\/)|\?|#)/, `${where}: href ${h[1]}`);
  }
}

const XSS_BODIES = [
  '<img src=x onerror=alert(1)><script>alert(2)</script>hi',
  '<svg onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<iframe srcdoc="<script>alert(1)</script>">',
  '<!---><img src=x onerror=alert(1) />',
  '<svg><style><img src=x onerror=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '[x](javascript:alert(1)) and <a href="javascript:alert(1)">click</a>',
  'see https://ok.test/path?a=1&b=2. and "javascript:alert(1)"',
];

for (const dialect of DIALECTS) {
  describe(`${dialect}: comments rendered on the page, feeds and APIs`, () => {
    let app: CommentsTestApp;
    let story: number;
    let moderatorKey: string;
    let editorKey: string;
    before(async () => {
      app = await createCommentsTestApp(dialect);
      story = await publishedStory(app, 'A story with comments');
      moderatorKey = (await app.apiKeys.create('desk', 'moderator', 'test')).key;
      editorKey = (await app.apiKeys.create('ed', 'editor', 'test')).key;
    });
    after(async () => app.cleanup());

    test('XSS battery: after approval, every payload renders as inert text (section, form page, RSS, Content API)', async () => {
      const ids: number[] = [];
      for (const body of XSS_BODIES) ids.push((await postValid(app, story, { body, name: '"><script>alert(1)</script>', authorUrl: 'https://ok.test/?q=%22%3E%3Cscript%3E' })).json().comment.id);
      await app.commentModeration.moderate(ids, 'approve', 'test');
      for (const url of [await storyUrl(app, story), `/news/${story}/comment-form`]) {
        const html = section((await app.server.inject({ url, remoteAddress: ip() })).body);
        assertInert(html, url);
        assert.match(html, /&lt;img src=x onerror=alert\(1\)>&lt;script>alert\(2\)&lt;\/script>hi/);
        assert.match(html, /<a href="https:\/\/ok\.test\/path\?a=1&amp;b=2" rel="nofollow ugc noopener">/);
        assert.match(html, /<bdi class="comment-author"><a href="https:\/\/ok\.test\/\?q=%22%3E%3Cscript%3E" rel="nofollow ugc noopener">&quot;>&lt;script>/);
        assert.match(html, /<div class="comment-body" dir="auto">/);
      }
      const rss = await app.server.inject({ url: `/news/${story}/comments.xml` });
      assert.equal(rss.statusCode, 200);
      assert.match(rss.headers['content-type'] as string, /rss\+xml/);
      assert.doesNotMatch(rss.body, /<script|<img/i);
      assert.match(rss.body, /&lt;script&gt;alert\(2\)/);
      assert.doesNotMatch(rss.body, /<description>[^<]*<(?!\/description)/);
      const api = await app.server.inject({ url: `/api/content/v1/articles/${story}/comments` });
      assert.equal(api.statusCode, 200);
      const json = api.json();
      assert.equal(json.meta.count, XSS_BODIES.length);
      assert.ok(!JSON.stringify(json).includes('@example.org'), 'emails never leave through the public API');
      assert.ok(!('emailHash' in json.comments[0]));
    });

    test('the cached page shows exactly the approved comments, and approval clears the cache; ?comments=newest flips the order', async () => {
      const s = await publishedStory(app, 'Cache story');
      const a = (await postValid(app, s, { body: 'First approved words' })).json().comment.id;
      const b = (await postValid(app, s, { body: 'Second rejected words' })).json().comment.id;
      const c = (await postValid(app, s, { body: 'Third approved words' })).json().comment.id;
      const before = (await app.server.inject({ url: await storyUrl(app, s) })).body;
      assert.match(before, /No comments yet/);
      assert.equal((await app.server.inject({ url: await storyUrl(app, s) })).body, before, 'served from cache');
      await app.commentModeration.moderate([a, c], 'approve', 'mod');
      await app.commentModeration.moderate([b], 'reject', 'mod');
      const after = section((await app.server.inject({ url: await storyUrl(app, s) })).body);
      assert.match(after, /2 comments/);
      assert.ok(after.indexOf('First approved') < after.indexOf('Third approved'));
      assert.doesNotMatch(after, /Second rejected/);
      const newest = section((await app.server.inject({ url: `${await storyUrl(app, s)}?comments=newest` })).body);
      assert.ok(newest.indexOf('Third approved') < newest.indexOf('First approved'));
      // The cached story page carries no per-reader challenge: the form is hidden and the widget fetches its own.
      assert.match(after, /<form id="comment-form"[^>]*hidden/);
      assert.doesNotMatch(after, /captcha_id/);
      assert.match(after, /<altcha-widget name="altcha" challenge="\/news\/\d+\/comments\/challenge"/);
      assert.match(after, /href="\/news\/\d+\/comment-form#comment-form"/);
    });

    test('replies: one level, shown under their parent; a reply link leads to the form with the parent set', async () => {
      const s = await publishedStory(app, 'Reply story');
      const top = (await postValid(app, s, { body: 'Top comment' })).json().comment.id;
      await app.commentModeration.moderate([top], 'approve', 'mod');
      const reply = (await postValid(app, s, { body: 'A reply', parentId: top })).json().comment.id;
      await app.commentModeration.moderate([reply], 'approve', 'mod');
      const html = section((await app.server.inject({ url: await storyUrl(app, s) })).body);
      assert.match(html, /<ol class="comment-replies">.*A reply/s);
      const form = await app.server.inject({ url: `/news/${s}/comment-form?reply_to=${top}` });
      assert.match(form.body, new RegExp(`name="parent_id" value="${top}"`));
    });

    test('readers flag a comment; past the threshold it leaves the page and returns to the queue', async () => {
      const s = await publishedStory(app, 'Flag story');
      const id = (await postValid(app, s, { body: 'Flag me' })).json().comment.id;
      await app.commentModeration.moderate([id], 'approve', 'mod');
      for (let i = 0; i < 3; i++) {
        const res = await app.server.inject({ method: 'POST', url: `/comments/${id}/flag`, remoteAddress: ip(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'reason=abusive' });
        assert.equal(res.statusCode, 200);
      }
      const c = await app.commentModeration.get(id);
      assert.equal(c.status, 'pending');
      assert.ok(c.heldReasons.includes('flagged'));
      assert.equal(c.flags.length, 3);
      assert.doesNotMatch((await app.server.inject({ url: await storyUrl(app, s) })).body, /Flag me/);
      assert.equal((await app.commentModeration.list('flagged')).items.some((x) => x.id === id), true);
    });

    test('Admin API: 401 without a key, 403 for an editor, moderator lists, approves, bulk-rejects and deletes', async () => {
      const s = await publishedStory(app, 'API story');
      const ids: number[] = [];
      for (let i = 0; i < 3; i++) ids.push((await postValid(app, s, { body: `api ${i}` })).json().comment.id);
      const call = (method: 'GET' | 'POST' | 'DELETE', url: string, key: string | null, payload?: unknown) =>
        app.server.inject({ method, url: `/api/admin/v1${url}`, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(payload ? { 'content-type': 'application/json' } : {}) }, ...(payload ? { payload: JSON.stringify(payload) } : {}) });
      assert.equal((await call('GET', '/comments', null)).statusCode, 401);
      assert.equal((await call('GET', '/comments', editorKey)).statusCode, 403);
      assert.equal((await call('POST', `/comments/${ids[0]}/moderate`, editorKey, { action: 'approve' })).statusCode, 403);
      const list = await call('GET', `/comments?status=pending&article=${s}`, moderatorKey);
      assert.equal(list.statusCode, 200);
      assert.deepEqual(list.json().comments.map((c: { id: number }) => c.id), ids);
      assert.ok(list.json().comments[0].history.pending >= 1);
      assert.equal((await call('GET', '/comments?status=bogus', moderatorKey)).statusCode, 422);
      assert.equal((await call('POST', `/comments/${ids[0]}/moderate`, moderatorKey, { action: 'publish' })).statusCode, 422);
      const ok = await call('POST', `/comments/${ids[0]}/moderate`, moderatorKey, { action: 'approve' });
      assert.equal(ok.json().comment.status, 'approved');
      assert.equal((await call('POST', '/comments/bulk', moderatorKey, { ids: ids.slice(1), action: 'reject' })).json().changed, 2);
      assert.equal((await call('DELETE', `/comments/${ids[2]}`, moderatorKey)).statusCode, 204);
      assert.equal((await call('GET', `/comments/${ids[2]}`, moderatorKey)).statusCode, 404);
      const audit = await app.db.kysely.selectFrom('audit_entries').select('action').where('target_type', '=', 'comment').execute();
      assert.ok(audit.some((a) => a.action === 'comment.approve') && audit.some((a) => a.action === 'comment.delete'));
    });

    test('unsubscribe: GET only shows a confirmation; POST unsubscribes; a forged token is 404', async () => {
      const hash = 'abcDEF123_-xyz';
      const url = new URL(await app.commentNotifier.unsubscribeUrl(hash));
      const path = url.pathname + url.search;
      const get = await app.server.inject({ url: path });
      assert.equal(get.statusCode, 200);
      assert.match(get.body, /<form method="post"/);
      const count = async () => (await app.db.kysely.selectFrom('comment_mail_optouts').selectAll().execute()).length;
      assert.equal(await count(), 0);
      assert.equal((await app.server.inject({ method: 'POST', url: path.replace(/t=[^&]+/, 't=forged') })).statusCode, 404);
      const post = await app.server.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
      assert.equal(post.statusCode, 200);
      assert.equal(await count(), 1);
    });

    test('vendored widget files come from our origin with the strict CSP untouched', async () => {
      for (const p of ['/static/vendor/altcha.js', '/static/vendor/altcha.css', '/static/vendor/altcha-pbkdf2.js', '/static/comments.js', '/static/comments.css']) {
        const res = await app.server.inject({ url: p });
        assert.equal(res.statusCode, 200, p);
      }
      const page = await app.server.inject({ url: await storyUrl(app, story) });
      const csp = page.headers['content-security-policy'] as string;
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|blob:/);
    });
  });
}
