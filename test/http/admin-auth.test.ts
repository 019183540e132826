import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS, createTestApp, type TestApp } from '../helpers/dialects.ts';
import { PASSWORD, browser, csrfFrom, makeStaff, sessionCookieName, signedIn } from './admin-auth-helpers.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: admin sign-in, sessions and CSRF`, () => {
    let app: TestApp;
    before(async () => {
      app = await createTestApp(dialect);
      await makeStaff(app, 'admin');
      await makeStaff(app, 'editor');
    });
    after(async () => app?.cleanup());

    test('signed-out GET redirects to sign-in with next; POST gets 401; pages are no-store', async () => {
      const b = browser(app);
      const r = await b.get('/admin/users');
      assert.equal(r.statusCode, 303);
      assert.equal(r.headers.location, '/admin/sign-in?next=%2Fadmin%2Fusers');
      assert.equal(r.headers['cache-control'], 'no-store');
      const p = await b.post('/admin/settings', { name: 'x' });
      assert.equal(p.statusCode, 401);
      const s = await b.get('/admin/sign-in');
      assert.equal(s.statusCode, 200);
      assert.equal(s.headers['cache-control'], 'no-store');
      assert.match(s.body, /name="password"/);
    });

    test('sign-in sets an HttpOnly SameSite=Lax session cookie and shows the dashboard', async () => {
      const b = await signedIn(app, 'editor@news.test');
      const name = sessionCookieName(b);
      assert.equal(name, 'dl_session', 'http SITE_URL: no __Host- prefix possible');
      const d = await b.get('/admin');
      assert.equal(d.statusCode, 200);
      assert.match(d.body, /Welcome, <bdi>Editor Person<\/bdi>/);
      assert.equal(d.headers['cache-control'], 'no-store');
    });

    test('fixation: a planted cookie is replaced at sign-in, and neither it nor the signed-out cookie works', async () => {
      const b = browser(app);
      b.jar.cookies.set('dl_session', 'attacker-chosen-value');
      const token = await b.csrf('/admin/sign-in');
      const res = await b.post('/admin/sign-in', { _csrf: token, email: 'editor@news.test', password: PASSWORD, next: '/admin' });
      assert.equal(res.statusCode, 303);
      const issued = b.jar.cookies.get('dl_session')!;
      assert.notEqual(issued, 'attacker-chosen-value');
      assert.match(issued, /^[A-Za-z0-9_-]{43}$/);
      const planted = await app.server.inject({ method: 'GET', url: '/admin', headers: { cookie: 'dl_session=attacker-chosen-value' } });
      assert.equal(planted.statusCode, 303);
      assert.match(String(planted.headers.location), /^\/admin\/sign-in/);

      // A valid session cookie held before sign-in is also dropped, not adopted.
      const old = issued;
      const again = await b.post('/admin/sign-in', { _csrf: token, email: 'editor@news.test', password: PASSWORD, next: '/admin' });
      assert.equal(again.statusCode, 303);
      assert.notEqual(b.jar.cookies.get('dl_session'), old);
      assert.equal((await app.server.inject({ method: 'GET', url: '/admin', headers: { cookie: `dl_session=${old}` } })).statusCode, 303);

      const current = b.jar.cookies.get('dl_session')!;
      const out = await b.post('/admin/sign-out', { _csrf: csrfFrom((await b.get('/admin')).body) });
      assert.equal(out.statusCode, 303);
      assert.equal(out.headers.location, '/admin/sign-in');
      const replay = await app.server.inject({ method: 'GET', url: '/admin', headers: { cookie: `dl_session=${current}` } });
      assert.equal(replay.statusCode, 303, 'the signed-out id is dead server-side');
      const replayPost = await app.server.inject({ method: 'POST', url: '/admin/sign-out', headers: { cookie: `dl_session=${current}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: '_csrf=x' });
      assert.equal(replayPost.statusCode, 401);
    });

    test('idle timeout (2 h) and absolute timeout (12 h) follow the clock', async () => {
      const b = await signedIn(app, 'editor@news.test');
      app.clock.advance(119 * 60_000);
      assert.equal((await b.get('/admin')).statusCode, 200, 'active just inside the idle window');
      app.clock.advance(2 * 3600_000 + 1000);
      assert.equal((await b.get('/admin')).statusCode, 303, 'idle past 2 h');

      const c = await signedIn(app, 'editor@news.test');
      for (let h = 0; h < 11; h++) {
        app.clock.advance(3600_000);
        assert.equal((await c.get('/admin')).statusCode, 200, `still in after ${h + 1} h of activity`);
      }
      app.clock.advance(3600_000);
      assert.equal((await c.get('/admin')).statusCode, 303, 'gone at 12 h however active');
    });

    test('sign out everywhere ends every session of the member', async () => {
      const one = await signedIn(app, 'editor@news.test');
      const two = await signedIn(app, 'editor@news.test', PASSWORD, '198.51.100.2');
      const res = await one.post('/admin/sign-out-everywhere', { _csrf: csrfFrom((await one.get('/admin')).body) });
      assert.equal(res.statusCode, 303);
      assert.equal((await two.get('/admin')).statusCode, 303);
      assert.equal((await one.get('/admin')).statusCode, 303);
    });

    test('CSRF: no token, a wrong token, or a cross-site origin is 403 and changes nothing', async () => {
      const b = await signedIn(app, 'admin@news.test');
      const before = (await app.settings.get()).name;
      const token = csrfFrom((await b.get('/admin/settings')).body);
      const fields = { name: 'Hijacked', tagline: '', timeZone: 'UTC', language: 'en', commentDefault: 'open', logoUrl: '' };
      assert.equal((await b.post('/admin/settings', fields)).statusCode, 403, 'no token');
      assert.equal((await b.post('/admin/settings', { ...fields, _csrf: 'A'.repeat(43) })).statusCode, 403, 'wrong token');
      const other = await signedIn(app, 'editor@news.test');
      const foreign = csrfFrom((await other.get('/admin')).body);
      assert.equal((await b.post('/admin/settings', { ...fields, _csrf: foreign })).statusCode, 403, "another session's token");
      const cross = await b.post('/admin/settings', { ...fields, _csrf: token }, { origin: 'https://evil.test' });
      assert.equal(cross.statusCode, 403, 'cross-origin Origin, even with the right token');
      const site = await b.post('/admin/settings', { ...fields, _csrf: token }, { 'sec-fetch-site': 'cross-site' });
      assert.equal(site.statusCode, 403, 'Sec-Fetch-Site: cross-site');
      const nul = await b.post('/admin/settings', { ...fields, _csrf: token }, { origin: 'null' });
      assert.equal(nul.statusCode, 403, 'opaque origin without Sec-Fetch-Site');
      const both = await b.post('/admin/settings', { ...fields, _csrf: token }, { origin: 'http://news.test', 'sec-fetch-site': 'same-site' });
      assert.equal(both.statusCode, 403, 'a sibling subdomain is not this origin');
      const plain = await app.server.inject({ method: 'POST', url: '/admin/settings', headers: { cookie: b.jar.header(), 'content-type': 'text/plain', origin: 'https://evil.test' }, payload: `_csrf=${token}&name=Hijacked` });
      assert.equal(plain.statusCode, 403, 'text/plain no-cors form');
      assert.equal((await app.settings.get()).name, before);
      const get = await b.get('/admin/settings?name=Hijacked&_csrf=' + token);
      assert.equal(get.statusCode, 200);
      assert.equal((await app.settings.get()).name, before, 'GET never changes state');
      const ok = await b.post('/admin/settings', { ...fields, name: 'The Evening Dateline', _csrf: token }, { origin: 'http://news.test', 'sec-fetch-site': 'same-origin' });
      assert.equal(ok.statusCode, 303);
      assert.equal((await app.settings.get()).name, 'The Evening Dateline');
    });

    test('CSRF on the sign-in form: no pre-session token → 403, cross-site → 403', async () => {
      const b = browser(app);
      const token = await b.csrf('/admin/sign-in');
      assert.equal((await b.post('/admin/sign-in', { email: 'editor@news.test', password: PASSWORD })).statusCode, 403);
      assert.equal((await b.post('/admin/sign-in', { _csrf: token, email: 'editor@news.test', password: PASSWORD }, { origin: 'https://evil.test' })).statusCode, 403);
      assert.equal(sessionCookieName(b), undefined);
    });

    test('enumeration: unknown email and wrong password get the same 401 page', async () => {
      const b = browser(app, '192.0.2.50');
      const token = await b.csrf('/admin/sign-in');
      const unknown = await b.post('/admin/sign-in', { _csrf: token, email: 'nobody@news.test', password: 'wrong password 123' });
      const wrong = await b.post('/admin/sign-in', { _csrf: token, email: 'admin@news.test', password: 'wrong password 123' });
      assert.equal(unknown.statusCode, 401);
      assert.equal(wrong.statusCode, 401);
      const norm = (s: string) => s.replaceAll('nobody@news.test', 'EMAIL').replaceAll('admin@news.test', 'EMAIL');
      assert.equal(norm(unknown.body), norm(wrong.body));
      assert.match(unknown.body, /The email or password is not right/);
      assert.doesNotMatch(wrong.body, /wrong password 123/, 'the password is never echoed');
      await app.users.setDisabled((await app.users.list()).find((u) => u.email === 'editor@news.test')!.id, true, 'test');
      const disabled = await b.post('/admin/sign-in', { _csrf: token, email: 'editor@news.test', password: PASSWORD });
      assert.equal(disabled.statusCode, 401);
      assert.equal(norm(disabled.body.replaceAll('editor@news.test', 'EMAIL')), norm(wrong.body));
      await app.users.setDisabled((await app.users.list()).find((u) => u.email === 'editor@news.test')!.id, false, 'test');
    });

    test('throttle: the 10th wrong password from one IP is 429 with Retry-After; another IP still signs in', async () => {
      await makeStaff(app, 'author', 'victim@news.test');
      const attacker = browser(app, '198.51.100.66');
      const token = await attacker.csrf('/admin/sign-in');
      for (let i = 1; i <= 9; i++) {
        const r = await attacker.post('/admin/sign-in', { _csrf: token, email: 'victim@news.test', password: `guess number ${i}` });
        assert.equal(r.statusCode, 401, `attempt ${i}`);
      }
      const tenth = await attacker.post('/admin/sign-in', { _csrf: token, email: 'victim@news.test', password: 'guess number 10' });
      assert.equal(tenth.statusCode, 429);
      assert.ok(Number(tenth.headers['retry-after']) > 0);
      const right = await attacker.post('/admin/sign-in', { _csrf: token, email: 'victim@news.test', password: PASSWORD });
      assert.equal(right.statusCode, 429, 'blocked even with the right password from that address');
      const victim = await signedIn(app, 'victim@news.test', PASSWORD, '203.0.113.99');
      assert.equal((await victim.get('/admin')).statusCode, 200, 'the real user gets in from elsewhere');
      app.clock.advance(61_000);
      const later = await attacker.post('/admin/sign-in', { _csrf: token, email: 'victim@news.test', password: 'guess number 11' });
      assert.equal(later.statusCode, 429, 'after the first block the next failure blocks again, longer');
      assert.ok(Number(later.headers['retry-after']) > 60);
    });
  });
}
