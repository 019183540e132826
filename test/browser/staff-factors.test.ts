import assert from 'node:assert/strict';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, skipWithoutChromium, watchPage } from '../helpers/browser.ts';
import { createTestApp, type TestApp } from '../helpers/dialects.ts';
import { freePort } from '../helpers/loopback.ts';

/**
 * Staff second factors as people use them, in Chromium under the strict
 * CSP: a passkey registered on the account page with the DevTools virtual
 * authenticator, then used to sign in alone and after the password; and a
 * TOTP enrolment forced by the required-factor setting, with codes computed
 * by otpauth, a replayed code refused and a recovery code used once.
 * WebAuthn needs a secure context and a domain for its RP ID, so the site
 * is http://localhost:<port> (SITE_URL names the relying party).
 */
const PASSWORD = 'correct horse battery staple';
/** Screenshots for docs/screenshots/ only when asked (SCREENSHOTS=1), so a test run leaves the tree clean. */
const SHOTS = process.env.SCREENSHOTS === '1' ? path.resolve(import.meta.dirname, '../../docs/screenshots') : null;

describe('browser: staff passkeys and two-step sign-in', { skip: skipWithoutChromium }, () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;

  before(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    app = await createTestApp('sqlite', undefined, { realClock: true, env: { SITE_URL: base } });
    await app.users.create({ email: 'chief@news.test', name: 'Leila Chief', role: 'admin', password: PASSWORD }, 'test');
    await app.users.create({ email: 'desk@news.test', name: 'Desk Editor', role: 'editor', password: PASSWORD }, 'test');
    await app.server.listen({ port, host: '127.0.0.1' });
    assert.equal((app.server.server.address() as AddressInfo).port, port);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await app?.cleanup();
  });

  async function passwordSignIn(page: Page, email: string, until: RegExp) {
    await page.goto(`${base}/admin/sign-in`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL(until), page.getByRole('button', { name: 'Sign in', exact: true }).click()]);
  }

  async function signOut(page: Page) {
    await Promise.all([page.waitForURL(`${base}/admin/sign-in`), page.getByRole('button', { name: 'Sign out', exact: true }).click()]);
  }

  async function withAuthenticator(context: BrowserContext, page: Page) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    });
    return { cdp, authenticatorId };
  }

  test('a passkey is registered on the account page, then signs in alone, and serves as the second step after the password', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchPage(page);
    const { cdp, authenticatorId } = await withAuthenticator(context, page);

    await passwordSignIn(page, 'chief@news.test', /\/admin$/);
    await page.goto(`${base}/admin/account`);
    await page.getByLabel('Name for a new passkey').fill('Test laptop');
    await Promise.all([page.waitForURL(/done=passkey$/), page.getByRole('button', { name: 'Add a passkey' }).click()]);
    assert.match(await page.locator('.passkey-list').innerText(), /Test laptop/);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(credentials.length, 1);
    assert.equal(credentials[0].isResidentCredential, true, 'discoverable, so it can sign in without an email');
    const [stored] = await app.db.kysely.selectFrom('passkeys').selectAll().execute();
    assert.equal(stored.name, 'Test laptop');
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'account-passkeys-1280.png'), fullPage: true });

    // Alone: no email, no password.
    await signOut(page);
    await Promise.all([page.waitForURL(`${base}/admin`), page.getByRole('button', { name: 'Use a passkey' }).click()]);
    assert.equal(await page.locator('h1').innerText(), 'Dashboard');
    const afterSignIn = await app.db.kysely.selectFrom('passkeys').selectAll().executeTakeFirstOrThrow();
    assert.ok(afterSignIn.last_used_at, 'use recorded');
    assert.ok(Number(afterSignIn.counter) > Number(stored.counter), 'the signature counter moved forward');
    const audit = await app.db.kysely.selectFrom('audit_entries').select(['action', 'detail']).where('action', '=', 'auth.sign-in').execute();
    assert.ok(audit.some((a) => String(a.detail).includes('passkey')), 'audited as a passkey sign-in');

    // After the password: the second step offers the passkey.
    await signOut(page);
    await passwordSignIn(page, 'chief@news.test', /\/admin\/sign-in\/code/);
    await Promise.all([page.waitForURL(`${base}/admin`), page.getByRole('button', { name: 'Use your passkey' }).click()]);
    assert.equal(await page.locator('h1').innerText(), 'Dashboard');

    // Removing it needs the password again.
    await page.goto(`${base}/admin/account`);
    await page.getByLabel('Your password, to remove “Test laptop”').fill('not my password');
    const [refused] = await Promise.all([page.waitForResponse((r) => r.url().includes('/remove')), page.getByRole('button', { name: 'Remove passkey' }).click()]);
    assert.equal(refused.status(), 422);
    await page.getByLabel('Your password, to remove “Test laptop”').fill(PASSWORD);
    await Promise.all([page.waitForURL(/done=passkey-removed/), page.getByRole('button', { name: 'Remove passkey' }).click()]);
    assert.equal((await app.db.kysely.selectFrom('passkeys').selectAll().execute()).length, 0);
    assert.deepEqual(problems.filter((p) => !/status of 422/.test(p)), []);
    await context.close();
  });

  test('an editor made to enrol: TOTP from the QR page with an app’s codes, a replayed code refused, a recovery code used once', async () => {
    await app.settings.update({ requireSecondFactorRoles: ['editor'] }, 'test');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems = watchPage(page);

    await passwordSignIn(page, 'desk@news.test', /\/admin\/account\?enrol=1$/);
    assert.match(await page.getByRole('alert').innerText(), /must use a second factor/);
    await page.goto(`${base}/admin/stories`);
    assert.equal(new URL(page.url()).pathname, '/admin/account', 'nothing else opens');

    await Promise.all([page.waitForURL(`${base}/admin/account/totp`), page.getByRole('button', { name: 'Set up two-step sign-in' }).click()]);
    const qr = page.locator('img.totp-qr');
    assert.ok(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the QR image rendered under the CSP');
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'totp-enrolment-1280.png'), fullPage: true });
    const secret = (await page.locator('.secret code').innerText()).replace(/\s/g, '');
    const app2fa = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
    await page.getByLabel('Code').fill(app2fa.generate());
    await Promise.all([page.waitForURL(/done=totp$/), page.getByRole('button', { name: 'Turn on' }).click()]);

    await Promise.all([page.waitForURL(/recovery-codes$/), page.getByRole('button', { name: 'Create recovery codes' }).click()]);
    const codes = (await page.locator('.recovery-codes code').allInnerTexts()).map((c) => c.trim());
    assert.equal(codes.length, 10);
    await page.goto(`${base}/admin/stories`);
    assert.equal(new URL(page.url()).pathname, '/admin/stories', 'enrolled: the newsroom is open');

    // Next step's code (this step's was spent enrolling): accepted once, refused when replayed.
    const code = app2fa.generate({ timestamp: Date.now() + 30_000 });
    await signOut(page);
    await passwordSignIn(page, 'desk@news.test', /\/admin\/sign-in\/code/);
    await page.getByLabel(/authenticator app/).fill(code);
    await Promise.all([page.waitForURL(`${base}/admin`), page.getByRole('button', { name: 'Verify' }).click()]);
    await signOut(page);
    await passwordSignIn(page, 'desk@news.test', /\/admin\/sign-in\/code/);
    await page.getByLabel(/authenticator app/).fill(code);
    const [replay] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/admin/sign-in/code') && r.request().method() === 'POST'), page.getByRole('button', { name: 'Verify' }).click()]);
    assert.equal(replay.status(), 422, 'the same code in its window is refused');
    await page.waitForLoadState();
    await page.getByLabel(/authenticator app/).fill(codes[3]);
    await Promise.all([page.waitForURL(`${base}/admin`), page.getByRole('button', { name: 'Verify' }).click()]);
    assert.equal(await page.locator('h1').innerText(), 'Dashboard', 'a recovery code in place of the app');
    assert.equal((await app.factors.summary((await app.users.list()).find((u) => u.email === 'desk@news.test')!.id)).recoveryCodesLeft, 9);
    assert.deepEqual(problems.filter((p) => !/status of 422/.test(p)), []);
    await app.settings.update({ requireSecondFactorRoles: [] }, 'test');
    await context.close();
  });
});
