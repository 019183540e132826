import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { parseArticleInput, parseDoc } from '../../src/domain/articles/index.ts';
import { launchChromium, listenOnLoopback, signInThroughForm } from '../helpers/browser.ts';
import { makeStaff } from '../http/admin-auth-helpers.ts';
import { createNewsroomTestApp, type NewsroomTestApp } from '../http/admin-stories.harness.ts';
import { DIALECTS } from '../helpers/dialects.ts';

/**
 * Tables in a real Chromium: the toolbar inserts a 3 × 3 table with a header
 * row, the writer types into its cells, adds and removes rows and columns and
 * sets a caption; the saved body is exactly the table the server validates;
 * the public page shows it at 1280 px and at 390 px, where a wide table
 * scrolls inside its wrapper and the page itself does not scroll sideways.
 * Screenshots: docs/screenshots/table-story-1280.png and table-wide-390.png. First configured
 * dialect only: test/http/tables.test.ts covers both databases.
 */
const dialect = DIALECTS[0];
const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');

const p = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const th = (text: string) => ({ type: 'tableHeader', content: [p(text)] });
const td = (text: string) => ({ type: 'tableCell', content: [p(text)] });

describe(`${dialect}: tables in the editor and on the page`, () => {
  let app: NewsroomTestApp;
  let browser: Browser;
  let base: string;
  const errors: string[] = [];

  before(async () => {
    app = await createNewsroomTestApp(dialect);
    await makeStaff(app as never, 'editor');
    base = await listenOnLoopback(app.server);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app.cleanup();
  });

  const watch = (page: Page) => {
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    return page;
  };

  test('insert, fill, grow and shrink a table, caption it, publish; the page shows it at 1280 and 390 px', async () => {
    const page = watch(await browser.newPage({ viewport: { width: 1280, height: 900 } }));
    await signInThroughForm(page, base, 'editor@news.test');
    await page.goto(`${base}/admin/stories/new`);
    await page.waitForSelector('.story-prose');
    await page.fill('input[name=headline]', 'Turnout rose in every ward');
    const tool = (name: string) => page.click(`.editor-toolbar button[data-tool="${name}"]`);
    const disabled = (name: string) => page.locator(`.editor-toolbar button[data-tool="${name}"]`).isDisabled();

    await page.click('.story-prose');
    await page.keyboard.type('Turnout rose in all three wards, the returning officer said.');
    assert.equal(await disabled('Add a row below'), true, 'row and column tools wait for a table');
    await page.keyboard.press('Enter');
    await tool('Insert a table (3 × 3, header row)');
    assert.equal(await page.locator('.story-prose table tr').count(), 3);
    assert.equal(await page.locator('.story-prose table th').count(), 3, 'a header row');
    assert.equal(await disabled('Add a row below'), false);

    // The cursor starts in the first header cell; Tab walks the cells.
    for (const [i, text] of ['Ward', 'Turnout', 'Change', 'Northgate', '61%', '+4', 'Southmere', '58%', '-1'].entries()) {
      if (i > 0) await page.keyboard.press('Tab');
      await page.keyboard.type(text);
    }
    await tool('Add a row below');
    assert.equal(await page.locator('.story-prose table tr').count(), 4);
    await page.click('.story-prose table tr:nth-child(4) td:nth-child(1)');
    for (const [i, text] of ['Eastfield', '64%', '+7'].entries()) {
      if (i > 0) await page.keyboard.press('Tab');
      await page.keyboard.type(text);
    }
    // A column added and taken away again, a row too: the table is as it was.
    await tool('Add a column to the right');
    assert.equal(await page.locator('.story-prose table th').count(), 4);
    await page.click('.story-prose table tr:nth-child(2) td:nth-child(4)');
    await tool('Remove this column');
    assert.equal(await page.locator('.story-prose table th').count(), 3);
    await page.click('.story-prose table tr:nth-child(4) td:nth-child(1)');
    await tool('Add a row below');
    await page.click('.story-prose table tr:nth-child(5) td:nth-child(2)');
    await tool('Remove this row');
    assert.equal(await page.locator('.story-prose table tr').count(), 4);
    page.once('dialog', (d) => void d.accept('Turnout by ward, 2026 <b>local</b> elections'));
    await tool('Table caption');
    assert.equal(await page.locator('.story-prose table caption').innerText(), 'Turnout by ward, 2026 <b>local</b> elections');
    await page.screenshot({ path: '/tmp/table-editor.png', fullPage: true });

    await Promise.all([page.waitForURL(/done=/), page.click('button[value=publish]')]);
    const id = Number(/\/admin\/stories\/(\d+)/.exec(page.url())?.[1]);
    const stored = await app.articles.get(id);
    assert.equal(stored.status, 'published');
    const want = {
      type: 'table',
      attrs: { caption: 'Turnout by ward, 2026 <b>local</b> elections' },
      content: [
        { type: 'tableRow', content: [th('Ward'), th('Turnout'), th('Change')] },
        { type: 'tableRow', content: [td('Northgate'), td('61%'), td('+4')] },
        { type: 'tableRow', content: [td('Southmere'), td('58%'), td('-1')] },
        { type: 'tableRow', content: [td('Eastfield'), td('64%'), td('+7')] },
      ],
    };
    assert.deepEqual(stored.body.content, [p('Turnout rose in all three wards, the returning officer said.'), want]);
    assert.deepEqual(parseDoc(structuredClone(stored.body)), stored.body, 'what the editor saved is what validation keeps');

    // A second story with a table too wide for a phone (through the service, as the API would).
    const wide = {
      type: 'table',
      content: [
        { type: 'tableRow', content: ['Ward', 'Electorate', 'Votes cast', 'Turnout', 'Change since 2022', 'Largest party', 'Majority'].map(th) },
        { type: 'tableRow', content: ['Northgate', '12,480', '7,613', '61%', '+4 points', 'Independents', '1,204'].map(td) },
      ],
    };
    const second = await app.articles.create(parseArticleInput({ headline: 'Every ward in figures', status: 'published', publishedAt: '2026-05-21T09:00:00Z', body: { type: 'doc', content: [p('The full count.'), wide] } }, 'create'), 'test');

    for (const width of [1280, 390]) {
      const reader = watch(await (await browser.newContext({ viewport: { width, height: 900 } })).newPage());
      assert.equal((await reader.goto(`${base}/news/${id}/${stored.slug}`))?.status(), 200);
      const table = reader.locator('.story-body .table-scroll table');
      assert.equal(await table.locator('caption').innerText(), 'Turnout by ward, 2026 <b>local</b> elections', 'the caption is text');
      assert.deepEqual(await table.locator('thead th[scope=col]').allInnerTexts(), ['Ward', 'Turnout', 'Change']);
      assert.deepEqual(await table.locator('tbody tr:nth-child(3) td').allInnerTexts(), ['Eastfield', '64%', '+7']);
      await reader.locator('.table-scroll').scrollIntoViewIfNeeded();
      await reader.screenshot({ path: width === 1280 ? path.join(SHOTS, 'table-story-1280.png') : '/tmp/table-story-390.png' });
      assert.ok(await reader.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${width}: the page does not scroll sideways`);

      await reader.goto(`${base}/news/${second.id}/${second.slug}`);
      const box = await reader.locator('.table-scroll').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, overflow: getComputedStyle(el).overflowX }));
      assert.equal(box.overflow, 'auto', 'the stylesheet (not an inline style) makes the wrapper scroll');
      assert.ok(await reader.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${width}: a wide table does not widen the page`);
      if (width === 390) {
        assert.ok(box.scroll > box.client, `at 390 px the wide table scrolls inside its wrapper (${box.scroll} > ${box.client})`);
        await reader.locator('.table-scroll').scrollIntoViewIfNeeded();
        await reader.screenshot({ path: path.join(SHOTS, 'table-wide-390.png') });
      }
      await reader.context().close();
    }
    assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), [], 'no console errors (CSP included)');
  });
});
