import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchChromium, skipWithoutChromium, listenOnLoopback, signInThroughForm } from '../helpers/browser.ts';
import { makeStaff } from '../http/admin-auth-helpers.ts';
import { createNewsroomTestApp, type NewsroomTestApp } from '../http/admin-stories.harness.ts';
import { DIALECTS } from '../helpers/dialects.ts';

/**
 * A featured image uploaded the way people do it: choose the file, then type
 * the alt text and credit while the upload is still on its way, and press
 * the button before it lands. The words typed after the pick must reach the
 * library and the published page. The upload is held in the browser until
 * the words are typed, so the order is certain rather than a matter of speed.
 */
const dialect = DIALECTS[0];

describe(`${dialect}: featured image words typed after the file is chosen`, { skip: skipWithoutChromium }, () => {
  let app: NewsroomTestApp;
  let browser: Browser;
  let base: string;

  before(async () => {
    app = await createNewsroomTestApp(dialect);
    await app.sections.create({ name: 'World', slug: 'world' });
    await makeStaff(app as never, 'editor');
    base = await listenOnLoopback(app.server);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app.cleanup();
  });

  async function signIn(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await signInThroughForm(page, base);
    return page;
  }

  test('alt text and credit typed during the upload go out with the story', async () => {
    const page = await signIn();
    await page.goto(`${base}/admin/stories/new`);
    await page.waitForSelector('.story-prose');
    await page.fill('input[name=headline]', 'Ferry service resumes on the lake');
    await page.selectOption('select[name=section]', 'world');
    await page.click('.story-prose');
    await page.keyboard.type('The ferry ran again on Monday.');

    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let uploads = 0;
    await page.route(`${base}/admin/media`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      uploads++;
      await held;
      await route.continue();
    });

    await page.click('.featured-field summary');
    await page.click('button:has-text("Upload or pick another image")');
    const png = await sharp({ create: { width: 1200, height: 700, channels: 3, background: '#8f6f2f' } }).png().toBuffer();
    await page.setInputFiles('#image-file', { name: 'ferry.png', mimeType: 'image/png', buffer: png });
    await page.fill('#image-alt', 'A ferry leaving the pier at dawn');
    await page.fill('#image-credit', 'Lake Ferries Ltd');
    await page.click('#image-dialog button[type=submit]');
    release();
    await page.waitForSelector('.featured-field [role=status]:has-text("is the featured image")');
    assert.equal(uploads, 1, 'one upload');
    assert.equal(await page.locator('#image-dialog').evaluate((d) => (d as HTMLDialogElement).open), false, 'the dialog closed by itself once the upload landed');
    const featuredId = Number(await page.locator('input[name=featuredImageId]:checked').getAttribute('value'));
    assert.ok(featuredId > 0);

    await Promise.all([page.waitForURL(/done=published/), page.click('button[value=publish]')]);
    const id = Number(/\/admin\/stories\/(\d+)/.exec(page.url())?.[1]);
    const stored = await app.articles.get(id);
    assert.equal(stored.featuredImage?.id, featuredId);
    assert.equal(stored.featuredImage?.alt, 'A ferry leaving the pier at dawn');
    assert.equal(stored.featuredImage?.credit, 'Lake Ferries Ltd');

    const reader = await browser.newPage();
    await reader.goto(`${base}/news/${id}/${stored.slug}`);
    assert.equal(await reader.locator('img[alt="A ferry leaving the pier at dawn"]').count() >= 1, true, 'the public page carries the alt text');
    assert.equal(await reader.locator('.lead-image figcaption .credit').textContent(), 'Lake Ferries Ltd', 'and the credit');
  });
});
