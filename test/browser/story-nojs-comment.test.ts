import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, skipWithoutChromium, listenOnLoopback } from '../helpers/browser.ts';
import { publishedStory } from '../domain/comments-helpers.ts';
import { createCommentsTestApp, storyUrl, type CommentsTestApp } from '../http/comments-client.ts';

/** The site's minimum time from form to submit is 4 s; a person takes longer, and so does this test. */
const READING_MS = 4_500;
/** Screenshots for docs/screenshots/ only when asked (SCREENSHOTS=1). */
const SHOTS = process.env.SCREENSHOTS === '1' ? path.resolve(import.meta.dirname, '../../docs/screenshots') : null;

describe('browser, JavaScript off: read the story, answer the question on the same page, be told it is held', { skip: skipWithoutChromium }, () => {
  let app: CommentsTestApp;
  let browser: Browser;
  let base: string;
  let story: number;
  before(async () => {
    app = await createCommentsTestApp('sqlite', { realClock: true });
    story = await publishedStory(app, 'Night buses return to the ring road');
    base = await listenOnLoopback(app.server);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app.cleanup();
  });

  for (const width of [1280, 390]) {
    test(`${width} px: the form and its arithmetic question sit under "Leave a Comment"; the post answers in place`, async () => {
      const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 } });
      const page = await ctx.newPage();
      const csp: string[] = [];
      page.on('console', (m) => (/Content Security Policy|Refused to frame/.test(m.text()) ? csp.push(m.text()) : undefined));
      const url = `${base}${await storyUrl(app, story)}`;
      await page.goto(url);
      await page.locator('h3#leave-comment').scrollIntoViewIfNeeded();
      const frame = page.frameLocator('iframe.comment-frame');
      const label = await frame.locator('label[for="c-captcha"]').innerText();
      const m = /(\d+) \+ (\d+) =/.exec(label);
      assert.ok(m, `question: ${label}`);
      const started = Date.now();
      await frame.locator('#c-name').fill(`Plain Reader ${width}`);
      await frame.locator('#c-email').fill(`nojs${width}@example.org`);
      await frame.locator('#c-body').fill(`Read and answered on the story page at ${width} px`);
      await frame.locator('#c-captcha').fill(String(Number(m[1]) + Number(m[2])));
      if (SHOTS) await page.locator('.comments').screenshot({ path: path.join(SHOTS, `story-nojs-form-${width}.png`) });
      await new Promise((r) => setTimeout(r, Math.max(0, READING_MS - (Date.now() - started))));
      await frame.locator('#comment-form button[type="submit"]').click();
      await frame.locator('.comment-notice').filter({ hasText: 'held for moderation' }).waitFor();
      assert.equal(page.url(), url, 'the reader never left the story');
      assert.deepEqual(csp, []);
      await ctx.close();
      const pending = await app.commentModeration.list('pending', { articleId: story });
      assert.ok(pending.items.some((c) => c.authorName === `Plain Reader ${width}`));
    });
  }

  test('JavaScript on: the frame is never loaded (no question is spent), the widget form is used instead', async () => {
    const page = await browser.newPage();
    const frames: string[] = [];
    page.on('request', (r) => (r.url().includes('/comment-frame') ? frames.push(r.url()) : undefined));
    await page.goto(`${base}${await storyUrl(app, story)}`, { waitUntil: 'networkidle' });
    await page.locator('#comment-form').waitFor({ state: 'visible' });
    assert.deepEqual(frames, []);
    assert.equal(await page.locator('iframe').count(), 0);
    await page.close();
  });
});
