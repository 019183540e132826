import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { publishedStory } from '../domain/comments-helpers.ts';
import { DIALECTS } from '../helpers/dialects.ts';
import { createCommentsTestApp, ip, postForm, readQuestion, rows, storyUrl, type CommentsTestApp } from './comments-client.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: the story page's own no-JavaScript form (a frame the cached page does not hold)`, () => {
    let app: CommentsTestApp;
    let story: number;
    before(async () => {
      app = await createCommentsTestApp(dialect);
      story = await publishedStory(app, 'Frame story');
    });
    after(async () => app.cleanup());

    test('the cached story page carries the frame in <noscript> and no question; every reader gets the same page', async () => {
      const url = await storyUrl(app, story);
      const a = await app.server.inject({ url, remoteAddress: ip() });
      const b = await app.server.inject({ url, remoteAddress: ip() });
      assert.equal(a.statusCode, 200);
      assert.match(a.headers['cache-control'] as string, /public/);
      assert.match(a.body, new RegExp(`<noscript><iframe class="comment-frame" src="/news/${story}/comment-frame" title="Leave a comment" loading="lazy"></iframe></noscript>`));
      assert.doesNotMatch(a.body, /captcha_id|Anti-spam question/);
      assert.equal(a.body, b.body);
    });

    test('the frame is never cached, asks a fresh question each time, and only our own pages may frame it', async () => {
      const addr = ip();
      const one = await app.server.inject({ url: `/news/${story}/comment-frame`, remoteAddress: addr });
      const two = await app.server.inject({ url: `/news/${story}/comment-frame`, remoteAddress: addr });
      assert.equal(one.statusCode, 200);
      assert.equal(one.headers['cache-control'], 'no-store');
      assert.notEqual(readQuestion(one.body).id, readQuestion(two.body).id);
      const csp = one.headers['content-security-policy'] as string;
      assert.match(csp, /frame-ancestors 'self'/);
      assert.match(csp, /script-src 'self'/);
      assert.equal(one.headers['x-frame-options'], 'SAMEORIGIN');
      assert.match(one.body, /<input type="hidden" name="frame" value="1"\/>/);
      // Every other page still refuses to be framed at all.
      const page = await app.server.inject({ url: await storyUrl(app, story) });
      assert.match(page.headers['content-security-policy'] as string, /frame-ancestors 'none'/);
      assert.equal(page.headers['x-frame-options'], 'DENY');
      assert.equal((await app.server.inject({ url: '/news/999999/comment-frame' })).statusCode, 404);
    });

    test('answered in the frame: 303 back to the frame, "held for moderation"; a wrong answer stays in the frame with the text and a new question', async () => {
      const addr = ip();
      const before = await rows(app);
      const q = readQuestion((await app.server.inject({ url: `/news/${story}/comment-frame`, remoteAddress: addr })).body);
      app.clock.advance(6_000);
      const wrong = await postForm(app, story, addr, { frame: '1', name: 'Framed', email: 'f@example.org', body: 'Written in the frame', captcha_id: q.id, captcha_answer: String(q.answer + 1) });
      assert.ok(wrong.statusCode >= 400 && wrong.statusCode < 500, String(wrong.statusCode));
      assert.match(wrong.headers['content-security-policy'] as string, /frame-ancestors 'self'/);
      assert.match(wrong.body, /Written in the frame/);
      assert.doesNotMatch(wrong.body, /class="site-header|<nav/);
      const q2 = readQuestion(wrong.body);
      assert.notEqual(q2.id, q.id);
      assert.equal(await rows(app), before);
      app.clock.advance(6_000);
      const ok = await postForm(app, story, addr, { frame: '1', name: 'Framed', email: 'f@example.org', body: 'Written in the frame', captcha_id: q2.id, captcha_answer: String(q2.answer) });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, `/news/${story}/comment-frame?posted=pending#comment-form`);
      const follow = await app.server.inject({ url: ok.headers.location as string, remoteAddress: addr });
      assert.match(follow.body, /held for moderation/);
      assert.equal(await rows(app), before + 1);
      // Single use: the answered question cannot be replayed.
      app.clock.advance(20_000);
      const replay = await postForm(app, story, addr, { frame: '1', name: 'Framed', email: 'other@example.org', body: 'Replayed', captcha_id: q2.id, captcha_answer: String(q2.answer) });
      assert.ok(replay.statusCode >= 400, String(replay.statusCode));
      assert.equal(await rows(app), before + 1);
    });
  });
}
