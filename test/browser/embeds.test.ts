import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page, Request } from 'playwright-core';
import sharp from 'sharp';
import type { SafeFetch } from '../../src/domain/shared/safe-fetch.ts';
import { launchChromium, skipWithoutChromium, signInThroughForm, listenOnLoopback } from '../helpers/browser.ts';
import { createTestApp, type TestApp } from '../helpers/dialects.ts';
import { makeStaff } from '../http/admin-auth-helpers.ts';

/**
 * Embeds in a real Chromium. The reader: the facade loads nothing from a
 * third party (every request is recorded), a click puts in YouTube's
 * player frame, the CSP lets in that origin and refuses another; without
 * JavaScript the facade is a link. The editor: pasting a video address on
 * a line of its own makes an embed, which saves. Third-party requests are
 * answered by a stand-in (the network is closed); CSP is checked before
 * any request leaves, so a refused frame never reaches the stand-in.
 * Screenshots: /tmp/embeds-*.png.
 */
const YT = 'dQw4w9WgXcQ';

describe('browser: embeds', { skip: skipWithoutChromium }, () => {
  let app: TestApp;
  let browser: Browser;
  let base = '';
  let storyPath = '';

  before(async () => {
    const png = await sharp({ create: { width: 480, height: 360, channels: 3, background: '#8a2f2f' } }).png().toBuffer();
    const fakeFetch: SafeFetch = async (url) => {
      if (url.startsWith('https://www.youtube.com/oembed')) return { url, contentType: 'application/json', body: Buffer.from(JSON.stringify({ title: 'Never Gonna Give You Up', thumbnail_url: 'https://i.ytimg.com/vi/x/hq.jpg' })) };
      if (url.startsWith('https://i.ytimg.com/')) return { url, contentType: 'image/png', body: png };
      throw new Error('offline');
    };
    app = await createTestApp('sqlite', undefined, { embedFetch: fakeFetch, realClock: true });
    await makeStaff(app as never, 'editor');
    const key = (await app.apiKeys.create('k', 'editor', 'test')).key;
    const res = await app.server.inject({
      method: 'POST',
      url: '/api/admin/v1/articles',
      headers: { authorization: `Bearer ${key}` },
      payload: { headline: 'The song that never ends', status: 'published', bodyMarkdown: `The video, as promised.\n\nhttps://youtu.be/${YT}\n\nThat was it.` },
    });
    assert.equal(res.statusCode, 201, res.body);
    storyPath = new URL(res.json().article.url).pathname;
    base = await listenOnLoopback(app.server);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.cleanup();
  });

  test('facade without a third-party request; a click loads YouTube’s player; the CSP frames only YouTube', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // A stand-in for the player, so the frame has something to show.
    await context.route(/^https:\/\//, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<body style="background:#111;color:#fff;font:20px sans-serif">Player stand-in</body>' }));
    const page = await context.newPage();
    const requests: string[] = [];
    const violations: string[] = [];
    page.on('request', (r: Request) => requests.push(r.url()));
    page.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
    const res = await page.goto(base + storyPath);
    assert.equal(res?.status(), 200);
    const csp = (await res!.allHeaders())['content-security-policy'];
    assert.match(csp, /frame-src 'self' https:\/\/www\.youtube-nocookie\.com$/);
    await page.waitForLoadState('networkidle');
    await page.locator('.embed').scrollIntoViewIfNeeded();
    assert.equal(await page.locator('.embed-title').innerText(), 'Never Gonna Give You Up');
    assert.ok(await page.locator('.embed-media img').evaluate((i) => (i as HTMLImageElement).naturalWidth > 0), 'our copy of the thumbnail loaded');
    await page.screenshot({ path: '/tmp/embeds-facade.png', fullPage: true });
    const foreign = requests.filter((u) => !u.startsWith(base));
    assert.deepEqual(foreign, [], 'no request leaves our origin before the click');

    const player = page.waitForRequest((r) => r.url().startsWith('https://www.youtube-nocookie.com/embed/'));
    await page.click('.embed-facade');
    const frame = page.locator('figure.embed iframe.embed-frame');
    await frame.waitFor();
    assert.equal(await frame.getAttribute('src'), `https://www.youtube-nocookie.com/embed/${YT}?autoplay=1`);
    assert.equal((await player).url(), `https://www.youtube-nocookie.com/embed/${YT}?autoplay=1`, 'the player was requested after the click');
    await page.frameLocator('iframe.embed-frame').locator('body:has-text("Player stand-in")').waitFor();
    assert.deepEqual(violations, []);
    await page.screenshot({ path: '/tmp/embeds-playing.png', fullPage: true });

    // Another provider's frame on this page is refused by the page's CSP: it never reaches the network.
    const blocked = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(`${e.violatedDirective} ${e.blockedURI}`), { once: true });
          const f = document.createElement('iframe');
          f.src = 'https://player.vimeo.com/video/76979871';
          document.body.append(f);
        }),
    );
    assert.match(blocked, /^frame-src https:\/\/player\.vimeo\.com/);
    assert.ok(!requests.some((u) => u.includes('vimeo.com')), 'the refused frame made no request');
    await context.close();
  });

  test('without JavaScript the facade is a link to the video', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(base + storyPath);
    assert.equal(await page.locator('a.embed-facade').getAttribute('href'), `https://www.youtube.com/watch?v=${YT}`);
    assert.deepEqual(requests.filter((u) => !u.startsWith(base)), []);
    await page.locator('.embed').scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/embeds-nojs-390.png' });
    await context.close();
  });

  test('editor: a video address pasted on a line of its own becomes an embed, and saves as one', async () => {
    const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signInThroughForm(page, base);
    await page.goto(`${base}/admin/stories/new`);
    await page.waitForSelector('.story-prose');
    await page.fill('input[name=headline]', 'Pasted video');
    await page.click('.story-prose');
    await page.keyboard.type('First line.');
    const paste = (text: string) =>
      page.evaluate((t) => {
        const dt = new DataTransfer();
        dt.setData('text/plain', t);
        document.querySelector('.story-prose')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      }, text);
    // In a sentence it stays text (a link at most), not an embed.
    await paste(' https://vimeo.com/76979871');
    assert.equal(await page.locator('.story-prose figure.story-embed').count(), 0);
    await page.keyboard.press('Enter');
    await paste(`https://www.youtube.com/watch?v=${YT}`);
    await page.waitForSelector('.story-prose figure.story-embed');
    assert.match(await page.locator('.story-embed-provider').innerText(), /^Embedded YouTube$/i);
    // A look-alike host is not an embed.
    await page.keyboard.type('After.');
    await page.keyboard.press('Enter');
    await paste(`https://www.youtube.com.evil.test/watch?v=${YT}`);
    assert.equal(await page.locator('.story-prose figure.story-embed').count(), 1);
    await page.screenshot({ path: '/tmp/embeds-editor.png', fullPage: true });

    await page.evaluate(() => (window as unknown as { storyEditor: { autosave(): Promise<void> } }).storyEditor.autosave());
    await page.waitForSelector('#save-status:has-text("Draft saved")');
    const id = Number(/\/admin\/stories\/(\d+)$/.exec(page.url())?.[1]);
    const stored = await app.articles.get(id);
    const embeds = stored.body.content.filter((b) => b.type === 'embed');
    assert.equal(embeds.length, 1);
    assert.equal(embeds[0].type === 'embed' && embeds[0].attrs.url, `https://www.youtube.com/watch?v=${YT}`);
    assert.equal(embeds[0].type === 'embed' && embeds[0].attrs.title, 'Never Gonna Give You Up', 'the server filled in the title on save');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
