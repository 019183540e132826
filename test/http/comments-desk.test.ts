import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { publishedStory } from '../domain/comments-helpers.ts';
import { DIALECTS } from '../helpers/dialects.ts';
import { browser, csrfFrom, makeStaff, signedIn } from './admin-auth-helpers.ts';
import { createCommentsTestApp, postValid, storyUrl, type CommentsTestApp } from './comments-client.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: moderation desk at /admin/comments`, () => {
    let app: CommentsTestApp;
    let story: number;
    before(async () => {
      app = await createCommentsTestApp(dialect);
      story = await publishedStory(app, 'Desk story');
      await makeStaff(app, 'moderator');
      await makeStaff(app, 'editor');
    });
    after(async () => app.cleanup());

    const pendingIds = async () => (await app.commentModeration.list('pending', { articleId: story })).items.map((c) => c.id);

    test('signed out → sign-in; an editor without comments:moderate → 403', async () => {
      const anon = await browser(app).get('/admin/comments');
      assert.equal(anon.statusCode, 303);
      assert.match(anon.headers.location as string, /^\/admin\/sign-in/);
      const editor = await signedIn(app, 'editor@news.test');
      assert.equal((await editor.get('/admin/comments')).statusCode, 403);
    });

    test('the queue shows story, reasons and history; approve, reject, bulk and edit work with the form token', async () => {
      const a = (await postValid(app, story, { body: 'Desk approve me', email: 'hist@example.org' })).json().comment.id;
      app.clock.advance(20_000);
      const b = (await postValid(app, story, { body: 'Desk reject me', email: 'hist@example.org' })).json().comment.id;
      const c = (await postValid(app, story, { body: 'Bulk one' })).json().comment.id;
      const d = (await postValid(app, story, { body: 'Bulk two' })).json().comment.id;
      const mod = await signedIn(app, 'moderator@news.test');
      const page = await mod.get('/admin/comments?queue=pending');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Desk story/);
      assert.match(page.body, /Held: pre-moderated story/);
      assert.match(page.body, /History: 0 approved, 0 rejected, 0 spam, 2 pending/);
      assert.match(page.body, /Pending \(4\)/);
      const token = csrfFrom(page.body);
      assert.equal((await mod.post(`/admin/comments/${a}/approve`, { _csrf: token })).statusCode, 303);
      assert.equal((await mod.post(`/admin/comments/${b}/reject`, { _csrf: token })).statusCode, 303);
      const res = await app.server.inject({
        method: 'POST', url: '/admin/comments/bulk', remoteAddress: mod.ip,
        headers: { cookie: mod.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(token)}&action=spam&ids=${c}&ids=${d}`,
      });
      assert.equal(res.statusCode, 303);
      assert.deepEqual(await pendingIds(), []);
      assert.equal((await app.commentModeration.get(a)).status, 'approved');
      assert.equal((await app.commentModeration.get(b)).status, 'rejected');
      assert.equal((await app.commentModeration.get(c)).status, 'spam');
      const storyPage = await app.server.inject({ url: await storyUrl(app, story) });
      assert.equal(storyPage.statusCode, 200);
      assert.match(storyPage.body, /Desk approve me/);
      assert.doesNotMatch(storyPage.body, /Desk reject me|Bulk one/);
      const edit = await mod.post(`/admin/comments/${a}/edit`, { _csrf: token, body: 'Desk approved, edited' });
      assert.equal(edit.statusCode, 303);
      assert.match((await app.server.inject({ url: await storyUrl(app, story) })).body, /Desk approved, edited/);
      const badEdit = await mod.post(`/admin/comments/${a}/edit`, { _csrf: token, body: '' });
      assert.equal(badEdit.statusCode, 422);
    });

    test('CSRF: a cross-origin post or one without the token is 403 and the comment stays pending; GET never acts', async () => {
      const id = (await postValid(app, story, { body: 'Still pending' })).json().comment.id;
      const mod = await signedIn(app, 'moderator@news.test');
      const evil = await mod.post(`/admin/comments/${id}/approve`, {}, { origin: 'https://evil.test' });
      assert.equal(evil.statusCode, 403);
      const noToken = await mod.post(`/admin/comments/${id}/delete`, {});
      assert.equal(noToken.statusCode, 403);
      const get = await mod.get(`/admin/comments/${id}/approve`);
      assert.ok(get.statusCode === 404 || get.statusCode === 405);
      assert.equal((await app.commentModeration.get(id)).status, 'pending');
    });
  });
}
