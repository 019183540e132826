import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { browser, csrfFrom, makeStaff, signedIn, type Browser } from './admin-auth-helpers.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

/** The second-factor endpoints over HTTP: the settings form, and the passkey JSON endpoints under hostile input. */
for (const dialect of DIALECTS) {
  describe(`${dialect}: second factors over HTTP`, () => {
    let app: TestApp;
    before(async () => {
      app = await createTestApp(dialect);
      await makeStaff(app, 'admin', 'chief@news.test');
    });
    after(async () => app?.cleanup());

    async function json(b: Browser, url: string, payload: string, headers: Record<string, string> = {}) {
      return app.server.inject({
        method: 'POST',
        url,
        remoteAddress: b.ip,
        headers: { cookie: b.jar.header(), 'content-type': 'application/json', accept: 'application/json', ...headers },
        payload,
      });
    }

    test('settings: the role checkboxes set the rule; a form without them leaves it; an unknown role is 422 with nothing saved', async () => {
      const b = await signedIn(app, 'chief@news.test');
      const csrf = csrfFrom((await b.get('/admin/settings')).body);
      const base = { _csrf: csrf, name: 'The Daily', tagline: '', timeZone: 'UTC', language: 'en', commentDefault: 'premoderated', logoUrl: '' };
      const res = await app.server.inject({
        method: 'POST',
        url: '/admin/settings',
        remoteAddress: b.ip,
        headers: { cookie: b.jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams([...Object.entries(base), ['factorRolesShown', '1'], ['requireSecondFactorRoles', 'editor'], ['requireSecondFactorRoles', 'author']]).toString(),
      });
      assert.equal(res.statusCode, 303);
      assert.deepEqual((await app.settings.get()).requireSecondFactorRoles, ['author', 'editor']);
      assert.match((await b.get('/admin/settings')).body, /value="editor" checked/);
      assert.equal((await b.post('/admin/settings', { ...base, name: 'The Daily 2' })).statusCode, 303);
      assert.deepEqual((await app.settings.get()).requireSecondFactorRoles, ['author', 'editor'], 'untouched by a form without the fieldset');
      const bad = await b.post('/admin/settings', { ...base, factorRolesShown: '1', requireSecondFactorRoles: 'owner' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /list of distinct roles/);
      assert.deepEqual((await app.settings.get()).requireSecondFactorRoles, ['author', 'editor']);
      // Once the admin's own role is listed (they have no factor), from the next request only the account page opens.
      await app.settings.update({ requireSecondFactorRoles: ['admin'] }, 'test');
      assert.equal((await b.get('/admin/users')).headers.location, '/admin/account?enrol=1');
      await app.settings.update({ requireSecondFactorRoles: [] }, 'test');
    });

    test('passkey sign-in endpoints: CSRF header required; options are usernameless for this RP; hostile answers are 4xx and then throttled', async () => {
      const b = browser(app, '198.51.100.20');
      const token = csrfFrom((await b.get('/admin/sign-in')).body);
      assert.equal((await json(b, '/admin/sign-in/passkey/options', '{}')).statusCode, 403, 'no token');
      const opts = await json(b, '/admin/sign-in/passkey/options', '{}', { 'x-csrf-token': token });
      assert.equal(opts.statusCode, 200);
      const o = opts.json();
      assert.equal(o.rpId, 'news.test');
      assert.deepEqual(o.allowCredentials ?? [], []);
      assert.equal(o.userVerification, 'required');
      assert.equal((await json(b, '/admin/sign-in/second/options', '{}', { 'x-csrf-token': token })).statusCode, 401, 'no half session');

      const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: o.challenge, origin: 'http://news.test' })).toString('base64url');
      const hostile = [
        '{}',
        '[]',
        '"x"',
        '{"response": "x"}',
        '{"response": {"id": 1, "response": {"clientDataJSON": 7}}}',
        JSON.stringify({ response: { id: 'x'.repeat(5000), response: { clientDataJSON, authenticatorData: '', signature: '' } } }),
        JSON.stringify({ response: { id: 'bm9uZQ', response: { clientDataJSON, authenticatorData: '', signature: '' } }, next: '//evil.test' }),
      ];
      for (const payload of hostile) {
        const r = await json(b, '/admin/sign-in/passkey', payload, { 'x-csrf-token': token });
        assert.equal(r.statusCode, 401, payload.slice(0, 60));
        assert.equal(r.headers['set-cookie'], undefined, 'no session for a failed answer');
      }
      assert.equal((await json(b, '/admin/sign-in/passkey', '{not json', { 'x-csrf-token': token })).statusCode, 400);
      assert.equal((await json(b, '/admin/sign-in/passkey', JSON.stringify({ pad: 'x'.repeat(70_000) }), { 'x-csrf-token': token })).statusCode, 413);

      let last = 0;
      for (let i = 0; i < 50 && last !== 429; i++) last = (await json(b, '/admin/sign-in/passkey', '{}', { 'x-csrf-token': token })).statusCode;
      assert.equal(last, 429, 'failures per address are limited like passwords');
      const blocked = await json(b, '/admin/sign-in/passkey', '{}', { 'x-csrf-token': token });
      assert.equal(blocked.statusCode, 429);
      assert.ok(Number(blocked.headers['retry-after']) > 0);

      // Challenges for anonymous callers are a quota per address, and expired ones are pruned as new ones are made.
      const c = browser(app, '198.51.100.21');
      const t2 = csrfFrom((await c.get('/admin/sign-in')).body);
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) statuses.push((await json(c, '/admin/sign-in/passkey/options', '{}', { 'x-csrf-token': t2 })).statusCode);
      assert.deepEqual(statuses, [...Array(29).fill(200), 429, 429]);
      app.clock.advance(10 * 60_000);
      assert.equal((await json(c, '/admin/sign-in/passkey/options', '{}', { 'x-csrf-token': t2 })).statusCode, 200);
      const live = await app.db.kysely.selectFrom('auth_challenges').select('expires_at').execute();
      assert.ok(live.every((r) => Date.parse(r.expires_at) > app.clock.now().getTime()), 'only live challenges remain');
    });

    test('passkey registration options: discoverable, user-verified, for this member only; a challenge is stored per request', async () => {
      const b = await signedIn(app, 'chief@news.test', undefined, '198.51.100.30');
      const csrf = csrfFrom((await b.get('/admin/account')).body);
      assert.equal((await json(b, '/admin/account/passkeys/options', '{}')).statusCode, 403, 'no token');
      const res = await json(b, '/admin/account/passkeys/options', '{}', { 'x-csrf-token': csrf });
      assert.equal(res.statusCode, 200);
      const o = res.json();
      assert.equal(o.rp.id, 'news.test');
      assert.equal(o.user.name, 'chief@news.test');
      assert.equal(o.authenticatorSelection.residentKey, 'required');
      assert.equal(o.authenticatorSelection.userVerification, 'required');
      const row = await app.db.kysely.selectFrom('auth_challenges').selectAll().where('challenge', '=', o.challenge).executeTakeFirstOrThrow();
      assert.equal(row.purpose, 'register');
      const garbage = await json(b, '/admin/account/passkeys', JSON.stringify({ response: { response: { clientDataJSON: 'e30' } }, name: 'x' }), { 'x-csrf-token': csrf });
      assert.equal(garbage.statusCode, 401);
      assert.equal((await app.db.kysely.selectFrom('passkeys').selectAll().execute()).length, 0);
    });
  });
}
