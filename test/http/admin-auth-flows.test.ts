import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { totpCode } from '../../src/domain/users/index.ts';
import { createApp } from '../../src/main.ts';
import { DIALECTS, createTestApp, createTestDb, testConfig, type TestApp } from '../helpers/dialects.ts';
import { PASSWORD, browser, csrfFrom, makeStaff, sessionCookieName, signedIn } from './admin-auth-helpers.ts';

/** Open redirects (docs/architecture.md, hostile input), with encoded and header-injection variants. */
const HOSTILE_NEXT = [
  'https://evil.test',
  '//evil.test',
  '/\\evil.test',
  '\\/\\/evil.test',
  'https:evil.test',
  '/%2F%2Fevil.test',
  '/%2f/evil.test',
  '/%5Cevil.test',
  '/%252F%252Fevil.test',
  'https://news.example@evil.test',
  'javascript:alert(1)',
  '%0d%0aLocation:https://evil.test',
  '/admin%0d%0aSet-Cookie:x=1',
  '/admin\r\nLocation: https://evil.test',
  '/\tevil.test',
  ' //evil.test',
  '/admin/\u00e9',
  '',
  'admin',
];

for (const dialect of DIALECTS) {
  describe(`${dialect}: setup, redirects after sign-in, TOTP`, () => {
    let app: TestApp;
    before(async () => {
      app = await createTestApp(dialect);
    });
    after(async () => app?.cleanup());

    test('setup works only while no admin exists, and needs its CSRF token', async () => {
      const b = browser(app);
      const page = await b.get('/admin/setup');
      assert.equal(page.statusCode, 200);
      const token = csrfFrom(page.body);
      const fields = { name: 'First Admin', email: 'first@news.test', password: PASSWORD, confirm: PASSWORD };
      assert.equal((await b.post('/admin/setup', fields)).statusCode, 403, 'no token');
      assert.equal((await b.post('/admin/setup', { ...fields, _csrf: token }, { origin: 'https://evil.test' })).statusCode, 403);
      const weak = await b.post('/admin/setup', { ...fields, password: 'short', confirm: 'short', _csrf: token });
      assert.equal(weak.statusCode, 422);
      assert.match(weak.body, /at least 12 characters/);
      assert.match(weak.body, /value="first@news.test"/, 'the form keeps what was typed');
      assert.doesNotMatch(weak.body, /value="short"/, 'but never the password');
      assert.equal(await app.users.hasAdmin(), false);
      const ok = await b.post('/admin/setup', { ...fields, _csrf: token });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, '/admin');
      assert.equal((await b.get('/admin')).statusCode, 200, 'signed in straight away');
      assert.equal((await b.get('/admin/setup')).statusCode, 404);
      const second = browser(app, '192.0.2.9');
      assert.equal((await second.get('/admin/setup')).statusCode, 404);
      const t2 = await second.csrf('/admin/sign-in');
      assert.equal((await second.post('/admin/setup', { ...fields, email: 'second@news.test', _csrf: t2 })).statusCode, 404);
      assert.equal((await app.users.list()).length, 1);
    });

    test('next=: every hostile value goes to /admin (303); a same-origin path is kept', async () => {
      await makeStaff(app, 'editor', 'redir@news.test');
      for (const next of HOSTILE_NEXT) {
        const b = browser(app);
        const token = await b.csrf('/admin/sign-in');
        const r = await b.post('/admin/sign-in', { _csrf: token, email: 'redir@news.test', password: PASSWORD, next });
        assert.equal(r.statusCode, 303, JSON.stringify(next));
        assert.equal(r.headers.location, '/admin', JSON.stringify(next));
        // The same value through the query string of the sign-in page ends up in the form as /admin.
        const page = await browser(app).get(`/admin/sign-in?next=${encodeURIComponent(next)}`);
        assert.match(page.body, /name="next" value="\/admin"/, JSON.stringify(next));
      }
      for (const good of ['/admin/posts/5', '/admin/stories?status=draft&page=2', '/admin/users#new']) {
        const b = browser(app);
        const token = await b.csrf(`/admin/sign-in?next=${encodeURIComponent(good)}`);
        const r = await b.post('/admin/sign-in', { _csrf: token, email: 'redir@news.test', password: PASSWORD, next: good });
        assert.equal(r.statusCode, 303);
        assert.equal(r.headers.location, good);
      }
    });

    test('TOTP: enrol with the shown secret, then sign-in needs a current, unused code', async () => {
      const staff = await makeStaff(app, 'author', 'totp@news.test');
      const b = await signedIn(app, 'totp@news.test');
      const account = await b.get('/admin/account');
      assert.equal((await b.post('/admin/account/totp/start', { _csrf: csrfFrom(account.body) })).statusCode, 303);
      const enrol = await b.get('/admin/account/totp');
      const uri = /href="(otpauth:\/\/totp\/[^"]+)"/.exec(enrol.body)![1].replaceAll('&amp;', '&');
      const secret = new URL(uri).searchParams.get('secret')!;
      assert.match(secret, /^[A-Z2-7]{32}$/);
      assert.match(enrol.body, new RegExp(secret.slice(0, 4)), 'the secret is shown as text');
      const token = csrfFrom(enrol.body);
      const bad = await b.post('/admin/account/totp', { _csrf: token, code: '000000' === totpCode(secret, app.clock.now()) ? '111111' : '000000' });
      assert.equal(bad.statusCode, 422);
      assert.equal((await app.users.get(staff.id)).totpEnabled, false);
      assert.equal((await b.post('/admin/account/totp', { _csrf: token, code: totpCode(secret, app.clock.now()) })).statusCode, 303);
      assert.equal((await app.users.get(staff.id)).totpEnabled, true);

      app.clock.advance(60_000);
      const c = browser(app, '192.0.2.77');
      const t = await c.csrf('/admin/sign-in');
      const step1 = await c.post('/admin/sign-in', { _csrf: t, email: 'totp@news.test', password: PASSWORD, next: '/admin/account' });
      assert.equal(step1.statusCode, 303);
      assert.equal(step1.headers.location, '/admin/sign-in/code?next=%2Fadmin%2Faccount');
      assert.equal((await c.get('/admin')).statusCode, 303, 'the half session opens nothing');
      const codePage = await c.get('/admin/sign-in/code?next=%2Fadmin%2Faccount');
      assert.equal(codePage.statusCode, 200);
      const wrong = await c.post('/admin/sign-in/code', { _csrf: t, code: '12345', next: '/admin/account' });
      assert.equal(wrong.statusCode, 422);
      const halfCookie = c.jar.cookies.get('dl_session');
      const code = totpCode(secret, app.clock.now());
      const done = await c.post('/admin/sign-in/code', { _csrf: t, code, next: '/admin/account' });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, '/admin/account');
      assert.notEqual(c.jar.cookies.get('dl_session'), halfCookie, 'a new id once the second factor is done');
      assert.equal((await c.get('/admin')).statusCode, 200);

      // The same code again (another device, same 30 s): refused, codes are single-use.
      const d = browser(app, '192.0.2.78');
      const t3 = await d.csrf('/admin/sign-in');
      await d.post('/admin/sign-in', { _csrf: t3, email: 'totp@news.test', password: PASSWORD });
      assert.equal((await d.post('/admin/sign-in/code', { _csrf: t3, code })).statusCode, 422);
      // The replay was wrong code 1; wrong codes 2–4 are 422, the 5th ends the half session with 429.
      for (let i = 0; i < 3; i++) assert.equal((await d.post('/admin/sign-in/code', { _csrf: t3, code: '99999' + i })).statusCode, 422);
      const fifth = await d.post('/admin/sign-in/code', { _csrf: t3, code: '999998' });
      assert.equal(fifth.statusCode, 429);
      assert.ok(Number(fifth.headers['retry-after']) > 0);
      assert.equal((await d.get('/admin/sign-in/code')).statusCode, 303, 'half session gone');

      // Recovery: an admin resets the second factor; the member signs in with the password alone.
      await makeStaff(app, 'admin', 'boss@news.test');
      const boss = await signedIn(app, 'boss@news.test');
      const users = await boss.get('/admin/users');
      const reset = await boss.post(`/admin/users/${staff.id}/totp-reset`, { _csrf: csrfFrom(users.body) });
      assert.equal(reset.statusCode, 303);
      assert.equal((await app.users.get(staff.id)).totpEnabled, false);
      assert.equal((await c.get('/admin')).statusCode, 303, 'their sessions ended with the reset');
      const e = await signedIn(app, 'totp@news.test', PASSWORD, '192.0.2.79');
      assert.equal((await e.get('/admin')).statusCode, 200);
      assert.ok(sessionCookieName(e));
    });

    test('password change ends the other sessions and keeps this one', async () => {
      await makeStaff(app, 'moderator', 'pw@news.test');
      const one = await signedIn(app, 'pw@news.test');
      const two = await signedIn(app, 'pw@news.test', PASSWORD, '192.0.2.80');
      const token = csrfFrom((await one.get('/admin/account')).body);
      const wrong = await one.post('/admin/account/password', { _csrf: token, current: 'not my password', password: 'a brand new password', confirm: 'a brand new password' });
      assert.equal(wrong.statusCode, 422);
      assert.match(wrong.body, /is not your current password/);
      const ok = await one.post('/admin/account/password', { _csrf: token, current: PASSWORD, password: 'a brand new password', confirm: 'a brand new password' });
      assert.equal(ok.statusCode, 303);
      assert.equal((await one.get('/admin')).statusCode, 200, 'this browser got a fresh session');
      assert.equal((await two.get('/admin')).statusCode, 303, 'the other one is out');
      await signedIn(app, 'pw@news.test', 'a brand new password', '192.0.2.81');
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: cookies on an https site`, () => {
    test('session and CSRF cookies are __Host-, Secure, HttpOnly, SameSite=Lax, Path=/', async () => {
      const t = await createTestDb(dialect);
      const app = await createApp(testConfig(t.dataDir, { SITE_URL: 'https://news.test' }), { db: t.db, jobs: false });
      try {
        await app.users.create({ email: 'sec@news.test', name: 'Sec', role: 'editor', password: PASSWORD }, 'test');
        const page = await app.server.inject({ method: 'GET', url: '/admin/sign-in' });
        const pre = String(page.headers['set-cookie']);
        assert.match(pre, /^__Host-dl_csrf=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
        const token = csrfFrom(page.body);
        const res = await app.server.inject({
          method: 'POST',
          url: '/admin/sign-in',
          headers: { cookie: pre.split(';')[0], 'content-type': 'application/x-www-form-urlencoded', origin: 'https://news.test' },
          payload: new URLSearchParams({ _csrf: token, email: 'sec@news.test', password: PASSWORD }).toString(),
        });
        assert.equal(res.statusCode, 303);
        const set = [res.headers['set-cookie']].flat().join('\n');
        assert.match(set, /^__Host-dl_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/m);
        assert.doesNotMatch(set, /Domain=/i);
      } finally {
        await app.changes.stop();
        await app.server.close();
        await t.cleanup();
      }
    });
  });
}
