import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { launchChromium, skipWithoutChromium, listenOnLoopback, signInThroughForm } from '../helpers/browser.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';
import { makeStaff } from '../http/admin-auth-helpers.ts';

/** Screenshots for docs/screenshots/ are written only when asked (SCREENSHOTS=1), so a test run leaves the tree clean. */
const SHOTS = process.env.SCREENSHOTS === '1' ? path.resolve(import.meta.dirname, '../../docs/screenshots') : null;

/** Blocks of every size the layout knows once the editor has chosen: Politics 5, Sport 3, Culture 2, Business 1. */
const DESK: Array<[section: string, headlines: string[]]> = [
  ['World', ['Ceasefire talks resume in Geneva', 'Floods close border crossings', 'Grain shipments leave the port']],
  ['Politics', ['Harbour authority budget approved after all-night sitting', 'Mayor names new transport chief', 'Opposition walks out of housing debate', 'Council publishes school closures list', 'Turnout record in by-election', 'Election commission reviews postal votes']],
  ['Sport', ['City draw at home in cup replay', 'Marathon route changes for bridge works', 'Swimmer breaks national record']],
  ['Culture', ['Old cinema reopens as a concert hall', 'Poet laureate reads at the library']],
  ['Business', ['Ferry operator orders two electric ships']],
];
const COLOURS = ['#2f5d8a', '#8a2f3d', '#3d8a2f', '#8a6d2f', '#5d2f8a', '#2f8a7d'];

async function seed(app: TestApp): Promise<void> {
  let minute = 0;
  const images: number[] = [];
  for (const [i, background] of COLOURS.entries()) {
    const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background } }).png().toBuffer();
    images.push((await app.media.importImage(png, { alt: `Picture ${i}`, credit: 'Staff' })).id);
  }
  for (const [name] of DESK) await app.sections.create({ name, slug: name.toLowerCase() });
  // Oldest first, so the first story of the first section is the newest of all.
  for (const [name, headlines] of DESK.slice().reverse()) {
    for (const headline of headlines.slice().reverse()) {
      const publishedAt = new Date(Date.parse('2026-05-20T06:00:00Z') + minute++ * 17 * 60_000).toISOString();
      await app.articles.create(
        parseArticleInput({ headline, dek: `What happened, and what it means: ${headline.toLowerCase()}.`, bodyMarkdown: 'Text.', status: 'published', publishedAt, section: name.toLowerCase(), featuredImageId: images[minute % images.length] }, 'create'),
        'test',
      );
    }
  }
}

