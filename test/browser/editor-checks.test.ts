import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { launchChromium, skipWithoutChromium, listenOnLoopback, signInThroughForm } from '../helpers/browser.ts';
import { DIALECTS } from '../helpers/dialects.ts';
import { makeStaff } from '../http/admin-auth-helpers.ts';
import { createNewsroomTestApp, type NewsroomTestApp } from '../http/admin-stories.harness.ts';

/**
 * Grouped findings in the editor, in a real Chromium: one finding for a name
 * spelled two ways marks every place in the text, its list item jumps from
 * place to place, and one dismissal removes it everywhere. Runs on the first
 * configured dialect: the HTTP suites cover both.
 */
const dialect = DIALECTS[0];
const BODY = [
  'Yevgeny Kovalev danced the title role on Thursday.',
  'The score was played by the Bolshoi orchestra. Evgeniy Kovalev was promoted in September.',
  'Yevgeny Kovalev dances again on Saturday.',
].join('\n\n');

describe(`${dialect}: grouped editorial-check findings in the editor`, { skip: skipWithoutChromium }, () => {
  let app: NewsroomTestApp;
  let browser: Browser;
  let base: string;
  let id: number;
  const errors: string[] = [];

  before(async () => {
    app = await createNewsroomTestApp(dialect);
    await makeStaff(app as never, 'editor');
    id = (await app.articles.create(parseArticleInput({ headline: 'Bolshoi revives Spartacus', dek: 'A new lead.', dateline: 'Moscow', bodyMarkdown: BODY }, 'create'), 'test')).id;
    base = await listenOnLoopback(app.server);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app.cleanup();
  });

  async function signIn(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));
    await signInThroughForm(page, base);
    return page;
  }

  test('jump through the places of one finding, then dismiss it once for all of them', async () => {
    const page = await signIn();
    await page.goto(`${base}/admin/stories/${id}`);
    await page.waitForSelector('.story-prose');
    const item = page.locator('#check-list li', { hasText: 'Name spelled 2 ways' });
    assert.equal(await item.count(), 1, 'one finding for the one name');
    const n = await item.evaluate((li) => [...li.parentElement!.children].indexOf(li));
    const marks = page.locator(`.story-prose .check-mark[data-finding="${n}"]`);
    assert.deepEqual(await marks.allInnerTexts(), ['Yevgeny', 'Evgeniy', 'Yevgeny'], 'every place is marked in the text');

    const selected = () => page.evaluate(() => window.getSelection()?.toString() ?? '');
    const head = item.locator('.finding-message');
    const seen: Array<[string, string]> = [];
    const expected: Array<[string, string]> = [
      ['Yevgeny', '(place 1 of 3)'],
      ['Evgeniy', '(place 2 of 3)'],
      ['Yevgeny', '(place 3 of 3)'],
      ['Yevgeny', '(place 1 of 3)'],
    ];
    for (let i = 0; i < 4; i++) {
      await head.click();
      // The editor moves its selection after the label updates: read both once they settle (at most 2 s).
      let got: [string, string] = ['', ''];
      for (let t = 0; t < 40; t++) {
        got = [await selected(), (await item.locator('.finding-places').innerText()).trim()];
        if (got[0] === expected[i][0] && got[1] === expected[i][1]) break;
        await page.waitForTimeout(50);
      }
      seen.push(got);
    }
    assert.deepEqual(seen, [
      ['Yevgeny', '(place 1 of 3)'],
      ['Evgeniy', '(place 2 of 3)'],
      ['Yevgeny', '(place 3 of 3)'],
      ['Yevgeny', '(place 1 of 3)'],
    ]);
    // The second click really landed in the second paragraph: the caret moved, not just the label.
    await head.click();
    const paragraph = () => page.evaluate(() => window.getSelection()?.anchorNode?.parentElement?.closest('p')?.textContent ?? '');
    let para = await paragraph();
    for (let t = 0; t < 40 && !/^The score was played/.test(para); t++) {
      await page.waitForTimeout(50);
      para = await paragraph();
    }
    assert.match(para, /^The score was played/);

    await item.locator('summary').click();
    await item.locator('input[aria-label="Reason for dismissing"]').fill('The dancer spells it both ways');
    await item.locator('button:has-text("Dismiss")').click();
    await page.waitForFunction(() => ![...document.querySelectorAll('#check-list li')].some((li) => li.textContent?.includes('Name spelled')));
    assert.equal(await page.locator('.story-prose .check-mark', { hasText: 'Evgeniy' }).count(), 0, 'no mark left for the dismissed finding');
    const after = await app.newsroom.desk.findings({ id: 0, role: 'editor' }, id);
    assert.deepEqual(after.filter((f) => f.ruleId === 'name-spelled-two-ways'), [], 'dismissed once, for all three places');
    const stored = await app.newsroom.desk.dismissals({ id: 0, role: 'editor' }, id);
    assert.equal(stored.length, 1);
    await page.screenshot({ path: '/tmp/editor-checks.png', fullPage: true });
    assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), [], 'no console errors');
  });
});
