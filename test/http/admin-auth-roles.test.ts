import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { ROLES, type Role } from '../../src/domain/access/index.ts';
import { DIALECTS, createTestApp, type TestApp } from '../helpers/dialects.ts';
import { PASSWORD, csrfFrom, makeStaff, signedIn, type Browser } from './admin-auth-helpers.ts';

interface Row {
  method: 'GET' | 'POST';
  path: string;
  fields?: () => Record<string, string>;
  /** Roles that may; every other role gets 403. */
  allowed: Role[];
  /** The status an allowed role gets. */
  ok: number;
}

const EVERYONE: Role[] = [...ROLES];
let seq = 0;

const TABLE: Row[] = [
  { method: 'GET', path: '/admin', allowed: EVERYONE, ok: 200 },
  { method: 'GET', path: '/admin/account', allowed: EVERYONE, ok: 200 },
  { method: 'GET', path: '/admin/users', allowed: ['admin'], ok: 200 },
  { method: 'GET', path: '/admin/settings', allowed: ['admin'], ok: 200 },
  { method: 'GET', path: '/admin/api-keys', allowed: ['admin'], ok: 200 },
  { method: 'GET', path: '/admin/audit', allowed: ['admin'], ok: 200 },
  { method: 'POST', path: '/admin/users', allowed: ['admin'], ok: 303, fields: () => ({ name: 'New Hire', email: `hire${++seq}@news.test`, role: 'contributor', password: 'a long enough password' }) },
  { method: 'POST', path: '/admin/settings', allowed: ['admin'], ok: 303, fields: () => ({ name: 'Daily', tagline: '', timeZone: 'Asia/Tehran', language: 'en', commentDefault: 'premoderated', logoUrl: '' }) },
  { method: 'POST', path: '/admin/api-keys', allowed: ['admin'], ok: 201, fields: () => ({ name: `importer ${++seq}`, role: 'author' }) },
  { method: 'POST', path: '/admin/users/TARGET/role', allowed: ['admin'], ok: 303, fields: () => ({ role: seq++ % 2 ? 'author' : 'editor' }) },
  { method: 'POST', path: '/admin/users/TARGET/totp-reset', allowed: ['admin'], ok: 303 },
  { method: 'POST', path: '/admin/account/totp/start', allowed: EVERYONE, ok: 303 },
  { method: 'GET', path: '/admin/sections', allowed: ['editor', 'admin'], ok: 200 },
  { method: 'GET', path: '/admin/tags', allowed: ['editor', 'admin'], ok: 200 },
  { method: 'GET', path: '/admin/people', allowed: ['editor', 'admin'], ok: 200 },
  { method: 'GET', path: '/admin/house-spellings', allowed: ['editor', 'admin'], ok: 200 },
  { method: 'POST', path: '/admin/sections', allowed: ['editor', 'admin'], ok: 303, fields: () => ({ name: `Desk ${++seq}` }) },
  { method: 'POST', path: '/admin/tags', allowed: ['editor', 'admin'], ok: 303, fields: () => ({ name: `Topic ${++seq}` }) },
  { method: 'POST', path: '/admin/people', allowed: ['editor', 'admin'], ok: 303, fields: () => ({ name: `Writer ${++seq}` }) },
  { method: 'POST', path: '/admin/house-spellings', allowed: ['editor', 'admin'], ok: 303, fields: () => ({ spelling: 'Qaani' }) },
];

