import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, listenOnLoopback, signInThroughForm } from '../helpers/browser.ts';
import sharp from 'sharp';
import { makeStaff } from '../http/admin-auth-helpers.ts';
import { createNewsroomTestApp, type NewsroomTestApp } from '../http/admin-stories.harness.ts';
import { DIALECTS } from '../helpers/dialects.ts';

/**
 * The story editor in a real Chromium: sign in, write a story with two
 * subheadings, a quote, a pull quote and an uploaded image, schedule it a
 * minute ahead on the app's test clock, and see it on the public site.
 * Screenshots go to /tmp/editor-*.png. Runs on the first configured dialect:
 * the HTTP suites cover both.
 */
const dialect = DIALECTS[0];

describe(`${dialect}: story editor in Chromium`, () => {
  let app: NewsroomTestApp;
  let browser: Browser;
  let base: string;
  const errors: string[] = [];

  before(async () => {
    app = await createNewsroomTestApp(dialect);
    await app.settings.update({ timeZone: 'Asia/Tehran' });
    await app.sections.create({ name: 'World', slug: 'world' });
    await app.people.create({ name: 'Sara Ahmadi' });
    await app.people.create({ name: 'Omid Karimi', roleTitle: 'Transport reporter' });
    await makeStaff(app as never, 'editor');
    await makeStaff(app as never, 'contributor');
    base = await listenOnLoopback(app.server);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app.cleanup();
  });

  async function signIn(email: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await signInThroughForm(page, base, email);
    return page;
  }

  test('write, illustrate, schedule and publish a story; the public page shows it', async () => {
    const page = await signIn('editor@news.test');
    await page.goto(`${base}/admin/stories/new`);
    await page.waitForSelector('.story-prose');
    assert.equal(await page.isHidden('#body-markdown'), true, 'the Markdown fallback gives way to the editor');
    await page.fill('input[name=headline]', 'Tehran commuters return as metro line reopens');
    await page.fill('textarea[name=dek]', 'Line 7 runs again after a month of repairs.');
    await page.fill('input[name=dateline]', 'Tehran');
    await page.selectOption('select[name=section]', 'world');
    // Bylines: chosen from the newsroom's people, then put in order.
    await page.selectOption('#byline-add', 'sara-ahmadi');
    await page.selectOption('#byline-add', 'omid-karimi');
    await page.click('button[aria-label="Move Omid Karimi up"]');
    assert.deepEqual(await page.locator('.byline-name').allInnerTexts(), ['Omid Karimi', 'Sara Ahmadi']);
    assert.equal(await page.inputValue('input[name=bylines]'), 'omid-karimi, sara-ahmadi');

    const tool = (name: string) => page.click(`.editor-toolbar button[data-tool="${name}"]`);
    await page.click('.story-prose');
    await page.keyboard.type('Trains ran again on Line 7 on Sunday, the operator said.');
    await page.keyboard.press('Enter');
    await tool('Subheading');
    await page.keyboard.type('Crowds at Sadeghieh');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Platforms filled within minutes of the first train.');
    await page.keyboard.press('Enter');
    await tool('Block quote');
    await page.keyboard.type('“We waited a month for this,” one commuter told reporters.');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await tool('Subheading');
    await page.keyboard.type('What comes next');
    await page.keyboard.press('Enter');
    await page.keyboard.type('The operator said two more stations reopen in June.');
    await page.keyboard.press('Enter');
    await tool('Pull quote (with attribution)');
    await page.keyboard.type('We waited a month for this.');
    await page.fill('.pull-quote-footer input', 'A commuter at Sadeghieh');
    await page.press('.pull-quote-footer input', 'Tab');

    // Image: upload into the media library from the editor, describe it, insert it.
    await page.click('.story-prose p:last-of-type');
    await page.keyboard.press('End');
    await tool('Insert an image from the media library');
    const png = await sharp({ create: { width: 1200, height: 700, channels: 3, background: '#2f6f8f' } }).png().toBuffer();
    await page.setInputFiles('#image-file', { name: 'metro.png', mimeType: 'image/png', buffer: png });
    await page.waitForSelector('.image-dialog-status:has-text("Uploaded")');
    await page.fill('#image-alt', 'Commuters on a metro platform');
    await page.fill('#image-caption', 'Line 7 on its first day back');
    await page.fill('#image-credit', 'Staff photographer');
    await page.click('#image-dialog button[type=submit]');
    await page.waitForSelector('.story-prose figure.story-image img');

    // The same image as the featured image, picked from the library in the dialog.
    await page.click('.featured-field summary');
    await page.click('button:has-text("Upload or pick another image")');
    // The library is searched as one types (here by file name); Enter does not submit the dialog.
    await page.fill('#image-search', 'no-such-picture');
    await page.waitForSelector('.image-dialog-status:has-text("No image matches")');
    await page.fill('#image-search', 'metro.png');
    await page.press('#image-search', 'Enter');
    await page.waitForSelector('.image-dialog-status:has-text("1 image matches")');
    assert.equal(await page.locator('.image-dialog-grid .image-dialog-thumb').count(), 1);
    assert.ok(await page.locator('#image-dialog').evaluate((d) => (d as HTMLDialogElement).open), 'Enter kept the dialog open');
    await page.click('.image-dialog-grid .image-dialog-thumb');
    // Uploaded before its alt text was typed, the library copy has none yet: the dialog asks for it.
    await page.click('#image-dialog button[type=submit]');
    assert.match(await page.locator('.image-dialog-status').innerText(), /alt text/);
    await page.fill('#image-alt', 'Commuters on a metro platform');
    await page.click('#image-dialog button[type=submit]');
    await page.waitForSelector('.featured-field [role=status]:has-text("is the featured image")');
    const featuredId = Number(await page.locator('input[name=featuredImageId]:checked').getAttribute('value'));
    assert.ok(featuredId > 0, 'a library image is checked');
    await page.screenshot({ path: '/tmp/editor-story.png', fullPage: true });

    // Autosave creates the story and returns findings without a page load.
    await page.evaluate(() => (window as unknown as { storyEditor: { autosave(): Promise<void> } }).storyEditor.autosave());
    await page.waitForSelector('#save-status:has-text("Draft saved")');
    const id = Number(/\/admin\/stories\/(\d+)$/.exec(page.url())?.[1]);
    assert.ok(id > 0, `the URL became the story's: ${page.url()}`);

    // Schedule a minute ahead in Tehran time (the app clock: 2026-05-21 10:00Z = 13:30 +03:30).
    await page.fill('#f-publishAt', '2026-05-21T13:31');
    await Promise.all([page.waitForURL(/done=scheduled/), page.click('button[value=schedule]')]);
    await page.screenshot({ path: '/tmp/editor-scheduled.png', fullPage: true });
    const stored = await app.articles.get(id);
    assert.equal(stored.status, 'scheduled');
    assert.equal(stored.publishedAt?.toISOString(), '2026-05-21T10:01:00.000Z');
    const types = stored.body.content.map((b) => (b.type === 'heading' ? `h${b.attrs.level}` : b.type));
    assert.equal(types.filter((t) => t === 'h2').length, 2);
    assert.ok(types.includes('blockquote') && types.includes('pullQuote') && types.includes('image'), types.join(','));
    assert.deepEqual(stored.bylines.map((b) => b.slug), ['omid-karimi', 'sara-ahmadi']);
    assert.equal(stored.featuredImage?.id, featuredId);
    assert.equal(stored.featuredImage?.alt, 'Commuters on a metro platform', 'the alt text went to the library');
    const img = stored.body.content.find((b) => b.type === 'image');
    assert.deepEqual(img?.type === 'image' && { alt: img.attrs.alt, credit: img.attrs.credit }, { alt: 'Commuters on a metro platform', credit: 'Staff photographer' });

    const publicPage = await browser.newPage();
    assert.equal((await publicPage.goto(`${base}/news/${id}/${stored.slug}`))?.status(), 404);
    app.clock.advance(61_000);
    assert.deepEqual(await app.articles.publishDue(), [id]);
    // A new reader: the first reader's browser may keep the 404 for its max-age of 30 s.
    const reader = await (await browser.newContext()).newPage();
    const res = await reader.goto(`${base}/news/${id}/${stored.slug}`);
    assert.equal(res?.status(), 200);
    assert.equal(await reader.locator('.story-body h2').count(), 2);
    assert.equal(await reader.locator('.story-body blockquote').count() >= 1, true);
    assert.equal(await reader.locator('.story-body img[alt="Commuters on a metro platform"]').count(), 1);
    assert.match(await reader.locator('.story-body').innerText(), /TEHRAN –/);
    assert.match(await reader.locator('.byline').first().innerText(), /Omid Karimi.*Sara Ahmadi/s);

    // A correction appended from the editor shows at the foot of the public story.
    await page.goto(`${base}/admin/stories/${id}`);
    await page.fill('#f-correction', 'An earlier version misnamed the station. It is Sadeghieh.');
    await Promise.all([page.waitForURL(/done=corrected/), page.click('button:has-text("Publish correction")')]);
    const again = await (await browser.newContext()).newPage();
    await again.goto(`${base}/news/${id}/${stored.slug}`);
    assert.match(await again.locator('body').innerText(), /It is Sadeghieh\./);
    await reader.screenshot({ path: '/tmp/editor-public.png', fullPage: true });
    assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), [], 'no console errors (CSP included)');
  });

  test('a contributor who tries to publish gets 403', async () => {
    const page = await signIn('contributor@news.test');
    await page.goto(`${base}/admin/stories/new`);
    await page.fill('input[name=headline]', 'Contributor draft');
    await page.click('.story-prose');
    await page.keyboard.type('A first paragraph.');
    assert.equal(await page.locator('button[value=publish]').count(), 0, 'no Publish button for contributors');
    await Promise.all([page.waitForURL(/done=saved/), page.click('button[value=save]')]);
    const status = await page.evaluate(async () => {
      const form = document.getElementById('story-form') as HTMLFormElement;
      const body = new URLSearchParams();
      for (const [k, v] of new FormData(form)) if (typeof v === 'string') body.append(k, v);
      body.set('intent', 'publish');
      return (await fetch(form.action, { method: 'POST', body, credentials: 'same-origin' })).status;
    });
    assert.equal(status, 403);
    await page.screenshot({ path: '/tmp/editor-contributor.png', fullPage: true });
  });
});
