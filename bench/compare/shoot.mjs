// Screenshots for docs/comparison.md: the front page and one story of each product at 1280 and 390 px,
// full page capped at 3000 px, plus the comment area of the story page.
// Usage: [DARK=1] node shoot.mjs OUT_DIR product=front_url,story_url,comments_selector ...
// DARK=1 also shoots each page with prefers-color-scheme: dark (…-dark.png): identical bytes mean the theme has no dark mode.
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
const [out, ...specs] = process.argv.slice(2);
const CAP = 3000;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
/** Scrolls to the bottom in steps so lazy images load, then back to the top. */
async function settle(page) {
  const h = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < h; y += 600) { await page.evaluate((v) => window.scrollTo(0, v), y); await page.waitForTimeout(100); }
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 10000 }).catch(() => console.log('images still loading', page.url()));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(500);
}
for (const spec of specs) {
  const [product, rest] = spec.split('=');
  const [front, story, commentsSel] = rest.split(',');
  for (const width of [1280, 390]) {
    for (const [name, url] of [['front', front], ['story', story]]) {
      for (const scheme of process.env.DARK === '1' ? ['light', 'dark'] : ['light']) {
        const ctx = await browser.newContext({ viewport: { width, height: width > 600 ? 900 : 844 }, colorScheme: scheme });
        const page = await ctx.newPage();
        await page.goto(url, { waitUntil: 'load' });
        await settle(page);
        const h = Math.min(CAP, await page.evaluate(() => document.documentElement.scrollHeight));
        const suffix = scheme === 'dark' ? '-dark' : '';
        await page.screenshot({ path: `${out}/compare-${product}-${name}-${width}${suffix}.png`, fullPage: true, clip: { x: 0, y: 0, width, height: h } });
        if (name === 'story' && scheme === 'light' && commentsSel) {
          const el = page.locator(commentsSel).first();
          if (await el.count()) await el.scrollIntoViewIfNeeded().then(() => page.waitForTimeout(2000)).then(() => el.screenshot({ path: `${out}/compare-${product}-comments-${width}.png` }));
          else console.log(product, 'no comment area matches', commentsSel);
          // The same area with JavaScript off: what a reader without scripts can do under the story.
          const nojs = await browser.newContext({ viewport: { width, height: width > 600 ? 900 : 844 }, javaScriptEnabled: false });
          const p2 = await nojs.newPage();
          await p2.goto(url, { waitUntil: 'load' });
          const el2 = p2.locator(commentsSel).first();
          if (await el2.count()) {
            await el2.scrollIntoViewIfNeeded();
            await p2.waitForLoadState('networkidle').catch(() => {});
            await p2.waitForTimeout(500);
            await el2.screenshot({ path: `${out}/compare-${product}-comments-nojs-${width}.png` });
          } else console.log(product, 'without JavaScript no comment area matches', commentsSel);
          await nojs.close();
        }
        console.log(product, name, width, scheme, 'page height', await page.evaluate(() => document.documentElement.scrollHeight));
        await ctx.close();
      }
    }
  }
}
await browser.close();
// Re-encoded as palette PNGs (the pages are flat colour): about a third of the bytes, kept small for the repository.
for (const f of fs.readdirSync(out).filter((f) => f.startsWith('compare-') && f.endsWith('.png'))) {
  const p = `${out}/${f}`;
  fs.writeFileSync(p, await sharp(fs.readFileSync(p)).png({ palette: true, quality: 90, effort: 10, compressionLevel: 9 }).toBuffer());
}