for (const dialect of DIALECTS) {
  describe(`${dialect}: admin roles and pages`, () => {
    let app: TestApp;
    const as = new Map<Role, Browser>();
    let targetId = 0;
    before(async () => {
      app = await createTestApp(dialect);
      for (const role of ROLES) {
        await makeStaff(app, role);
        as.set(role, await signedIn(app, `${role}@news.test`));
      }
      targetId = (await makeStaff(app, 'contributor', 'target@news.test')).id;
    });
    after(async () => app?.cleanup());

    test('each role × each admin page and action: 200/201/303 when allowed, 403 otherwise', async () => {
      for (const row of TABLE) {
        for (const role of ROLES) {
          const b = as.get(role)!;
          const path = row.path.replace('TARGET', String(targetId));
          let status: number;
          if (row.method === 'GET') status = (await b.get(path)).statusCode;
          else {
            const token = csrfFrom((await b.get('/admin')).body);
            status = (await b.post(path, { _csrf: token, ...(row.fields?.() ?? {}) })).statusCode;
          }
          const want = row.allowed.includes(role) ? row.ok : 403;
          assert.equal(status, want, `${role} ${row.method} ${path}`);
        }
      }
      // The 403 page names the reason and still carries the member's navigation.
      const denied = await as.get('contributor')!.get('/admin/users');
      assert.match(denied.body, /Your role \(contributor\) does not allow this page/);
      assert.match(denied.body, /href="\/admin\/stories"/);
      assert.doesNotMatch(denied.body, /href="\/admin\/users"/);
    });

    test('navigation follows the role', async () => {
      const nav = async (role: Role) => [...(await as.get(role)!.get('/admin')).body.matchAll(/<nav class="admin-nav"[\s\S]*?<\/nav>/g)][0][0];
      const mod = await nav('moderator');
      assert.match(mod, /\/admin\/comments/);
      assert.doesNotMatch(mod, /\/admin\/stories|\/admin\/users/);
      const ed = await nav('editor');
      assert.match(ed, /\/admin\/sections/);
      assert.doesNotMatch(ed, /\/admin\/comments|\/admin\/settings/);
      const admin = await nav('admin');
      for (const p of ['stories', 'media', 'sections', 'tags', 'people', 'comments', 'users', 'settings', 'api-keys', 'audit']) assert.match(admin, new RegExp(`/admin/${p}"`));
    });

    test('users admin: create (422 keeps input, 409 duplicate), role change and disabling end their sessions', async () => {
      const admin = as.get('admin')!;
      const token = csrfFrom((await admin.get('/admin/users')).body);
      const bad = await admin.post('/admin/users', { _csrf: token, name: '<b>Ed</b>\u202E', email: 'not-an-email', role: 'overlord', password: 'a long enough password' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /value="not-an-email"/);
      assert.match(bad.body, /must be an email address/);
      assert.match(bad.body, /invisible or control characters/);
      assert.match(bad.body, /must be contributor, author/);
      assert.doesNotMatch(bad.body, /<b>Ed<\/b>/, 'escaped, never interpreted');
      assert.doesNotMatch(bad.body, /a long enough password/);
      const dup = await admin.post('/admin/users', { _csrf: token, name: 'Dup', email: 'EDITOR@news.test', role: 'editor', password: 'a long enough password' });
      assert.equal(dup.statusCode, 409);
      assert.match(dup.body, /already exists/);

      const victim = await makeStaff(app, 'author', 'promoted@news.test');
      const vb = await signedIn(app, 'promoted@news.test');
      assert.equal((await admin.post(`/admin/users/${victim.id}/role`, { _csrf: token, role: 'editor' })).statusCode, 303);
      assert.equal((await app.users.get(victim.id)).role, 'editor');
      assert.equal((await vb.get('/admin')).statusCode, 303, 'role change ended the session');
      const vb2 = await signedIn(app, 'promoted@news.test');
      assert.equal((await admin.post(`/admin/users/${victim.id}/disable`, { _csrf: token })).statusCode, 303);
      assert.equal((await vb2.get('/admin')).statusCode, 303, 'disabling ended the session');
      await assert.rejects(signedIn(app, 'promoted@news.test'), /sign-in failed: 401/);
      assert.equal((await admin.post(`/admin/users/${victim.id}/enable`, { _csrf: token })).statusCode, 303);
      await signedIn(app, 'promoted@news.test');
      assert.equal((await admin.post('/admin/users/abc/role', { _csrf: token, role: 'editor' })).statusCode, 404);
      assert.equal((await admin.post('/admin/users/999999/role', { _csrf: token, role: 'editor' })).statusCode, 404);
    });

    test('the last active admin cannot be demoted or disabled', async () => {
      const admin = as.get('admin')!;
      const me = (await app.users.list()).find((u) => u.email === 'admin@news.test')!;
      const token = csrfFrom((await admin.get('/admin/users')).body);
      const demote = await admin.post(`/admin/users/${me.id}/role`, { _csrf: token, role: 'editor' });
      assert.equal(demote.statusCode, 409);
      assert.match(demote.body, /at least one active admin/);
      assert.equal((await admin.post(`/admin/users/${me.id}/disable`, { _csrf: token })).statusCode, 409);
      assert.equal((await app.users.get(me.id)).role, 'admin');
    });

    test('settings: 422 re-renders with the input and a message by the field; saved values are audited', async () => {
      const admin = as.get('admin')!;
      const token = csrfFrom((await admin.get('/admin/settings')).body);
      const bad = await admin.post('/admin/settings', { _csrf: token, name: 'Kept Name', tagline: 't', timeZone: 'Mars/Olympus', language: 'en', commentDefault: 'open', logoUrl: '' });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /value="Kept Name"/);
      assert.match(bad.body, /must be an IANA time zone/);
      const ok = await admin.post('/admin/settings', { _csrf: token, name: 'Tehran Times', tagline: 'Daily', timeZone: 'Asia/Tehran', language: 'fa', commentDefault: 'closed', logoUrl: '/media/logo.png' });
      assert.equal(ok.statusCode, 303);
      const s = await app.settings.get();
      assert.deepEqual([s.name, s.timeZone, s.language, s.commentDefault, s.logoUrl], ['Tehran Times', 'Asia/Tehran', 'fa', 'closed', '/media/logo.png']);
      const audit = await admin.get('/admin/audit');
      assert.match(audit.body, /settings\.update/);
      assert.match(audit.body, /timeZone/);
      const fields = { _csrf: token, name: 'Tehran Times', tagline: 'Daily', timeZone: 'Asia/Tehran', language: 'fa', commentDefault: 'closed', logoUrl: '/media/logo.png' };
      assert.equal((await admin.post('/admin/settings', { ...fields, blockPublishOnCheckErrors: 'on' })).statusCode, 303);
      assert.equal((await app.settings.get()).blockPublishOnCheckErrors, true);
      assert.match((await admin.get('/admin/settings')).body, /name="blockPublishOnCheckErrors" value="on" checked/);
      const entries = async () => (await app.auditLog.list(200, 0)).filter((e) => e.action === 'settings.update').length;
      const n = await entries();
      assert.equal((await admin.post('/admin/settings', { ...fields, blockPublishOnCheckErrors: 'on' })).statusCode, 303);
      assert.equal(await entries(), n, 'a save that changes nothing is not audited');
      assert.equal((await admin.post('/admin/settings', fields)).statusCode, 303);
      assert.equal((await app.settings.get()).blockPublishOnCheckErrors, false, 'an unticked box turns it off');
      assert.equal(await entries(), n + 1);
      // The confidence threshold of the editorial checks: picked from a list, refused when not a number.
      assert.equal((await admin.post('/admin/settings', { ...fields, checksMinConfidence: '0.7' })).statusCode, 303);
      assert.equal((await app.settings.get()).checksMinConfidence, 0.7);
      assert.match((await admin.get('/admin/settings')).body, /<option value="0.7" selected>/);
      const nan = await admin.post('/admin/settings', { ...fields, checksMinConfidence: 'lots' });
      assert.equal(nan.statusCode, 422);
      assert.match(nan.body, /must be a number from 0 to 1/);
      assert.equal((await app.settings.get()).checksMinConfidence, 0.7, 'nothing written');
    });

    test('settings: a logo picked from the library shows in the masthead; bad picks and unsafe URLs change nothing', async () => {
      const admin = as.get('admin')!;
      const png = await sharp({ create: { width: 800, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
      const logo = await app.media.importImage(png, { alt: 'Masthead logo', caption: '', credit: 'Design desk', originalName: 'logo.png' });
      const form = { name: 'Logo Daily', tagline: '', timeZone: 'UTC', language: 'en', commentDefault: 'open', logoUrl: '' };
      const token = csrfFrom((await admin.get('/admin/settings')).body);
      const picked = await admin.post('/admin/settings', { _csrf: token, ...form, logoImage: String(logo.id) });
      assert.equal(picked.statusCode, 303);
      const url = (await app.settings.get()).logoUrl;
      assert.match(url, new RegExp(`^/media/${logo.key}/.+\\.webp$`));
      const home = await app.server.inject({ url: '/' });
      assert.ok(home.body.includes(`<img class="brand-logo" src="${url}" alt="Logo Daily"`), 'the masthead shows the logo with the name as alt');
      const page = (await admin.get('/admin/settings')).body;
      assert.match(page, new RegExp(`id="logoImage-${logo.id}" name="logoImage" value="${logo.id}" checked`));
      for (const [fields, message] of [
        [{ logoImage: '987654' }, /is not an image of the media library/],
        [{ logoImage: 'x; drop' }, /is not an image of the media library/],
        [{ logoUrl: 'javascript:alert(1)' }, /must be empty, a site path/],
        [{ logoUrl: '//evil.example/logo.png' }, /must be empty, a site path/],
        [{ logoUrl: '/media/a.png" onerror="x' }, /must be empty, a site path/],
      ] as const) {
        const bad = await admin.post('/admin/settings', { _csrf: token, ...form, name: 'Changed', ...fields });
        assert.equal(bad.statusCode, 422, JSON.stringify(fields));
        assert.match(bad.body, message);
        const s = await app.settings.get();
        assert.deepEqual([s.name, s.logoUrl], ['Logo Daily', url], 'nothing saved');
      }
      const https = await admin.post('/admin/settings', { _csrf: token, ...form, logoUrl: 'https://cdn.example/logo.png' });
      assert.equal(https.statusCode, 303);
      assert.equal((await app.settings.get()).logoUrl, 'https://cdn.example/logo.png');
      assert.ok(!(await app.server.inject({ url: '/' })).body.includes('brand-logo'), 'the CSP loads images from this site only: the name stays in text');
      const cleared = await admin.post('/admin/settings', { _csrf: token, ...form });
      assert.equal(cleared.statusCode, 303);
      assert.equal((await app.settings.get()).logoUrl, '');
    });

    test('API keys: the key is shown once, works on the Admin API, and revoking it stops it', async () => {
      const admin = as.get('admin')!;
      const token = csrfFrom((await admin.get('/admin/api-keys')).body);
      const created = await admin.post('/admin/api-keys', { _csrf: token, name: 'Wire importer', role: 'editor' });
      assert.equal(created.statusCode, 201);
      const key = /<code>(dl_[A-Za-z0-9_-]+)<\/code>/.exec(created.body)![1];
      const me = await app.server.inject({ method: 'GET', url: '/api/admin/v1/me', headers: { authorization: `Bearer ${key}` } });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().key.role, 'editor');
      const list = await admin.get('/admin/api-keys');
      assert.ok(!list.body.includes(key), 'never shown again');
      const id = (await app.apiKeys.list()).find((k) => k.name === 'Wire importer')!.id;
      assert.equal((await admin.post(`/admin/api-keys/${id}/revoke`, { _csrf: token })).statusCode, 303);
      assert.equal((await app.server.inject({ method: 'GET', url: '/api/admin/v1/me', headers: { authorization: `Bearer ${key}` } })).statusCode, 401);
      const empty = await admin.post('/admin/api-keys', { _csrf: token, name: '', role: 'root' });
      assert.equal(empty.statusCode, 422);
    });

    test('the audit log records sign-ins, failures, sign-outs and role changes', async () => {
      const b = await signedIn(app, 'author@news.test', PASSWORD, '192.0.2.200');
      await b.post('/admin/sign-out', { _csrf: csrfFrom((await b.get('/admin')).body) });
      const x = await signedIn(app, 'admin@news.test', PASSWORD, '192.0.2.201');
      const lines = await app.auditLog.list(200, 0);
      const actions = new Set(lines.map((l) => l.action));
      for (const a of ['auth.sign-in', 'auth.sign-in-failed', 'auth.sign-out', 'user.role', 'user.disable', 'user.create', 'apikey.create', 'apikey.revoke', 'settings.update']) assert.ok(actions.has(a), a);
      const page = await x.get('/admin/audit');
      assert.match(page.body, /auth\.sign-out/);
    });
  });
}
