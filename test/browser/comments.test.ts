import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, listenOnLoopback } from '../helpers/browser.ts';
import { publishedStory } from '../domain/comments-helpers.ts';
import { createCommentsTestApp, storyUrl, type CommentsTestApp } from '../http/comments-client.ts';
import { makeStaff, PASSWORD } from '../http/admin-auth-helpers.ts';

/** The site's minimum time from form to submit is 4 s; a person takes longer, and so does this test. */
const READING_MS = 4_500;

/** Records dialogs (an XSS would open one) and CSP violations (our widget must run under the strict policy). */
async function watch(page: Page): Promise<{ dialogs: string[]; csp: () => Promise<string[]> }> {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { dialogs, csp: () => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => []) };
}

describe('browser: Leave a Comment with JavaScript on and off, then moderation', () => {
  let app: CommentsTestApp;
  let browser: Browser;
  let base: string;
  let story: number;
  before(async () => {
    app = await createCommentsTestApp('sqlite', { realClock: true });
    story = await publishedStory(app, 'Tehran council meets');
    // Both readers come from 127.0.0.1; the 15 s flood rule is tested elsewhere.
    await app.comments.settings.updateRules({ floodSeconds: 1 });
    base = await listenOnLoopback(app.server);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app.cleanup();
  });

  test('JS on: the proof-of-work widget solves its challenge; the comment is posted without a reload and held', async () => {
    const page = await browser.newPage();
    const w = await watch(page);
    await page.goto(`${base}${await storyUrl(app, story)}`, { waitUntil: 'networkidle' });
    await page.locator('#comment-form').waitFor({ state: 'visible' });
    assert.equal(await page.locator('[data-comment-form-link]').isVisible(), false);
    // The challenge (and with it the form's clock) starts when the reader starts on the form.
    const started = Date.now();
    await page.fill('#c-name', 'Script Reader');
    await page.fill('#c-email', 'js@example.org');
    await page.fill('#c-body', 'Posted with JavaScript <img src=x onerror=alert(1)>');
    await page.waitForFunction(() => (document.querySelector('input[name="altcha"]') as HTMLInputElement | null)?.value, null, { timeout: 30_000 });
    await page.waitForTimeout(Math.max(0, READING_MS - (Date.now() - started)));
    const url = page.url();
    await page.click('#comment-form button[type="submit"]');
    await page.locator('.comment-notice').filter({ hasText: 'held for moderation' }).waitFor();
    assert.equal(page.url(), url, 'no page load');
    assert.deepEqual(await w.csp(), []);
    assert.deepEqual(w.dialogs, []);
    await page.close();
  });

  test('JS off: the reader follows the link, answers the arithmetic question, and is told it awaits moderation', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${base}${await storyUrl(app, story)}`);
    assert.equal(await page.locator('#comment-form').isVisible(), false);
    await page.click('text=Or write your comment on a page of its own');
    const started = Date.now();
    const label = await page.locator('label[for="c-captcha"]').innerText();
    const m = /(\d+) \+ (\d+) =/.exec(label);
    assert.ok(m, `question: ${label}`);
    await page.fill('#c-name', 'Plain Reader');
    await page.fill('#c-email', 'nojs@example.org');
    await page.fill('#c-body', 'Posted without JavaScript');
    await page.fill('#c-captcha', String(Number(m[1]) + Number(m[2])));
    await page.waitForTimeout(Math.max(0, READING_MS - (Date.now() - started)));
    await page.click('#comment-form button[type="submit"]');
    await page.locator('.comment-notice').filter({ hasText: 'held for moderation' }).waitFor();
    await ctx.close();
    const pending = await app.commentModeration.list('pending', { articleId: story });
    assert.deepEqual(pending.items.map((c) => c.authorName).sort(), ['Plain Reader', 'Script Reader']);
  });

  test('a moderator signs in, approves one and rejects the other on the desk; the story shows exactly the approved one, inert', async () => {
    await makeStaff(app, 'moderator');
    const page = await browser.newPage();
    const w = await watch(page);
    await page.goto(`${base}/admin/sign-in`);
    await page.fill('input[name="email"]', 'moderator@news.test');
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('form button[type="submit"]');
    await page.waitForURL(/\/admin(\?|$|\/)/);
    await page.goto(`${base}/admin/comments?queue=pending`);
    const item = (name: string) => page.locator('.desk-item', { hasText: name });
    await item('Script Reader').locator('button[data-action="approve"]').click();
    await page.waitForURL(/done=/);
    await item('Plain Reader').locator('button[data-action="reject"]').click();
    await page.waitForURL(/done=reject/);
    assert.equal(await page.locator('.desk-item').count(), 0);
    await page.goto(`${base}${await storyUrl(app, story)}`);
    const items = page.locator('.comment-list .comment');
    assert.equal(await items.count(), 1);
    assert.match(await items.first().innerText(), /Posted with JavaScript <img src=x onerror=alert\(1\)>/);
    assert.equal(await page.locator('.comment-list img').count(), 0);
    assert.equal(await page.getByText('Posted without JavaScript').count(), 0);
    assert.deepEqual(w.dialogs, []);
    assert.deepEqual(await w.csp(), []);
    await page.close();
  });
});