for (const dialect of DIALECTS) {
  describe(`browser, ${dialect}: an editor makes the front page`, { skip: skipWithoutChromium }, () => {
    let app: TestApp;
    let browser: Browser;
    let base: string;
    const shots = dialect === 'sqlite' ? SHOTS : null;
    before(async () => {
      app = await createTestApp(dialect);
      await app.settings.update({ name: 'The Harbour Times', timeZone: 'Asia/Tehran' });
      await seed(app);
      await makeStaff(app, 'editor');
      base = await listenOnLoopback(app.server);
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
      await app.cleanup();
    });

    test('choosing a lead, top stories and the block order on the screen changes the home page at once', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(base);
      assert.equal((await page.locator('.lead .card-title').innerText()).trim(), 'Ceasefire talks resume in Geneva', 'the newest leads before any choice');

      await signInThroughForm(page, base);
      await page.click('.admin-nav a[href="/admin/front-page"]');
      await page.selectOption('select[name="lead"]', { label: 'Election commission reviews postal votes' });
      await page.fill('input[name="leadUntil"]', '2026-05-23T20:00');
      for (const [i, headline] of DESK[0][1].entries()) await page.selectOption(`select[name="top${i + 1}"]`, { label: headline });
      const sport = await page.locator('label', { hasText: /^\s*Sport$/ }).first().getAttribute('for');
      await page.fill(`#${sport}`, '1');
      await page.click('.front-page-form button[type="submit"]');
      await page.waitForURL(/saved=1/);
      assert.match(await page.locator('.notice-success').innerText(), /Front page saved/);
      assert.equal(await page.inputValue('input[name="leadUntil"]'), '2026-05-23T20:00', 'the pin is shown back in the edition zone');
      if (shots) await page.screenshot({ path: path.join(shots, 'front-page-editor-1280.png'), fullPage: true });

      await page.goto(base);
      assert.equal((await page.locator('.lead .card-title').innerText()).trim(), 'Election commission reviews postal votes');
      assert.deepEqual((await page.locator('.top-stories .card-title').allInnerTexts()).map((t) => t.trim()), DESK[0][1]);
      const groups = (await page.locator('.section-group:not(.top-stories) .group-title').allInnerTexts()).map((t) => t.trim().toLowerCase());
      assert.deepEqual(groups, ['sport', 'politics', 'culture', 'business']);
      // Every block fills its row: the cards of a block share one top edge or stack in the feature's column.
      const grids = await page.locator('.section-group .card-grid').evaluateAll((els) => els.map((e) => e.className));
      assert.deepEqual(grids, ['card-grid cards-3', 'card-grid cards-3', 'card-grid cards-many', 'card-grid cards-2', 'card-grid cards-1']);
      const widths = await page.locator('.cards-1 .story-card, .cards-2 .story-card').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().width)));
      const row = await page.locator('.cards-1').evaluate((e) => Math.round(e.getBoundingClientRect().width));
      assert.equal(widths.at(-1), row, 'a single story spans its row');
      if (shots) await page.screenshot({ path: path.join(shots, 'front-page-1280.png'), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, 'nothing wider than the phone');
      if (shots) await page.screenshot({ path: path.join(shots, 'front-page-390.png'), fullPage: true });
      await page.goto(`${base}/admin/front-page`);
      const adminOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(adminOverflow, 0, 'the screen fits a phone, long headlines included');
      if (shots) await page.screenshot({ path: path.join(shots, 'front-page-editor-390.png'), fullPage: true });
      await page.close();
    });

    test('a section page’s own lead, chosen on the section’s screen, leads that page at once', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${base}/section/politics`);
      assert.equal((await page.locator('.card-title').first().innerText()).trim(), 'Harbour authority budget approved after all-night sitting', 'the newest first before any choice');
      assert.equal(await page.locator('.list-lead').count(), 0);
      await signInThroughForm(page, base);
      await page.goto(`${base}/admin/sections`);
      await page.getByRole('link', { name: 'Politics', exact: true }).click();
      const pick = page.locator('form[action$="/lead"] select');
      assert.equal(await pick.inputValue(), '', 'automatic until chosen');
      assert.equal(await pick.locator('option', { hasText: 'Ceasefire' }).count(), 0, 'only the section’s stories are offered');
      await pick.selectOption({ label: 'Turnout record in by-election' });
      await page.fill('form[action$="/lead"] input[type="datetime-local"]', '2026-05-23T20:00');
      await page.getByRole('button', { name: 'Save lead' }).click();
      await page.waitForURL(/lead=saved/);
      assert.match(await page.locator('.notice-success').innerText(), /lead was saved/);
      assert.equal(await page.locator('form[action$="/lead"] input[type="datetime-local"]').inputValue(), '2026-05-23T20:00', 'shown back in the edition zone');
      if (shots) {
        await page.locator('#lead-h').scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(shots, 'section-lead-editor-1280.png') });
      }
      await page.goto(`${base}/section/politics`);
      assert.equal((await page.locator('.list-lead .card-title').innerText()).trim(), 'Turnout record in by-election');
      // The same choice on the front-page screen.
      await page.goto(`${base}/admin/front-page`);
      const politics = (await app.sections.list()).find((x) => x.slug === 'politics')!;
      assert.equal(await page.locator(`select[name="slead-${politics.id}"]`).evaluate((e) => (e as HTMLSelectElement).selectedOptions[0].text), 'Turnout record in by-election');
      // A story from another section is refused on the screen, the field marked, and nothing changes.
      await page.goto(`${base}/admin/sections/${politics.id}`);
      await page.locator('form[action$="/lead"] select').evaluate((e, id) => {
        const o = document.createElement('option');
        o.value = String(id);
        o.text = 'forged';
        e.append(o);
        (e as HTMLSelectElement).value = String(id);
      }, (await app.db.kysely.selectFrom('articles').select('id').where('headline', '=', 'Ceasefire talks resume in Geneva').executeTakeFirstOrThrow()).id);
      await page.getByRole('button', { name: 'Save lead' }).click();
      assert.match(await page.locator('.notice-error').innerText(), /lead was not saved/);
      assert.match(await page.locator('form[action$="/lead"]').innerText(), /not filed in that section/);
      await page.goto(`${base}/section/politics`);
      assert.equal((await page.locator('.list-lead .card-title').innerText()).trim(), 'Turnout record in by-election');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${base}/admin/sections/${politics.id}`);
      const overflow = await page.locator('form[action$="/lead"]').evaluate((f) => Math.max(...[...f.querySelectorAll('select, input')].map((e) => e.getBoundingClientRect().right)) - document.documentElement.clientWidth);
      // The page keeps a margin on the right as on the left: a field reaching the screen's edge is cut off.
      assert.ok(overflow <= -8, `the lead form fits a phone with its margin (${overflow}px from the edge)`);
      if (shots) {
        await page.locator('#lead-h').scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(shots, 'section-lead-editor-390.png') });
      }
      await page.close();
    });
  });
}
