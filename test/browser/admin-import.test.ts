import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, listenOnLoopback, signInThroughForm, skipWithoutChromium } from '../helpers/browser.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';
import { makeStaff } from '../http/admin-auth-helpers.ts';

/**
 * /admin/import in a real Chromium: an admin uploads the WordPress theme
 * unit test export (read from ../shared at test time), the page shows the
 * waiting run, the job runs, and the bar fills and the summary appears
 * without a reload by hand (the page's script polls the progress JSON).
 * The "fetch pictures" box is ticked: the test app's client reaches no
 * network, so the summary lists each picture as failed, which proves the
 * choice travelled from the form to the job. On both databases.
 */
const FIXTURE = path.resolve(import.meta.dirname, '../../../shared/fixtures/import/wordpress/theme-unit-test-data.xml');
const skip = skipWithoutChromium || (fs.existsSync(FIXTURE) ? false : 'no ../shared/fixtures/import (clone without the shared fixtures)');

for (const dialect of DIALECTS) describe(`${dialect}: the import page in Chromium`, { skip }, () => {
  let app: TestApp;
  let browser: Browser;
  let base: string;

  before(async () => {
    app = await createTestApp(dialect);
    await makeStaff(app, 'admin', 'chief@news.test');
    base = await listenOnLoopback(app.server);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app.cleanup();
  });

  test('upload a WXR, watch the bar reach the end, read the summary', async () => {
    const errors: string[] = [];
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // After sign-in: the sign-in page's passkey script is a build output, absent from a tree that has not run build-assets.
    await signInThroughForm(page, base, 'chief@news.test');
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${base}/admin/import`);
    await page.selectOption('#import-kind', 'wordpress');
    await page.setInputFiles('#import-file', FIXTURE);
    assert.equal(await page.isChecked('#import-fetch-media'), false, 'off by default');
    assert.ok(await page.isVisible('#fetch-media-warning'));
    await page.check('#import-fetch-media');
    await page.screenshot({ path: `/tmp/dateline-import-form-${dialect}-1280.png`, fullPage: true });
    await Promise.all([page.waitForURL(/\/admin\/import\/\d+$/), page.click('#import-form button[type=submit]')]);
    assert.equal(await page.textContent('#import-state'), 'Waiting to start');
    assert.equal(await page.getAttribute('#import-bar', 'value'), '0');

    // The job runs here (test apps do not start the runner); the open page follows it by itself.
    await app.runner.runDue();
    await page.waitForSelector('#import-summary', { timeout: 15_000 });
    assert.equal(await page.getAttribute('#import-bar', 'value'), '100');
    assert.equal(await page.textContent('#import-state'), 'Finished');
    const stories = Number((await page.textContent('#summary-stories'))!.replace(/,/g, ''));
    assert.ok(stories > 0, 'the summary counts the stories');
    assert.equal((await app.queries.listAll({}, 1, 0, app.likeOp)).total, stories);
    assert.match((await page.textContent('#import-media'))!, /^Pictures: 0 imported, 0 reused from an earlier import, [1-9][\d,]* failed\./);
    assert.match((await page.textContent('#import-media li'))!, /tests do not reach the internet/);
    await page.screenshot({ path: `/tmp/dateline-import-done-${dialect}-1280.png`, fullPage: true });
    assert.deepEqual(errors, []);
  });
});
