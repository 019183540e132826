import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipWithoutChromium, listenOnLoopback, signInThroughForm } from '../helpers/browser.ts';
import { makeStaff } from '../http/admin-auth-helpers.ts';
import { createNewsroomTestApp, type NewsroomTestApp } from '../http/admin-stories.harness.ts';

type EditorWindow = { storyEditor: { autosave(): Promise<void> } };

/**
 * The writer's side of a database outage, in Chromium: another process
 * holds SQLite's write lock (a real lock, not a stub), so saves answer 503
 * after the busy timeout. The editor must keep the text, say so, and save
 * it by itself once the lock is gone; a pressed Save that meets the outage
 * must find its text again when the writer comes back to the story.
 */
describe('sqlite: the story editor while the database cannot take writes', { skip: skipWithoutChromium, timeout: 180_000 }, () => {
  let app: NewsroomTestApp;
  let browser: Browser;
  let base: string;
  let page: Page;
  let lock: BetterSqlite3.Database | null = null;
  const hold = () => {
    lock = new BetterSqlite3(path.join(app.config.dataDir, 'test.db'));
    lock.prepare('begin immediate').run();
  };
  const release = () => {
    lock?.prepare('rollback').run();
    lock?.close();
    lock = null;
  };

  before(async () => {
    app = await createNewsroomTestApp('sqlite');
    await makeStaff(app as never, 'editor');
    base = await listenOnLoopback(app.server);
    browser = await launchChromium();
    page = await browser.newPage();
    await signInThroughForm(page, base);
  });
  after(async () => {
    release();
    await browser?.close();
    await app.cleanup();
  });

  test('autosave meets a 503: the text stays, the writer is told, and it is saved by itself once the database is back', async () => {
    await page.goto(`${base}/admin/stories/new`);
    await page.waitForSelector('.story-prose');
    await page.fill('input[name=headline]', 'Storm closes the harbour');
    await page.click('.story-prose');
    await page.keyboard.type('First paragraph, saved.');
    await page.evaluate(() => (window as unknown as EditorWindow).storyEditor.autosave());
    await page.waitForSelector('#save-status:has-text("Draft saved")');
    const id = Number(/\/admin\/stories\/(\d+)/.exec(page.url())?.[1]);

    hold();
    await page.keyboard.type(' Second sentence typed during the outage.');
    await page.evaluate(() => (window as unknown as EditorWindow).storyEditor.autosave());
    const status = await page.textContent('#save-status');
    assert.match(status ?? '', /Not saved yet: the site cannot reach its database.*kept in this browser/);
    const kept = await page.evaluate((k) => sessionStorage.getItem(k), `dateline-draft:${id}`);
    assert.match(kept ?? '', /typed during the outage/);
    assert.match(await page.textContent('.story-prose') ?? '', /typed during the outage/);

    release();
    // The retry the editor scheduled from Retry-After, with nobody pressing anything.
    await page.waitForSelector('#save-status:has-text("Draft saved")', { timeout: 30_000 });
    assert.match(JSON.stringify((await app.articles.get(id)).body), /typed during the outage/);
    assert.equal(await page.evaluate((k) => sessionStorage.getItem(k), `dateline-draft:${id}`), null);
  });

  test('Save pressed during the outage: a readable 503 page, and the story page restores the text afterwards', async () => {
    await page.click('.story-prose');
    await page.keyboard.press('End');
    await page.keyboard.type(' Words from a save that did not land.');
    const id = Number(/\/admin\/stories\/(\d+)/.exec(page.url())?.[1]);
    hold();
    const [res] = await Promise.all([page.waitForNavigation(), page.click('button[value=save]')]);
    assert.equal(res?.status(), 503);
    assert.match(await page.textContent('body') ?? '', /cannot reach its database.*Your text was not lost/s);
    release();
    await page.goto(`${base}/admin/stories/${id}`);
    await page.waitForSelector('.story-prose');
    assert.match(await page.textContent('#save-status') ?? '', /Restored the text you had/);
    assert.match(await page.textContent('.story-prose') ?? '', /Words from a save that did not land/);
    assert.doesNotMatch(JSON.stringify((await app.articles.get(id)).body), /did not land/);
  });
});
