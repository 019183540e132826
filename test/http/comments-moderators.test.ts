import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { publishedStory } from '../domain/comments-helpers.ts';
import { DIALECTS } from '../helpers/dialects.ts';
import { csrfFrom, makeStaff, signedIn } from './admin-auth-helpers.ts';
import { createCommentsTestApp, ip, postForm, postValid, readQuestion, storyUrl, type CommentsTestApp } from './comments-client.ts';

/** A reader on the no-JavaScript form: reads the question, answers it, and is told what happened. */
async function readerPosts(app: CommentsTestApp, story: number, addr: string, email: string, body: string) {
  const q = readQuestion((await app.server.inject({ url: `/news/${story}/comment-form`, remoteAddress: addr })).body);
  app.clock.advance(20_000);
  return postForm(app, story, addr, { name: 'Reader', email, body, captcha_id: q.id, captcha_answer: String(q.answer) });
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: moderators who know (issue 12)`, () => {
    let app: CommentsTestApp;
    let story: number;
    let quiet: number;
    before(async () => {
      app = await createCommentsTestApp(dialect);
      story = await publishedStory(app, 'Bridge story');
      quiet = await publishedStory(app, 'Quiet story');
      await makeStaff(app, 'moderator');
      await makeStaff(app, 'editor');
      await app.settings.update({ timeZone: 'Asia/Tehran' });
    });
    after(async () => app.cleanup());

    test('waiting comments are counted in the nav, per story on the desk, and the desk narrows to one story', async () => {
      const mod = await signedIn(app, 'moderator@news.test');
      const waiting = await app.commentModeration.pendingCount();
      await postValid(app, story, { body: 'Bridge one' });
      await postValid(app, story, { body: 'Bridge two' });
      await postValid(app, quiet, { body: 'Quiet one' });
      const dash = await mod.get('/admin');
      assert.match(dash.body, new RegExp(`Comments <span class="count-badge" aria-label="${waiting + 3} waiting">${waiting + 3}</span>`));
      const desk = await mod.get('/admin/comments');
      assert.match(desk.body, new RegExp(`story=${story}"[^>]*>Bridge story</a> <span class="count-badge">2</span>`));
      assert.match(desk.body, new RegExp(`story=${quiet}"[^>]*>Quiet story</a> <span class="count-badge">1</span>`));
      const narrowed = await mod.get(`/admin/comments?queue=pending&story=${quiet}`);
      assert.match(narrowed.body, /Quiet one/);
      assert.doesNotMatch(narrowed.body, /Bridge one/);
      // An editor does not moderate: no count, no query.
      const editor = await signedIn(app, 'editor@news.test');
      assert.doesNotMatch((await editor.get('/admin')).body, /count-badge/);
    });

    test('after approve the desk says so (the "#" of "approve #12" is allowed); times read in the edition’s zone', async () => {
      const id = (await postValid(app, story, { body: 'Approve me' })).json().comment.id;
      const mod = await signedIn(app, 'moderator@news.test');
      const page = await mod.get('/admin/comments');
      // 10:00 UTC on 2026-05-21 plus a few test seconds is 13:30 in Tehran (+03:30).
      assert.match(page.body, /<time datetime="2026-05-21T13:\d\d:\d\d\+03:30">May 21, 2026 - 13:\d\d<\/time>/);
      assert.doesNotMatch(page.body, / UTC\b/);
      const res = await mod.post(`/admin/comments/${id}/approve`, { _csrf: csrfFrom(page.body) });
      assert.equal(res.statusCode, 303);
      const flash = await mod.get(res.headers.location as string);
      assert.match(flash.body, new RegExp(`role="status" class="notice notice-success">Done: approve #${id}.`));
    });

    test('ban and delete look different and ask first: the first post shows a confirmation and changes nothing', async () => {
      const id = (await postValid(app, story, { body: 'Delete me' })).json().comment.id;
      const mod = await signedIn(app, 'moderator@news.test');
      const desk = await mod.get('/admin/comments');
      assert.match(desk.body, new RegExp(`class="button-danger" formaction="/admin/comments/${id}/delete"`));
      assert.doesNotMatch(desk.body, new RegExp(`class="button-danger" formaction="/admin/comments/${id}/approve"`));
      const token = csrfFrom(desk.body);
      const ask = await mod.post(`/admin/comments/${id}/delete`, { _csrf: token });
      assert.equal(ask.statusCode, 200);
      assert.match(ask.body, /Delete this comment for good\?/);
      assert.equal((await app.commentModeration.get(id)).body, 'Delete me');
      const done = await mod.post(`/admin/comments/${id}/delete`, { _csrf: csrfFromConfirm(ask.body), confirm: 'yes' });
      assert.equal(done.statusCode, 303);
      await assert.rejects(app.commentModeration.get(id), (e: { status: number }) => e.status === 404);
    });

    test('a banned address is refused whatever email it uses; other readers on other addresses are not', async () => {
      const home = ip();
      const first = await readerPosts(app, story, home, 'first@example.org', 'From the banned address');
      assert.equal(first.statusCode, 303);
      const id = (await app.commentModeration.list('pending', { articleId: story })).items.find((c) => c.body === 'From the banned address')!.id;
      const mod = await signedIn(app, 'moderator@news.test');
      const token = csrfFrom((await mod.get('/admin/comments')).body);
      assert.equal((await mod.post(`/admin/comments/${id}/ban_ip`, { _csrf: token, confirm: 'yes' })).statusCode, 303);
      assert.equal((await app.commentModeration.get(id)).status, 'spam');
      const again = await readerPosts(app, story, home, 'someone.else@example.org', 'Trying again');
      assert.equal(again.statusCode, 403);
      assert.match(again.body, /Comments from this address are not accepted/);
      const neighbour = await readerPosts(app, story, ip(), 'neighbour@example.org', 'A different reader');
      assert.equal(neighbour.statusCode, 303);
    });

    test('a banned email is refused from any address; the same address with another email is not', async () => {
      const addr = ip();
      await readerPosts(app, story, addr, 'troll@example.org', 'Troll words');
      const id = (await app.commentModeration.list('pending', { articleId: story })).items.find((c) => c.body === 'Troll words')!.id;
      const mod = await signedIn(app, 'moderator@news.test');
      const token = csrfFrom((await mod.get('/admin/comments')).body);
      assert.equal((await mod.post(`/admin/comments/${id}/ban_email`, { _csrf: token, confirm: 'yes' })).statusCode, 303);
      const elsewhere = await readerPosts(app, story, ip(), 'Troll@Example.org', 'From a new address');
      assert.equal(elsewhere.statusCode, 403);
      assert.match(elsewhere.body, /Comments from this address are not accepted/);
      const sameAddrOtherEmail = await readerPosts(app, story, addr, 'housemate@example.org', 'Same address, other person');
      assert.equal(sameAddrOtherEmail.statusCode, 303);
    });

    test('the rules page saves, refuses bad input with nothing saved, is audited, and the refused words apply at once', async () => {
      const mod = await signedIn(app, 'moderator@news.test');
      const page = await mod.get('/admin/comments/rules');
      assert.equal(page.statusCode, 200);
      const token = csrfFrom(page.body);
      const rules = await app.commentModeration.rules();
      const base: Record<string, string> = { _csrf: token, rejectWords: 'casino\nfree money', holdWords: '' };
      for (const k of ['maxLinks', 'floodSeconds', 'addressPerMinute', 'storyPerMinute', 'closeAfterDays', 'flagThreshold', 'minSubmitSeconds', 'duplicateSeconds', 'powCost', 'powMaxCounter'] as const) base[k] = String(rules[k]);
      const bad = await mod.post('/admin/comments/rules', { ...base, maxLinks: 'lots' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /must be an integer from 0 to 100/);
      assert.match(bad.body, /casino\nfree money/);
      assert.deepEqual((await app.commentModeration.rules()).rejectWords, rules.rejectWords);
      const ok = await mod.post('/admin/comments/rules', base);
      assert.equal(ok.statusCode, 303);
      assert.deepEqual((await app.commentModeration.rules()).rejectWords, ['casino', 'free money']);
      const audit = (await app.auditLog.list(50, 0)).find((e) => e.action === 'comment.rules');
      assert.ok(audit);
      assert.deepEqual((audit.detail as Record<string, unknown>).rejectWords, { before: rules.rejectWords, after: ['casino', 'free money'] });
      // A Cyrillic look-alike spelling is refused like the plain one.
      const refused = await readerPosts(app, story, ip(), 'words@example.org', 'Play at our \u0441\u0430sino');
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /words this site does not accept/);
      await app.commentModeration.updateRules({ rejectWords: [] }, 'test');
    });

    test('Admin API: GET and PATCH /comments/rules, validated and audited; an editor key is refused', async () => {
      const key = (await app.apiKeys.create('mods', 'moderator', 'test')).key;
      const editorKey = (await app.apiKeys.create('eds', 'editor', 'test')).key;
      const call = (method: 'GET' | 'PATCH', k: string, payload?: unknown) =>
        app.server.inject({ method, url: '/api/admin/v1/comments/rules', headers: { authorization: `Bearer ${k}` }, ...(payload !== undefined ? { payload: payload as object } : {}) });
      assert.equal((await call('GET', key)).json().rules.maxLinks, (await app.commentModeration.rules()).maxLinks);
      assert.equal((await call('GET', editorKey)).statusCode, 403);
      const bad = await call('PATCH', key, { maxLinks: -1, nonsense: 1 });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /nonsense/);
      const ok = await call('PATCH', key, { holdWords: ['crypto'] });
      assert.equal(ok.statusCode, 200);
      assert.deepEqual(ok.json().rules.holdWords, ['crypto']);
      const audit = (await app.auditLog.list(50, 0)).find((e) => e.action === 'comment.rules' && 'holdWords' in (e.detail as object));
      assert.ok(audit, 'the API change is audited');
      assert.match(audit.actor, /key/i);
      await app.commentModeration.updateRules({ holdWords: [] }, 'test');
    });

    test('mail not configured is said on the desk, the settings page and beside the reply-notification box', async () => {
      const admin = await makeStaff(app, 'admin');
      const boss = await signedIn(app, admin.email);
      assert.match((await boss.get('/admin/comments')).body, /Mail is not configured/);
      assert.match((await boss.get('/admin/settings')).body, /Mail is not configured/);
      const form = await app.server.inject({ url: `/news/${story}/comment-form`, remoteAddress: ip() });
      assert.match(form.body, /id="c-notify" type="checkbox" disabled/);
      assert.match(form.body, /this site does not send email/);
      const page = await app.server.inject({ url: await storyUrl(app, story) });
      assert.match(page.body, /this site does not send email/);
    });
  });
}

describe('with mail configured', () => {
  let app: CommentsTestApp;
  before(async () => {
    app = await createCommentsTestApp('sqlite', { env: { SMTP_URL: 'smtp://127.0.0.1:2525' } });
    await makeStaff(app, 'moderator');
  });
  after(async () => app.cleanup());

  test('no notice, and the reply-notification box can be ticked', async () => {
    const story = await publishedStory(app, 'Mail story');
    const mod = await signedIn(app, 'moderator@news.test');
    assert.doesNotMatch((await mod.get('/admin/comments')).body, /Mail is not configured/);
    const form = await app.server.inject({ url: `/news/${story}/comment-form`, remoteAddress: ip() });
    assert.match(form.body, /id="c-notify" name="notify" type="checkbox" value="on"/);
    assert.doesNotMatch(form.body, /does not send email/);
  });
});

function csrfFromConfirm(html: string): string {
  return csrfFrom(html.slice(html.indexOf('class="confirm-action"')));
}
