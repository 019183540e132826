import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, skipWithoutChromium, listenOnLoopback, signInThroughForm } from '../helpers/browser.ts';
import { publishedStory } from '../domain/comments-helpers.ts';
import { createCommentsTestApp, postValid, type CommentsTestApp } from '../http/comments-client.ts';
import { makeStaff } from '../http/admin-auth-helpers.ts';

/** Screenshots for docs/screenshots/ are written only when asked (SCREENSHOTS=1), so a test run leaves the tree clean. */
const SHOTS = process.env.SCREENSHOTS === '1' ? path.resolve(import.meta.dirname, '../../docs/screenshots') : null;

describe('browser: a moderator sees what waits, gets a confirmation, is asked before destroying, edits the rules', { skip: skipWithoutChromium }, () => {
  let app: CommentsTestApp;
  let browser: Browser;
  let base: string;
  let bridge: number;
  before(async () => {
    app = await createCommentsTestApp('sqlite');
    bridge = await publishedStory(app, 'Bridge closes for repairs');
    const market = await publishedStory(app, 'Market reopens');
    await app.settings.update({ timeZone: 'Asia/Tehran' });
    await postValid(app, bridge, { name: 'Ana', body: 'Will the buses be diverted?' });
    await postValid(app, bridge, { name: 'Ben', body: 'Spam spam spam, buy now' });
    await postValid(app, market, { name: 'Cyrus', body: 'Good news for the stallholders.' });
    await makeStaff(app, 'moderator');
    await makeStaff(app, 'admin');
    base = await listenOnLoopback(app.server);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app.cleanup();
  });

  test('nav count, waiting by story, local times, the approve flash, and a delete that asks first', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInThroughForm(page, base, 'moderator@news.test');
    assert.equal((await page.locator('.admin-nav a[href="/admin/comments"] .count-badge').innerText()).trim(), '3');
    await page.goto(`${base}/admin/comments`);
    await page.locator('.desk-by-story summary').click();
    assert.match(await page.locator('.desk-by-story').innerText(), /Bridge closes for repairs\s*2[\s\S]*Market reopens\s*1/);
    assert.match(await page.locator('.desk-story time').first().innerText(), /^May 21, 2026 - 13:\d\d$/);
    assert.match(await page.locator('.notice-info').innerText(), /Mail is not configured/);
    // Destructive buttons are drawn apart: another colour than approve.
    const colour = (sel: string) => page.locator(sel).first().evaluate((b) => getComputedStyle(b).color);
    assert.notEqual(await colour('button[data-action="delete"]'), await colour('button[data-action="approve"]'));
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'desk-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'desk-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    const item = (text: string) => page.locator('.desk-item', { hasText: text });
    await item('buses').locator('button[data-action="approve"]').click();
    await page.waitForURL(/done=/);
    assert.match(await page.locator('.notice-success').innerText(), /^Done: approve #\d+\.$/);
    assert.equal((await page.locator('.admin-nav .count-badge').innerText()).trim(), '2');

    await item('Spam spam').locator('button[data-action="delete"]').click();
    await page.locator('.confirm-action').waitFor();
    assert.match(await page.locator('.confirm-action').innerText(), /Delete this comment for good\?[\s\S]*Spam spam spam/);
    await page.getByRole('link', { name: 'Cancel' }).click();
    assert.equal(await item('Spam spam').count(), 1, 'cancel deletes nothing');
    await item('Spam spam').locator('button[data-action="delete"]').click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await page.waitForURL(/done=delete/);
    assert.equal(await item('Spam spam').count(), 0);
    await page.close();
  });

  test('the digest setting: an hour or off, kept in the edition’s zone; with no mail, the settings, the desk and the reader’s checkbox say so', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInThroughForm(page, base, 'admin@news.test');
    await page.goto(`${base}/admin/settings`);
    assert.match(await page.locator('.notice-info').innerText(), /Mail is not configured: set SMTP_URL/);
    const digest = page.locator('select[name="moderatorDigestHour"]');
    assert.equal(await digest.inputValue(), 'off');
    assert.match(await page.locator('#f-moderatorDigestHour ~ .field-hint').innerText(), /edition’s time zone \(Asia\/Tehran\)[\s\S]*Needs mail/);
    await digest.selectOption('7');
    await page.getByRole('button', { name: /save/i }).click();
    await page.waitForURL(/saved/);
    assert.match(await page.locator('.notice-success').innerText(), /Settings saved/);
    assert.equal(await page.locator('select[name="moderatorDigestHour"]').inputValue(), '7', 'the saved hour is shown back');
    assert.equal((await app.settings.get()).moderatorDigestHour, 7);
    await page.locator('#f-moderatorDigestHour').scrollIntoViewIfNeeded();
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'settings-digest-1280.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    // On a phone the settings must fit the screen: nothing wider than it, so no sideways scrolling.
    const wide = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      past: [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > 390.5).slice(0, 3).map((e) => `${e.tagName.toLowerCase()}#${e.id}`),
    }));
    assert.ok(wide.page <= 390, `the settings page is ${wide.page} px wide at 390: ${wide.past.join(', ')}`);
    await page.locator('#f-moderatorDigestHour').scrollIntoViewIfNeeded();
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'settings-digest-390.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.locator('select[name="moderatorDigestHour"]').selectOption('off');
    await page.getByRole('button', { name: /save/i }).click();
    await page.waitForURL(/saved/);
    assert.equal((await app.settings.get()).moderatorDigestHour, null, 'off again');

    await page.goto(`${base}/admin/comments`);
    assert.match(await page.locator('.notice-info').innerText(), /Mail is not configured/);
    // The reader's side: the notification box cannot be ticked, and says why.
    const a = await app.articles.get(bridge);
    await page.goto(`${base}/news/${a.id}/${a.slug}#comment-form`);
    const box = page.locator('#c-notify');
    await box.waitFor({ state: 'visible' });
    assert.equal(await box.isDisabled(), true);
    assert.match(await page.locator('#c-notify-off').innerText(), /does not send email/);
    if (SHOTS) {
      await page.locator('#c-notify').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, 'comment-notify-no-mail-1280.png') });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.locator('#c-notify').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, 'comment-notify-no-mail-390.png') });
    }
    await page.close();
  });

  test('the rules page: a refused word saved there stops a look-alike spelling of it', async () => {
    const page = await browser.newPage();
    await signInThroughForm(page, base, 'moderator@news.test');
    await page.goto(`${base}/admin/comments`);
    await page.getByRole('link', { name: 'Comment rules' }).click();
    await page.fill('textarea[name="rejectWords"]', 'casino');
    await page.fill('input[name="maxLinks"]', 'many');
    await page.getByRole('button', { name: 'Save rules' }).click();
    assert.match(await page.locator('.notice-error').innerText(), /Nothing was saved/);
    assert.equal(await page.inputValue('textarea[name="rejectWords"]'), 'casino', 'what was typed comes back');
    await page.fill('input[name="maxLinks"]', '2');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.waitForURL(/saved=1/);
    assert.deepEqual((await app.commentModeration.rules()).rejectWords, ['casino']);
    const refused = await postValid(app, bridge, { body: 'Best \u0441\u0430sino in town' });
    assert.equal(refused.statusCode, 422);
    await page.close();
  });
});

if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
