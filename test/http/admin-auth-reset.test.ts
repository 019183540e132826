import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp, type App } from '../../src/main.ts';
import { fixedClock } from '../../src/domain/shared/clock.ts';
import { DIALECTS, createTestDb, testConfig, type TestDb } from '../helpers/dialects.ts';
import { PASSWORD, browser, csrfFrom, makeStaff, signedIn } from './admin-auth-helpers.ts';
import type { TestApp } from '../helpers/dialects.ts';
import { bodyOf, startSmtp, waitFor } from '../helpers/smtp.ts';

const FORGOT_SENT = /If an account exists for that address, we have emailed it a link/;

for (const dialect of DIALECTS) {
  describe(`${dialect}: password reset and invitations through a real SMTP server`, () => {
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let t: TestDb;
    let app: TestApp;
    before(async () => {
      smtp = await startSmtp();
      t = await createTestDb(dialect);
      const clock = fixedClock(new Date('2026-05-21T10:00:00Z'));
      const config = testConfig(t.dataDir, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Newsroom <newsroom@news.test>' });
      const created: App = await createApp(config, { db: t.db, clock, jobs: false });
      await created.server.ready();
      app = Object.assign(created, { clock, cleanup: async () => undefined }) as TestApp;
      await makeStaff(app, 'editor', 'reset-me@news.test');
    });
    after(async () => {
      await app?.changes.stop();
      await app?.server.close();
      await t?.cleanup();
      await smtp?.close();
    });

    test('forgot: same answer for unknown and known; the link uses SITE_URL, not Host; it works once', async () => {
      const b = browser(app, '192.0.2.10');
      const old = await signedIn(app, 'reset-me@news.test', PASSWORD, '192.0.2.11');
      const token = await b.csrf('/admin/forgot');
      const hostile = { host: 'evil.test', 'x-forwarded-host': 'evil.test' };
      const unknown = await b.post('/admin/forgot', { _csrf: token, email: 'nobody@news.test' }, hostile);
      const injected = await b.post('/admin/forgot', { _csrf: token, email: 'reset-me@news.test\r\nBcc: spy@evil.test' }, hostile);
      const known = await b.post('/admin/forgot', { _csrf: token, email: 'Reset-Me@News.test' }, hostile);
      for (const r of [unknown, injected, known]) {
        assert.equal(r.statusCode, 200);
        assert.match(r.body, FORGOT_SENT);
      }
      assert.equal(unknown.body, known.body);
      await app.runner.runDue();
      const mail = await waitFor(() => smtp.inbox.find((m) => m.to.includes('reset-me@news.test')), 'the reset mail');
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(smtp.inbox.length, 1, 'nothing for the unknown or the injected address');
      assert.doesNotMatch(mail.raw, /spy@evil\.test/);
      assert.match(mail.raw, /^From: Newsroom <newsroom@news\.test>/m);
      const text = bodyOf(mail.raw);
      const link = /(\S+\/admin\/reset\/[A-Za-z0-9_-]{43})/.exec(text)![1];
      assert.ok(link.startsWith('http://news.test/admin/reset/'), link);
      const path = new URL(link).pathname;

      const page = await b.get(path);
      assert.equal(page.statusCode, 200);
      const formToken = csrfFrom(page.body);
      assert.equal((await b.post(path, { password: 'brand new password 1', confirm: 'brand new password 1' })).statusCode, 403, 'needs its CSRF token');
      const weak = await b.post(path, { _csrf: formToken, password: 'short', confirm: 'short' });
      assert.equal(weak.statusCode, 422);
      const differ = await b.post(path, { _csrf: formToken, password: 'brand new password 1', confirm: 'brand new password 2' });
      assert.equal(differ.statusCode, 422);
      assert.match(differ.body, /the two passwords differ/);
      const done = await b.post(path, { _csrf: formToken, password: 'brand new password 1', confirm: 'brand new password 1' });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, '/admin/sign-in?reset=1');
      assert.equal((await old.get('/admin')).statusCode, 303, 'sessions from before the reset are gone');
      await signedIn(app, 'reset-me@news.test', 'brand new password 1', '192.0.2.12');
      await assert.rejects(signedIn(app, 'reset-me@news.test', PASSWORD, '192.0.2.13'), /401/);
      assert.equal((await b.get(path)).statusCode, 404, 'single use');
      assert.equal((await b.post(path, { _csrf: formToken, password: 'another new password', confirm: 'another new password' })).statusCode, 404);
    });

    test('a reset link expires after 30 minutes', async () => {
      const b = browser(app, '192.0.2.20');
      const token = await b.csrf('/admin/forgot');
      const before = smtp.inbox.length;
      await b.post('/admin/forgot', { _csrf: token, email: 'reset-me@news.test' });
      await app.runner.runDue();
      const mail = await waitFor(() => smtp.inbox[before], 'the second reset mail');
      const path = new URL(/(\S+\/admin\/reset\/[A-Za-z0-9_-]{43})/.exec(bodyOf(mail.raw))![1]).pathname;
      app.clock.advance(29 * 60_000);
      assert.equal((await b.get(path)).statusCode, 200);
      app.clock.advance(2 * 60_000);
      assert.equal((await b.get(path)).statusCode, 404);
      assert.equal((await b.get('/admin/reset/not-a-token')).statusCode, 404);
    });

    test('forgot is rate-limited per IP: the 6th request in an hour is 429', async () => {
      const b = browser(app, '192.0.2.30');
      const token = await b.csrf('/admin/forgot');
      for (let i = 0; i < 5; i++) assert.equal((await b.post('/admin/forgot', { _csrf: token, email: `x${i}@news.test` })).statusCode, 200);
      const sixth = await b.post('/admin/forgot', { _csrf: token, email: 'x6@news.test' });
      assert.equal(sixth.statusCode, 429);
      assert.ok(Number(sixth.headers['retry-after']) > 0);
      const other = browser(app, '192.0.2.31');
      const t2 = await other.csrf('/admin/forgot');
      assert.equal((await other.post('/admin/forgot', { _csrf: t2, email: 'x7@news.test' })).statusCode, 200);
    });

    test('an invited member gets a link to choose a password, then signs in', async () => {
      await makeStaff(app, 'admin', 'chief@news.test');
      const chief = await signedIn(app, 'chief@news.test', PASSWORD, '192.0.2.40');
      const token = csrfFrom((await chief.get('/admin/users')).body);
      const before = smtp.inbox.length;
      const r = await chief.post('/admin/users', { _csrf: token, name: 'New Reporter', email: 'newbie@news.test', role: 'contributor', password: '' });
      assert.equal(r.statusCode, 303);
      assert.equal(r.headers.location, '/admin/users?done=invited');
      await app.runner.runDue();
      const mail = await waitFor(() => smtp.inbox.slice(before).find((m) => m.to.includes('newbie@news.test')), 'the invitation');
      const path = new URL(/(\S+\/admin\/reset\/[A-Za-z0-9_-]{43})/.exec(bodyOf(mail.raw))![1]).pathname;
      const b = browser(app, '192.0.2.41');
      const formToken = csrfFrom((await b.get(path)).body);
      assert.equal((await b.post(path, { _csrf: formToken, password: 'my very own password', confirm: 'my very own password' })).statusCode, 303);
      const signed = await signedIn(app, 'newbie@news.test', 'my very own password', '192.0.2.42');
      assert.match((await signed.get('/admin')).body, /signed in as <strong>contributor<\/strong>/);
    });
  });
}
