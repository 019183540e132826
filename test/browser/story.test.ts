import { launchChromium, skipWithoutChromium, listenOnLoopback } from '../helpers/browser.ts';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { parseArticleInput, type Article } from '../../src/domain/articles/index.ts';
import { createTestApp, type TestApp } from '../helpers/dialects.ts';

/**
 * What a reader sees in a real browser: the story page under the strict CSP,
 * its image loaded, no console errors. Screenshots go to /tmp for a human
 * (or the next engineer) to judge the design.
 */

const BODY = [
  'Esmail Qaani, the commander of the Quds Force, told state television on Friday that the talks would continue.',
  '"We are not in a hurry," he said, according to the official news agency.',
  '## A long road',
  'Diplomats in Vienna said the sides had narrowed their differences but that several issues remained open.',
  '> The negotiations are at a delicate stage, one envoy said.',
  '## What comes next',
  'A new round is expected next week. Officials did not give a date.',
].join('\n\n');

describe('browser: the story page as a reader sees it', { skip: skipWithoutChromium }, () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  let story: Article;

  before(async () => {
    app = await createTestApp('sqlite');
    await app.settings.update({ timeZone: 'Asia/Tehran' });
    await app.sections.create({ name: 'Middle East', slug: 'middle-east' });
    await app.sections.create({ name: 'Business', slug: 'business' });
    await app.people.create({ name: 'Sara Ahmadi', slug: 'sara-ahmadi' });
    const png = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#2f5d8a' } })
      .composite([{ input: Buffer.from('<svg width="1600" height="900"><circle cx="800" cy="450" r="300" fill="#e8c468"/></svg>') }])
      .png()
      .toBuffer();
    const image = await app.media.importImage(png, { alt: 'Azadi Square at dusk', caption: 'Azadi Square in Tehran.', credit: 'Photo: Staff' });
    story = await app.articles.create(
      parseArticleInput({
        headline: 'Talks will continue, Quds Force commander says',
        dek: 'A rare public appearance by the commander, weeks before the next round.',
        dateline: 'Tehran',
        section: 'middle-east',
        bylines: ['sara-ahmadi'],
        tags: ['Iran', 'Diplomacy'],
        status: 'published',
        publishedAt: '2021-05-21T13:45:00Z',
        featuredImageId: image.id,
        bodyMarkdown: BODY,
      }, 'create'),
      'test',
    );
    await app.articles.create(parseArticleInput({ headline: 'Markets rally on hopes of a deal', section: 'business', status: 'published', tags: ['Iran'], dek: 'The rial firmed.' }, 'create'), 'test');
    base = await listenOnLoopback(app.server);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await app?.cleanup();
  });

  /** Opens a page and collects everything the console or the page complains about (CSP reports included). */
  async function open(url: string, width: number): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
    const res = await page.goto(base + url, { waitUntil: 'load' });
    assert.equal(res?.status(), 200, url);
    return { page, problems };
  }

  /** Lazy images load once scrolled to; wait for the decode rather than for a fixed time. */
  async function naturalWidth(img: ReturnType<Page['locator']>): Promise<number> {
    await img.scrollIntoViewIfNeeded();
    return img.evaluate(
      (el: HTMLImageElement) =>
        new Promise<number>((resolve) => {
          if (el.complete) return resolve(el.naturalWidth);
          el.addEventListener('load', () => resolve(el.naturalWidth), { once: true });
          el.addEventListener('error', () => resolve(0), { once: true });
        }),
    );
  }

  test('headline, dateline, byline, time, image and comments heading, with no console errors', async () => {
    const { page, problems } = await open(`/news/${story.id}/${story.slug}`, 1280);
    assert.equal(await page.locator('h1').innerText(), 'Talks will continue, Quds Force commander says');
    assert.equal(await page.locator('.story-body p').first().locator('.dateline').innerText(), 'TEHRAN –');
    assert.match(await page.locator('.story-body p').first().innerText(), /^TEHRAN – Esmail Qaani/);
    assert.equal(await page.locator('.story-header .byline').innerText(), 'By Sara Ahmadi');
    const time = page.locator('.timestamps time').first();
    assert.equal(await time.innerText(), 'May 21, 2021 - 18:15');
    assert.equal(await time.getAttribute('datetime'), '2021-05-21T18:15:00+04:30');
    assert.ok((await naturalWidth(page.locator('.lead-image img'))) > 0, 'the lead image loaded');
    // The page ends with the comment section: its count, then Leave a Comment, whose form comments.js shows.
    assert.equal(await page.locator('#comments-h').innerText(), '0 comments');
    const leave = page.locator('#comments #leave-comment');
    assert.equal(await leave.innerText(), 'Leave a Comment');
    assert.ok(await leave.isVisible(), 'Leave a Comment is visible');
    assert.ok(await page.locator('#comment-form #c-name').isVisible(), 'with JavaScript on, the form is shown');
    // The stylesheet applied (CSP allows it): the headline is in a serif face and the body measure is bounded.
    assert.match(await page.locator('h1').evaluate((el) => getComputedStyle(el).fontFamily), /serif/i);
    assert.ok((await page.locator('.story-body').evaluate((el) => el.getBoundingClientRect().width)) < 900);
    await page.screenshot({ path: '/tmp/dateline-story-1280.png', fullPage: true });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the story reads on a phone, with the skip link working from the keyboard', async () => {
    const { page, problems } = await open(`/news/${story.id}/${story.slug}`, 390);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling on a phone (overflow ${overflow}px)`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await page.screenshot({ path: '/tmp/dateline-story-390.png', fullPage: true });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the home page renders, lead story first', async () => {
    const { page, problems } = await open('/', 1280);
    assert.equal(await page.locator('h1').innerText(), 'The Dateline Daily');
    assert.equal(await page.locator('.lead .card-title').innerText(), 'Markets rally on hopes of a deal');
    assert.ok((await naturalWidth(page.locator('.card-media img').first())) > 0, 'the card image loaded');
    await page.screenshot({ path: '/tmp/dateline-home-1280.png', fullPage: true });
    const phone = await open('/', 390);
    await phone.page.screenshot({ path: '/tmp/dateline-home-390.png', fullPage: true });
    assert.deepEqual([...problems, ...phone.problems], []);
    await page.close();
    await phone.page.close();
  });

  test('the 404 page is a styled page, not a bare status', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const res = await page.goto(`${base}/news/999999/nothing`);
    assert.equal(res?.status(), 404);
    assert.equal(await page.locator('h1').innerText(), 'Page not found');
    assert.equal(await page.locator('.sections-nav a').first().innerText(), 'Home');
    await page.close();
  });
});
