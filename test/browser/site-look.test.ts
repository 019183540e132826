import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { seedDemo } from '../../src/domain/demo/index.ts';
import { launchChromium, skipWithoutChromium, listenOnLoopback } from '../helpers/browser.ts';
import { createTestApp, type TestApp } from '../helpers/dialects.ts';
import { easyRules, nextIp, validPost } from '../domain/comments-helpers.ts';

/**
 * How the public site looks on the demo paper, light and dark, wide and
 * narrow: dark mode follows the reader's setting, the section menu never
 * cuts a name at the screen's edge, the comment section is one type family
 * with a real button, and quotes are curled. Screenshots go to
 * docs/screenshots/ only when asked (SCREENSHOTS=1).
 */
const SHOTS = process.env.SCREENSHOTS === '1' ? path.resolve(import.meta.dirname, '../../docs/screenshots') : null;

/** Relative luminance of a computed `rgb(…)` colour, 0 (black) to 1 (white). */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((x) => Number(x) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('the public site, light and dark, 1280 and 390 px', { skip: skipWithoutChromium }, () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;
  let storyPath: string;

  before(async () => {
    app = await createTestApp('sqlite');
    await seedDemo(app, { now: app.clock.now() });
    await easyRules(app);
    const a = await app.articles.create(
      parseArticleInput({ headline: `Night buses "are back," says the mayor`, dek: `The city's ring road gets its 'owl' service again.`, section: 'city', status: 'published', commentMode: 'open', bodyMarkdown: `"We listened," the mayor said. Use \`say "hi"\` in code.` }, 'create'),
      'test',
    );
    app.clock.advance(20_000);
    const p = await validPost(app, a.id, nextIp(), { body: `Good news for night-shift workers like me.` });
    const r = await app.comments.submit(p, p.raw);
    if (r.status !== 'approved') await app.commentModeration.moderate([r.id], 'approve', 'test');
    storyPath = `/news/${a.id}/${a.slug}`;
    base = await listenOnLoopback(app.server);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app.cleanup();
  });

  async function open(url: string, width: number, scheme: 'light' | 'dark'): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
    const page = await ctx.newPage();
    await page.goto(`${base}${url}`, { waitUntil: 'networkidle' });
    return page;
  }

  for (const width of [1280, 390]) {
    for (const scheme of ['light', 'dark'] as const) {
      test(`${width} px, ${scheme}: front page and story page`, async () => {
        const front = await open('/', width, scheme);
        const bg = luminance(await front.evaluate(() => getComputedStyle(document.body).backgroundColor));
        const ink = luminance(await front.evaluate(() => getComputedStyle(document.body).color));
        if (scheme === 'dark') assert.ok(bg < 0.05 && ink > 0.6, `dark paper, light ink (${bg}, ${ink})`);
        else assert.ok(bg > 0.95 && ink < 0.05, `white paper, dark ink (${bg}, ${ink})`);
        // Every section name in the menu is whole on screen: wrapped, not cut at the edge.
        const cut = await front.evaluate(() =>
          [...document.querySelectorAll('.sections-nav a')].filter((a) => {
            const r = a.getBoundingClientRect();
            return r.left < 0 || r.right > document.documentElement.clientWidth + 0.5;
          }).map((a) => a.textContent),
        );
        assert.deepEqual(cut, [], 'no section name runs off the screen');
        // The search box and its button sit on one line, inside the screen.
        const search = await front.evaluate(() => {
          const f = document.querySelector('.masthead .search, header .search')!.getBoundingClientRect();
          const i = document.querySelector('.masthead .search input, header .search input')!.getBoundingClientRect();
          const b = document.querySelector('.masthead .search button, header .search button')!.getBoundingClientRect();
          return { right: f.right, sameLine: Math.abs(i.top - b.top) < 4 && Math.abs(i.height - b.height) < 4, width: document.documentElement.clientWidth };
        });
        assert.ok(search.sameLine && search.right <= search.width, `search form: ${JSON.stringify(search)}`);
        if (SHOTS) await front.screenshot({ path: path.join(SHOTS, `front-${width}-${scheme}.png`) });

        const story = await open(storyPath, width, scheme);
        assert.equal(await story.locator('h1.headline').textContent(), 'Night buses “are back,” says the mayor');
        assert.equal(await story.locator('p.dek').textContent(), 'The city’s ring road gets its ‘owl’ service again.');
        assert.match(await story.locator('.story-body p').first().textContent() ?? '', /^“We listened,” the mayor said\./);
        assert.equal(await story.locator('.story-body code').textContent(), 'say "hi"', 'code keeps its straight quotes');
        const button = story.locator('.comment-submit button');
        await button.waitFor();
        const [btnBg, pageBg] = await button.evaluate((b) => [getComputedStyle(b).backgroundColor, getComputedStyle(document.body).backgroundColor]);
        assert.ok(Math.abs(luminance(btnBg) - luminance(pageBg)) > 0.5, `the Post comment button stands out (${btnBg} on ${pageBg})`);
        const families = await story.evaluate(() => [...new Set([...document.querySelectorAll('#comments *')].filter((e) => e.checkVisibility?.() && ['P', 'SPAN', 'A', 'LABEL', 'BUTTON', 'INPUT', 'TEXTAREA', 'H2', 'H3', 'TIME', 'STRONG'].includes(e.tagName)).map((e) => getComputedStyle(e).fontFamily))]);
        assert.equal(families.length, 1, `one family in the comments: ${families.join(' | ')}`);
        if (SHOTS) {
          await story.screenshot({ path: path.join(SHOTS, `story-${width}-${scheme}.png`) });
          await story.locator('#comments').screenshot({ path: path.join(SHOTS, `story-comments-${width}-${scheme}.png`) });
        }
        await front.context().close();
        await story.context().close();
      });
    }
  }
});
