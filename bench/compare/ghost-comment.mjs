// One reader comment on the Ghost story, the way Ghost asks for it: the reader becomes a member through an emailed
// sign-in link (caught by mail-catcher.mjs), then writes in Ghost's comments app under the story.
import fs from 'node:fs';
import { chromium } from 'playwright-core';
const base = process.env.GHOST_BASE ?? 'http://127.0.0.1:8091';
const story = `${base}/council-passes-budget-with-more-for-libraries-and-street-repairs/`;
const mailDir = process.env.GHOST_MAIL_DIR ?? '/tmp/ghost/mail';
const email = 'lena@example.org';
const before = new Set(fs.readdirSync(mailDir));
const r = await fetch(`${base}/members/api/send-magic-link/`, { method: 'POST', headers: { 'content-type': 'application/json', Origin: base, Referer: story },
  body: JSON.stringify({ email, emailType: 'signup', name: 'Lena Brandt' }) });
console.log('send-magic-link', r.status, (await r.text()).slice(0, 200));
let link;
for (let i = 0; i < 50 && !link; i++) {
  await new Promise((res) => setTimeout(res, 200));
  for (const f of fs.readdirSync(mailDir).filter((f) => !before.has(f))) {
    const raw = fs.readFileSync(`${mailDir}/${f}`, 'utf8');
    const parts = raw.split(/\r?\n--/).map((p) => /base64/i.test(p.split(/\r?\n\r?\n/)[0]) ? Buffer.from(p.split(/\r?\n\r?\n/)[1] ?? '', 'base64').toString('utf8') : p.replace(/=\r?\n/g, '').replace(/=3D/g, '='));
    link = parts.join('\n').match(/https?:\/\/[^\s"<>\]]*members\/\?token=[^\s"<>\]]+/)?.[0].replace(/&amp;/g, '&');
  }
}
if (!link) throw new Error('no sign-in mail');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
await page.goto(link);
console.log('signed in at', page.url(), (await page.context().cookies()).map((c) => c.name).join(','));
await page.goto(story);
await page.locator('#ghost-comments-root').scrollIntoViewIfNeeded();
await page.waitForTimeout(3000);
await page.screenshot({ path: '/tmp/cmp/ghost-before-comment.png' });
const frame = page.frames().find((f) => f.url() === 'about:srcdoc' && f.parentFrame() === page.mainFrame());
await frame.locator('[data-testid=form-editor]').click({ timeout: 20000 });
await page.waitForTimeout(500);
await page.keyboard.type('Good to see the Eastgate branch library saved. The pool can wait a year, the potholes on Mill Road cannot.');
await frame.locator('[data-testid=submit-form-button]').click();
await page.waitForTimeout(2000);
await page.screenshot({ path: '/tmp/cmp/ghost-after-comment.png', fullPage: true });
await browser.close();
