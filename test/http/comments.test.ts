import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../helpers/dialects.ts';
import { publishedStory } from '../domain/comments-helpers.ts';
import { challengeFor, createCommentsTestApp, expectError, ip, postForm, postJson, postValid, readQuestion, rows, type CommentsTestApp } from './comments-client.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: comment form and JSON endpoint, hostile battery (docs/architecture.md, hostile input)`, () => {
    let app: CommentsTestApp;
    let story: number;
    let other: number;
    before(async () => {
      app = await createCommentsTestApp(dialect);
      story = await publishedStory(app);
      other = await publishedStory(app, 'Other story');
    });
    after(async () => app.cleanup());

    test('JSON: a valid comment answers 202 held for moderation and is stored once', async () => {
      const before = await rows(app);
      const res = await postValid(app, story, { body: 'Hello there' });
      assert.equal(res.statusCode, 202);
      assert.equal(res.json().comment.status, 'pending');
      assert.match(res.json().message, /held for moderation/);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.equal(await rows(app), before + 1);
    });

    test('no-JS: the form page asks an arithmetic question; answering it posts, redirects (303) and says "held for moderation"', async () => {
      const addr = ip();
      const page = await app.server.inject({ url: `/news/${story}/comment-form`, remoteAddress: addr });
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');
      const q = readQuestion(page.body);
      assert.doesNotMatch(page.body, new RegExp(`value="${q.answer}"`));
      app.clock.advance(6_000);
      const res = await postForm(app, story, addr, { name: 'No Script', email: 'ns@example.org', body: 'Posted without JavaScript', captcha_id: q.id, captcha_answer: String(q.answer) });
      assert.equal(res.statusCode, 303);
      const follow = await app.server.inject({ url: res.headers.location as string, remoteAddress: addr });
      assert.match(follow.body, /held for moderation/);
    });

    test('a refused HTML form comes back with the reader’s text, the error beside the field, a new question, and nothing stored', async () => {
      const addr = ip();
      const q = readQuestion((await app.server.inject({ url: `/news/${story}/comment-form`, remoteAddress: addr })).body);
      app.clock.advance(6_000);
      const before = await rows(app);
      const res = await postForm(app, story, addr, { name: 'Refill Me', email: 'r@example.org', body: 'My carefully written text', author_url: 'JaVaScRiPt:alert(1)', captcha_id: q.id, captcha_answer: String(q.answer) });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /My carefully written text/);
      assert.match(res.body, /value="Refill Me"/);
      assert.match(res.body, /id="c-url-error"[^>]*>The website must be/);
      assert.notEqual(readQuestion(res.body).id, q.id);
      assert.equal(await rows(app), before);
    });

    test('author URL: javascript:, data: and friends are 422 author_url_invalid; https is accepted', async () => {
      const before = await rows(app);
      for (const url of ['JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'java&#x09;script:alert(1)', 'https://x" onmouseover="alert(1)']) {
        expectError(await postValid(app, story, { authorUrl: url }), 422, 'author_url_invalid', 'author_url');
      }
      assert.equal(await rows(app), before);
      assert.equal((await postValid(app, story, { authorUrl: 'https://ok.test' })).statusCode, 202);
    });

    test('sizes: 2 MB → 413; 10,001 characters → 422 comment_too_long; <div>×2,001 → 422; <div>×100,000 → 413; nothing stored', async () => {
      const before = await rows(app);
      const big = await postJson(app, story, ip(), { name: 'x', email: 'x@example.org', body: 'x'.repeat(2 * 1024 * 1024) });
      assert.equal(big.statusCode, 413);
      const bigForm = await postForm(app, story, ip(), { name: 'x', email: 'x@example.org', body: 'x'.repeat(2 * 1024 * 1024) });
      assert.equal(bigForm.statusCode, 413);
      expectError(await postValid(app, story, { body: 'x'.repeat(10_001) }), 422, 'comment_too_long', 'body');
      expectError(await postValid(app, story, { body: '<div>'.repeat(2_001) }), 422, 'comment_too_long', 'body');
      assert.equal((await postJson(app, story, ip(), { body: '<div>'.repeat(100_000) })).statusCode, 413);
      expectError(await postValid(app, story, { name: 'n'.repeat(101) }), 422, 'author_name_too_long', 'name');
      assert.equal(await rows(app), before);
      assert.equal((await postValid(app, story, { body: 'y'.repeat(10_000) })).statusCode, 202);
    });

    test('parent on another story → 422 invalid_parent, nothing stored', async () => {
      const res = await postValid(app, other, { body: 'On the other story' });
      await app.commentModeration.moderate([res.json().comment.id], 'approve', 'test');
      const before = await rows(app);
      expectError(await postValid(app, story, { parentId: res.json().comment.id }), 422, 'invalid_parent', 'parent_id');
      expectError(await postValid(app, story, { parentId: 'x; DROP TABLE comments' }), 422, 'invalid_parent', 'parent_id');
      assert.equal(await rows(app), before);
    });

    test('a solved proof of work used twice: the second is 422 captcha_invalid and exactly one comment is stored', async () => {
      const addr = ip();
      const altcha = await challengeFor(app, story, addr);
      app.clock.advance(5_000);
      const before = await rows(app);
      assert.equal((await postJson(app, story, addr, { name: 'A', email: 'once@example.org', body: 'first use', altcha })).statusCode, 202);
      app.clock.advance(20_000);
      const again = await postJson(app, story, addr, { name: 'A', email: 'twice@example.org', body: 'second use', altcha });
      expectError(again, 422, 'captcha_invalid', 'captcha');
      assert.equal(await rows(app), before + 1);
      // Two at once with one token: still exactly one.
      const addr2 = ip();
      const token = await challengeFor(app, story, addr2);
      app.clock.advance(5_000);
      const both = await Promise.all([1, 2].map((i) => postJson(app, story, addr2, { name: 'A', email: `race${i}@example.org`, body: `race ${i}`, altcha: token })));
      // The loser is refused by the flood limit or the replay set, whichever it meets first.
      assert.ok(both.some((r) => r.statusCode === 429 || r.statusCode === 422));
      assert.equal(both.filter((r) => r.statusCode === 202).length, 1);
      assert.equal(await rows(app), before + 2);
    });

    test('arithmetic question: three wrong answers are 422, the fourth try is 429; nothing stored', async () => {
      const addr = ip();
      const q = readQuestion((await app.server.inject({ url: `/news/${story}/comment-form`, remoteAddress: addr })).body);
      app.clock.advance(6_000);
      const before = await rows(app);
      const send = (answer: number) => postJson(app, story, addr, { name: 'Guesser', email: 'g@example.org', body: 'guessing', captchaId: q.id, captchaAnswer: String(answer) });
      for (let i = 0; i < 3; i++) expectError(await send(q.answer + 1 + i), 422, 'captcha_invalid', 'captcha_answer');
      const fourth = await send(q.answer);
      expectError(fourth, 429, 'captcha_exhausted');
      assert.ok(Number(fourth.headers['retry-after']) > 0);
      assert.equal(await rows(app), before);
    });

    test('flood: a second comment 5 s later is 429 comment_flood with Retry-After; the same text after 60 s is 409; one stored', async () => {
      const addr = ip();
      const before = await rows(app);
      assert.equal((await postValid(app, story, { email: 'same@example.org', body: 'Same words' }, addr)).statusCode, 202);
      const second = await postValid(app, story, { email: 'same@example.org', body: 'Other words' }, addr);
      expectError(second, 429, 'comment_flood');
      assert.ok(Number(second.headers['retry-after']) >= 1);
      const altcha = await challengeFor(app, story, addr);
      app.clock.advance(60_000);
      expectError(await postJson(app, story, addr, { name: 'Dana', email: 'same@example.org', body: 'Same words', altcha }), 409, 'duplicate_comment');
      assert.equal(await rows(app), before + 1);
    });

    test('honeypot filled → accepted-looking 202 but kept as spam, never published; 1 s after issue → 422 too_fast; after 6 s it works', async () => {
      const hp = await postValid(app, story, { website: 'http://bot.example', body: 'I am a bot' });
      assert.equal(hp.statusCode, 202);
      const row = await app.commentModeration.get(hp.json().comment.id);
      assert.equal(row.status, 'spam');
      const addr = ip();
      const altcha = await challengeFor(app, story, addr);
      app.clock.advance(1_000);
      const before = await rows(app);
      expectError(await postJson(app, story, addr, { name: 'Quick', email: 'q@example.org', body: 'too quick', altcha }), 422, 'too_fast');
      assert.equal(await rows(app), before);
      app.clock.advance(5_000);
      assert.equal((await postJson(app, story, addr, { name: 'Quick', email: 'q@example.org', body: 'too quick', altcha })).statusCode, 202);
    });

    test('invalid encoding and bidi tricks: 400 invalid_encoding / 422 invalid_characters; RTL names accepted', async () => {
      expectError(await postValid(app, story, { body: 'bad \uD800 half' }), 400, 'invalid_encoding');
      const form = await app.server.inject({ method: 'POST', url: `/news/${story}/comments`, remoteAddress: ip(), headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, payload: 'name=a&email=a%40b.co&body=%C0%AF' });
      expectError(form, 400, 'invalid_encoding');
      expectError(await postValid(app, story, { name: 'Admin\u202Egnp' }), 422, 'invalid_characters', 'name');
      assert.equal((await postValid(app, story, { name: 'محمد' })).statusCode, 202);
    });

    test('mass assignment: status, id and article fields in the body are ignored', async () => {
      const res = await postValid(app, story, { status: 'approved', id: 1, articleId: other, flag_count: -5 });
      assert.equal(res.statusCode, 202);
      const c = await app.commentModeration.get(res.json().comment.id);
      assert.equal(c.status, 'pending');
      assert.equal(c.articleId, story);
      assert.equal(c.flagCount, 0);
    });

    test('unknown or unpublished stories: 404 for challenge, form and post', async () => {
      assert.equal((await app.server.inject({ url: '/news/999999/comments/challenge' })).statusCode, 404);
      assert.equal((await app.server.inject({ url: '/news/999999/comment-form' })).statusCode, 404);
      assert.equal((await postJson(app, 999999, ip(), { body: 'x' })).statusCode, 404);
      assert.equal((await app.server.inject({ url: '/news/abc/comment-form' })).statusCode, 404);
    });
  });
}
