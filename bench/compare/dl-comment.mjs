// Posts one reader comment on Dateline story 40 through the no-JS form, as a reader would, then approves it through the Admin API.
import fs from 'node:fs';
import { chromium } from 'playwright-core';
const base = process.env.DL_BASE ?? 'http://127.0.0.1:8090';
const key = fs.readFileSync(process.env.DL_KEY_FILE ?? '/tmp/dl-compare/initial-admin-api-key.txt', 'utf8').trim();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
await page.goto(`${base}/news/40/comment-form`);
await page.fill('#c-name', 'Lena Brandt');
await page.fill('#c-email', 'lena@example.org');
await page.fill('#c-body', 'Good to see the Eastgate branch library saved. The pool can wait a year, the potholes on Mill Road cannot.');
const q = await page.textContent('label[for=c-captcha]');
const [, a, b] = q.match(/(\d+)\s*\+\s*(\d+)/);
await page.fill('#c-captcha', String(Number(a) + Number(b)));
await page.waitForTimeout(4500); // the form refuses a comment sent less than 4 s after its question was issued (minSubmitSeconds)
await Promise.all([page.waitForLoadState('load'), page.click('button:has-text("Post comment")')]);
console.log((await page.textContent('body')).replace(/\s+/g, ' ').match(/.{0,80}moderation.{0,40}/)?.[0]);
await browser.close();
const h = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
const list = await (await fetch(`${base}/api/admin/v1/comments?status=pending&article=40`, { headers: h })).json();
for (const c of list.comments) {
  const r = await fetch(`${base}/api/admin/v1/comments/${c.id}/moderate`, { method: 'POST', headers: h, body: JSON.stringify({ action: 'approve' }) });
  console.log('approve', c.id, r.status);
}
