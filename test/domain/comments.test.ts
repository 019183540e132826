import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CommentError } from '../../src/domain/comments/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';
import { commentCount, easyRules, nextIp, publishedStory, solvePow, validPost } from './comments-helpers.ts';

const rejects = (p: Promise<unknown>, code: string, field?: string) =>
  assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof CommentError, `expected a CommentError, got ${String(e)}`);
    assert.equal(e.code, code);
    if (field) assert.equal(e.field, field);
    return true;
  });

for (const dialect of DIALECTS) {
  describe(`${dialect}: comment submission pipeline`, () => {
    let app: TestApp;
    let story: number;
    let other: number;
    before(async () => {
      app = await createTestApp(dialect);
      await easyRules(app);
      story = await publishedStory(app);
      other = await publishedStory(app, 'Another story');
    });
    after(async () => app.cleanup());

    test('a valid comment is held (premoderated default), invisible until approved, then listed', async () => {
      const p = await validPost(app, story, nextIp(), { body: 'Held for now' });
      const r = await app.comments.submit(p, p.raw);
      assert.equal(r.status, 'pending');
      assert.deepEqual(r.heldReasons, ['premoderated']);
      assert.equal((await app.comments.listForArticle(story)).count, 0);
      let events = 0;
      const off = app.changes.on((batch) => void (events += batch.filter((c) => c.kind === 'comment').length));
      await app.commentModeration.moderate([r.id], 'approve', 'test');
      off();
      assert.equal(events, 1);
      const list = await app.comments.listForArticle(story);
      assert.equal(list.count, 1);
      assert.equal(list.threads[0].body, 'Held for now');
    });

    test('a solved challenge works once; the replay is captcha_invalid and stores nothing', async () => {
      const ip = nextIp();
      const p = await validPost(app, story, ip);
      await app.comments.submit(p, p.raw);
      const n = await commentCount(app);
      app.clock.advance(20_000);
      await rejects(app.comments.submit(p, { ...p.raw, body: 'different text', email: 'other@example.org' }), 'captcha_invalid');
      assert.equal(await commentCount(app), n);
    });

    test('a challenge for another story, a tampered one and an expired one are refused', async () => {
      const ip = nextIp();
      const ch = await app.comments.powChallenge(other, ip);
      app.clock.advance(5_000);
      const n = await commentCount(app);
      await rejects(app.comments.submit({ articleId: story, ip }, { name: 'A', email: 'a@example.org', body: 'x', altcha: await solvePow(ch) }), 'captcha_invalid');
      const tampered = structuredClone(ch);
      tampered.parameters.data = { ...tampered.parameters.data, a: story };
      await rejects(app.comments.submit({ articleId: story, ip }, { name: 'A', email: 'a@example.org', body: 'x', altcha: await solvePow(tampered) }), 'captcha_invalid');
      const old = await app.comments.powChallenge(story, ip);
      app.clock.advance(11 * 60_000);
      await rejects(app.comments.submit({ articleId: story, ip }, { name: 'A', email: 'a@example.org', body: 'x', altcha: await solvePow(old) }), 'captcha_invalid');
      await rejects(app.comments.submit({ articleId: story, ip }, { name: 'A', email: 'a@example.org', body: 'x', altcha: 'bm90IGpzb24=' }), 'captcha_invalid');
      await rejects(app.comments.submit({ articleId: story, ip }, { name: 'A', email: 'a@example.org', body: 'x' }), 'captcha_invalid');
      assert.equal(await commentCount(app), n);
    });

    test('arithmetic question: dead after three misses, then 429; a right answer is single-use', async () => {
      const ip = nextIp();
      const q = await app.comments.mathQuestion(story, ip);
      app.clock.advance(6_000);
      const n = await commentCount(app);
      const wrong = String(q.a + q.b + 1);
      const send = (answer: string, body = 'maths') => app.comments.submit({ articleId: story, ip }, { name: 'M', email: 'm@example.org', body, captchaId: q.id, captchaAnswer: answer });
      for (let i = 0; i < 3; i++) await rejects(send(wrong), 'captcha_invalid', 'captcha_answer');
      await rejects(send(wrong), 'captcha_exhausted');
      await rejects(send(String(q.a + q.b)), 'captcha_exhausted');
      assert.equal(await commentCount(app), n);

      const ip2 = nextIp();
      const q2 = await app.comments.mathQuestion(story, ip2);
      app.clock.advance(6_000);
      const ok = await app.comments.submit({ articleId: story, ip: ip2 }, { name: 'M', email: 'm2@example.org', body: 'first', captchaId: q2.id, captchaAnswer: ` ${q2.a + q2.b} ` });
      assert.equal(ok.status, 'pending');
      app.clock.advance(20_000);
      await rejects(app.comments.submit({ articleId: story, ip: ip2 }, { name: 'M', email: 'm3@example.org', body: 'second', captchaId: q2.id, captchaAnswer: String(q2.a + q2.b) }), 'captcha_invalid');
      const q3 = await app.comments.mathQuestion(story, ip2);
      app.clock.advance(6_000);
      await rejects(app.comments.submit({ articleId: story, ip: nextIp() }, { name: 'M', email: 'm4@example.org', body: 'other ip', captchaId: q3.id, captchaAnswer: String(q3.a + q3.b) }), 'captcha_invalid');
      assert.equal(await commentCount(app), n + 1);
    });

    test('flood: a second comment 5 s later is 429 with a wait; the same text after 60 s is 409', async () => {
      const ip = nextIp();
      const first = await validPost(app, story, ip, { body: 'Flood test text', email: 'flood@example.org' });
      await app.comments.submit(first, first.raw);
      const n = await commentCount(app);
      const second = await validPost(app, story, ip, { body: 'Another text', email: 'flood@example.org' });
      await assert.rejects(app.comments.submit(second, second.raw), (e: CommentError) => e.commentCode === 'comment_flood' && e.status === 429 && (e.retryAfter ?? 0) > 0);
      const third = await validPost(app, story, ip, { body: 'Flood test text', email: 'flood@example.org' });
      app.clock.advance(55_000);
      await rejects(app.comments.submit(third, third.raw), 'duplicate_comment');
      // Same email from another address is throttled too.
      const fourth = await validPost(app, story, nextIp(), { body: 'From elsewhere', email: 'FLOOD@example.org' });
      await rejects(app.comments.submit(fourth, fourth.raw), 'comment_flood');
      assert.equal(await commentCount(app), n);
    });

    test('readers behind one shared address do not wait on each other; one reader does, and one address is capped per minute', async () => {
      await app.comments.settings.updateRules({ addressPerMinute: 3 });
      // Windows are fixed minutes: start at the top of one so the test never straddles two.
      app.clock.advance(60_000 - (app.clock.now().getTime() % 60_000));
      const office = nextIp();
      const n = await commentCount(app);
      const post = async (email: string, body: string) => {
        const p = await validPost(app, story, office, { body, email });
        return app.comments.submit(p, p.raw);
      };
      await post('colleague0@office.example', 'First colleague here');
      await rejects(post('colleague0@office.example', 'First colleague again'), 'comment_flood');
      await post('colleague1@office.example', 'Second colleague, same address, 5 s later');
      await post('colleague2@office.example', 'Third colleague');
      await rejects(post('newcomer@office.example', 'A fourth from this address within the minute'), 'comment_flood');
      assert.equal(await commentCount(app), n + 3);
      await app.comments.settings.updateRules({ addressPerMinute: 10 });
    });

    test('too fast is refused; a filled honeypot is kept as spam, never published', async () => {
      const ip = nextIp();
      const ch = await app.comments.powChallenge(story, ip);
      app.clock.advance(1_000);
      const n = await commentCount(app);
      await rejects(app.comments.submit({ articleId: story, ip }, { name: 'Bot', email: 'b@example.org', body: 'fast', altcha: await solvePow(ch) }), 'too_fast');
      assert.equal(await commentCount(app), n);
      app.clock.advance(5_000);
      const r = await app.comments.submit({ articleId: story, ip }, { name: 'Bot', email: 'b@example.org', body: 'fast', altcha: await solvePow(ch), website: 'http://spam.example' });
      assert.equal(r.status, 'spam');
      assert.ok(!(await app.comments.listForArticle(story)).threads.some((t) => t.id === r.id));
    });

    test('field battery: each refusal names its field and stores nothing', async () => {
      const n = await commentCount(app);
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ body: 'x'.repeat(10_001) }, 'comment_too_long', 'body'],
        [{ body: '   ' }, 'comment_empty', 'body'],
        [{ name: 'n'.repeat(101) }, 'author_name_too_long', 'name'],
        [{ name: 'Eve\u202Egnp.exe' }, 'invalid_characters', 'name'],
        [{ name: 'Ad\u200Bmin' }, 'invalid_characters', 'name'],
        [{ name: 'Zalgo' + 'e\u0301\u0302\u0303\u0304\u0305\u0306' }, 'invalid_characters', 'name'],
        [{ body: 'bad \uD800 surrogate' }, 'invalid_encoding', 'body'],
        [{ body: 'nul \u0000 byte' }, 'invalid_encoding', 'body'],
        [{ email: 'not-an-email' }, 'email_invalid', 'email'],
        [{ email: 'a@b.c\r\nBcc: x@evil.test' }, 'email_invalid', 'email'],
        [{ parentId: 'abc' }, 'invalid_parent', 'parent_id'],
        [{ body: ['a', 'b'] }, 'invalid_field', 'body'],
      ];
      for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java&#x09;script:alert(1)', '&#106;avascript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:msgbox(1)', 'https://x" onmouseover="alert(1)', '//evil.test/x', 'ftp://x.test/']) {
        cases.push([{ authorUrl: url }, 'author_url_invalid', 'author_url']);
      }
      for (const [fields, code, field] of cases) {
        const p = await validPost(app, story, nextIp(), fields);
        await rejects(app.comments.submit(p, p.raw), code, field);
      }
      assert.equal(await commentCount(app), n);
    });

    test('RTL and CJK names are accepted; NFD input is stored NFC; author URL kept normalised', async () => {
      for (const name of ['محمد', 'דנה', '李雷', 'زهرا\u200Cسادات']) {
        const p = await validPost(app, story, nextIp(), { name, authorUrl: 'https://ok.test/me' });
        const r = await app.comments.submit(p, p.raw);
        const c = await app.commentModeration.get(r.id);
        assert.equal(c.authorName, name);
        assert.equal(c.authorUrl, 'https://ok.test/me');
      }
      const p = await validPost(app, story, nextIp(), { name: 'Cafe\u0301', body: 'cafe\u0301 talk' });
      const c = await app.commentModeration.get((await app.comments.submit(p, p.raw)).id);
      assert.equal(c.authorName, 'Café');
      assert.equal(c.body, 'café talk');
    });

    test('parents: another story, missing or unpublished → invalid_parent; a reply to a reply flattens', async () => {
      const mk = async (articleId: number, fields: Record<string, unknown> = {}) => {
        const p = await validPost(app, articleId, nextIp(), fields);
        return app.comments.submit(p, p.raw);
      };
      const top = await mk(story, { body: 'top' });
      const elsewhere = await mk(other, { body: 'elsewhere' });
      await app.commentModeration.moderate([top.id, elsewhere.id], 'approve', 'test');
      const n = await commentCount(app);
      for (const parentId of [elsewhere.id, 999999, (await mk(story, { body: 'pending parent' })).id]) {
        const p = await validPost(app, story, nextIp(), { parentId: String(parentId) });
        await rejects(app.comments.submit(p, p.raw), 'invalid_parent', 'parent_id');
      }
      assert.equal(await commentCount(app), n + 1);
      const reply = await mk(story, { parentId: String(top.id), body: 'reply' });
      await app.commentModeration.moderate([reply.id], 'approve', 'test');
      const deeper = await mk(story, { parentId: String(reply.id), body: 'reply to reply' });
      assert.equal((await app.commentModeration.get(deeper.id)).parentId, top.id);
    });

    test('rules: links over the limit and hold words hold; reject words refuse, even hidden by zero-width characters', async () => {
      await app.comments.settings.updateRules({ holdWords: ['casino'], rejectWords: ['spamword'] });
      const open = await publishedStory(app, 'Open story', 'open');
      const post = async (body: string) => {
        const p = await validPost(app, open, nextIp(), { body });
        return app.comments.submit(p, p.raw);
      };
      assert.equal((await post('Plain and fine')).status, 'approved');
      const linky = await post('see https://a.test and http://b.test and www.c.test');
      assert.deepEqual([linky.status, linky.heldReasons], ['pending', ['links']]);
      assert.deepEqual((await post('Best CA\u200BSINO in town')).heldReasons, ['hold_word']);
      await rejects(post('buy sp\u00ADamword now'), 'comment_rejected');
      // Look-alike and combining-mark spellings, folded as staff-like names are.
      await rejects(post('buy \u0455\u0440\u0430mword now'), 'comment_rejected');
      await rejects(post('buy spa\u0307mword now'), 'comment_rejected');
      await rejects(post('buy ＳＰＡＭＷＯＲＤ now'), 'comment_rejected');
      assert.deepEqual((await post('A c\u0430sino night')).heldReasons, ['hold_word']);
      // Word breaks are kept: letters of two words never make a listed one.
      assert.equal((await post('this spa mword is two words')).status, 'approved');
      assert.deepEqual((await app.comments.submit(...(await (async () => { const p = await validPost(app, open, nextIp(), { name: 'Еditor' }); return [p, p.raw] as const; })()))).heldReasons, ['confusable_name']);
      await app.comments.settings.updateRules({ holdWords: [], rejectWords: [] });
    });

    test('closed stories and stories past the close-after-days setting refuse comments', async () => {
      const closed = await publishedStory(app, 'Closed story', 'closed');
      const ip = nextIp();
      await assert.rejects(app.comments.powChallenge(closed, ip), (e: { status: number }) => e.status === 403);
      await rejects(app.comments.submit({ articleId: closed, ip }, { name: 'A', email: 'a@example.org', body: 'x' }), 'comments_closed');
      await app.comments.settings.updateRules({ closeAfterDays: 1 });
      app.clock.advance(2 * 86_400_000);
      await rejects(app.comments.submit({ articleId: story, ip }, { name: 'A', email: 'a@example.org', body: 'x' }), 'comments_closed');
      await app.comments.settings.updateRules({ closeAfterDays: 0 });
    });

    test('group commit: 60 concurrent valid submissions are all stored and each answered with its own id', async () => {
      const posts = [];
      for (let i = 0; i < 60; i++) {
        const ip = nextIp();
        posts.push({ ip, ch: await app.comments.powChallenge(story, ip) });
      }
      app.clock.advance(6_000);
      const n = await commentCount(app);
      const results = await Promise.all(
        posts.map(async ({ ip, ch }, i) => app.comments.submit({ articleId: story, ip }, { name: `R${i}`, email: `r${i}@bulk.example`, body: `bulk ${i}`, altcha: await solvePow(ch) })),
      );
      assert.equal(new Set(results.map((r) => r.id)).size, 60);
      assert.equal(await commentCount(app), n + 60);
      // Each answer names its own row: the batch's ids are handed back in the order of its comments.
      const rows = await app.db.kysely.selectFrom('comments').select(['id', 'body', 'author_name']).where('id', 'in', results.map((r) => r.id)).execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      results.forEach((r, i) => {
        assert.equal(byId.get(r.id)?.body, `bulk ${i}`);
        assert.equal(byId.get(r.id)?.author_name, `R${i}`);
      });
    });

    test('group commit: one challenge sent twice in the same batch is taken once; the rest of the batch commits', async () => {
      const ip = nextIp();
      const ch = await app.comments.powChallenge(story, ip);
      const others = [];
      for (let i = 0; i < 6; i++) {
        const oip = nextIp();
        others.push({ ip: oip, ch: await app.comments.powChallenge(story, oip) });
      }
      app.clock.advance(6_000);
      const altcha = await solvePow(ch);
      const n = await commentCount(app);
      const settled = await Promise.allSettled([
        app.comments.submit({ articleId: story, ip }, { name: 'Twice A', email: 'twice-a@bulk.example', body: 'the same challenge, first', altcha }),
        ...others.map(async ({ ip: oip, ch: och }, i) => app.comments.submit({ articleId: story, ip: oip }, { name: `O${i}`, email: `o${i}@bulk.example`, body: `other ${i}`, altcha: await solvePow(och) })),
        app.comments.submit({ articleId: story, ip }, { name: 'Twice B', email: 'twice-b@bulk.example', body: 'the same challenge, again', altcha }),
      ]);
      const refused = settled.filter((r) => r.status === 'rejected');
      assert.equal(refused.length, 1, JSON.stringify(settled.map((r) => r.status)));
      assert.match(String((refused[0] as PromiseRejectedResult).reason?.message), /already been used/);
      assert.equal(await commentCount(app), n + 7);
    });
  });
}
