import { launchChromium, skipWithoutChromium, listenOnLoopback, watchPage } from '../helpers/browser.ts';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../helpers/dialects.ts';

/**
 * The newsroom sign-in as a person does it: the real form in Chromium under
 * the strict CSP, the dashboard, sign-out; a contributor is refused the
 * users page. Screenshots go to /tmp for a human to judge the design.
 */
const PASSWORD = 'correct horse battery staple';

describe('browser: newsroom sign-in', { skip: skipWithoutChromium }, () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;

  before(async () => {
    app = await createTestApp('sqlite');
    await app.users.create({ email: 'chief@news.test', name: 'Leila Chief', role: 'admin', password: PASSWORD }, 'test');
    await app.users.create({ email: 'cub@news.test', name: 'Cub Reporter', role: 'contributor', password: PASSWORD }, 'test');
    await app.users.create({ email: 'desk@news.test', name: 'Desk Editor', role: 'editor', password: PASSWORD }, 'test');
    base = await listenOnLoopback(app.server);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await app?.cleanup();
  });

  async function signIn(page: Page, email: string, next = '') {
    await page.goto(`${base}/admin/sign-in${next}`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/admin/sign-in')), page.getByRole('button', { name: 'Sign in' }).click()]);
  }

  test('an admin signs in through the form, sees the dashboard, and signs out', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const problems = watchPage(page);
    const gate = await page.goto(`${base}/admin/users`);
    assert.equal(new URL(page.url()).pathname, '/admin/sign-in', 'sent to sign in');
    assert.equal(gate?.status(), 200);
    await page.screenshot({ path: '/tmp/dateline-admin-signin.png', fullPage: true });

    // A wrong password first: 401, the email kept, the password field empty.
    await page.getByLabel('Email').fill('chief@news.test');
    await page.getByLabel('Password').fill('not the password');
    const [bad] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/admin/sign-in') && r.request().method() === 'POST'), page.getByRole('button', { name: 'Sign in' }).click()]);
    assert.equal(bad.status(), 401);
    await page.waitForLoadState();
    assert.match(await page.getByRole('alert').innerText(), /email or password is not right/);
    assert.equal(await page.getByLabel('Email').inputValue(), 'chief@news.test');
    assert.equal(await page.getByLabel('Password').inputValue(), '');

    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL(`${base}/admin/users`), page.getByRole('button', { name: 'Sign in' }).click()]);
    assert.equal(await page.locator('h1').innerText(), 'Users', 'next= brought them back to where they were going');

    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL(`${base}/admin`);
    assert.equal(await page.locator('h1').innerText(), 'Dashboard');
    assert.match(await page.locator('.lead').innerText(), /Welcome, Leila Chief\. You are signed in as admin\./);
    const nav = await page.locator('.admin-nav').innerText();
    for (const label of ['Stories', 'Media', 'Comments', 'Users', 'Settings', 'API keys', 'Audit log']) assert.match(nav, new RegExp(label));
    // The stylesheet applied under the CSP: the header is dark, the nav sits beside the content.
    assert.equal(await page.locator('.admin-header').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(27, 31, 36)');
    await page.screenshot({ path: '/tmp/dateline-admin-dashboard.png', fullPage: true });

    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'dl_session');
    assert.ok(session?.httpOnly, 'HttpOnly');
    assert.equal(session?.sameSite, 'Lax');
    // The one cookie script can read is the staff hint for the public pages' Edit link: no secret in it.
    assert.equal(await page.evaluate(() => document.cookie), 'dl_staff=1', 'no secret readable by script');
    // No broken assets on a page (favicon included).
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await page.reload();
    assert.deepEqual(failed, []);

    await Promise.all([page.waitForURL(`${base}/admin/sign-in`), page.getByRole('button', { name: 'Sign out' }).click()]);
    await page.goto(`${base}/admin`);
    assert.equal(new URL(page.url()).pathname, '/admin/sign-in', 'signed out for real');
    // The one complaint allowed is the deliberate 401 of the wrong password.
    assert.deepEqual(problems.filter((p) => !/status of 401/.test(p)), []);
    await context.close();
  });

  test('a contributor gets 403 on /admin/users and sees no Users link', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const problems = watchPage(page);
    await signIn(page, 'cub@news.test');
    assert.equal(new URL(page.url()).pathname, '/admin');
    const nav = await page.locator('.admin-nav').innerText();
    assert.doesNotMatch(nav, /Users|Settings|Audit log/);
    const res = await page.goto(`${base}/admin/users`);
    assert.equal(res?.status(), 403);
    assert.equal(await page.locator('h1').innerText(), 'Not allowed');
    await page.screenshot({ path: '/tmp/dateline-admin-403.png', fullPage: true });
    // The 403 is a console "Failed to load resource" error in Chromium; nothing else may complain.
    assert.deepEqual(problems.filter((p) => !/status of 403/.test(p)), []);
    await context.close();
  });

  test('a form posted without its CSRF token is refused with a readable page, and nothing is created', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await signIn(page, 'desk@news.test');
    await page.goto(`${base}/admin/tags`);
    await page.getByLabel('Name', { exact: true }).fill('Forged topic');
    // What a forged or stale form amounts to: the same form without its token.
    await page.evaluate(() => document.querySelector('form[action="/admin/tags"] input[name="_csrf"]')?.remove());
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/admin/tags') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Add tag' }).click(),
    ]);
    assert.equal(res.status(), 403);
    await page.waitForLoadState();
    assert.match(await page.getByRole('alert').innerText(), /did not come from this site/);
    assert.equal((await app.tags.list()).some((t) => t.name === 'Forged topic'), false);
    // The real form, token and all, works.
    await page.goto(`${base}/admin/tags`);
    await page.getByLabel('Name', { exact: true }).fill('Real topic');
    await Promise.all([page.waitForURL(/done=created/), page.getByRole('button', { name: 'Add tag' }).click()]);
    assert.equal((await app.tags.list()).some((t) => t.name === 'Real topic'), true);
    await context.close();
  });

  test('the tenth wrong password in a row is throttled (429), and says so', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const statuses: number[] = [];
    for (let i = 1; i <= 10; i++) {
      await page.goto(`${base}/admin/sign-in`);
      await page.getByLabel('Email').fill('cub@news.test');
      await page.getByLabel('Password').fill(`wrong password ${i}`);
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/admin/sign-in') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ]);
      statuses.push(res.status());
      await page.waitForLoadState();
    }
    assert.deepEqual(statuses, [...Array(9).fill(401), 429]);
    assert.match(await page.getByRole('alert').innerText(), /too many|try again/i);
    // Even the right password is refused while the block runs.
    await page.goto(`${base}/admin/sign-in`);
    await page.getByLabel('Email').fill('cub@news.test');
    await page.getByLabel('Password').fill(PASSWORD);
    const [blocked] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/admin/sign-in') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    assert.equal(blocked.status(), 429);
    await page.screenshot({ path: '/tmp/dateline-admin-throttled.png', fullPage: true });
    await context.close();
  });
});
