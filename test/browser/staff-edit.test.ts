import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { launchChromium, skipWithoutChromium, listenOnLoopback, signInThroughForm } from '../helpers/browser.ts';
import { makeStaff } from '../http/admin-auth-helpers.ts';
import { createNewsroomTestApp, type NewsroomTestApp } from '../http/admin-stories.harness.ts';
import { DIALECTS } from '../helpers/dialects.ts';

/**
 * "Edit this story" on the public story page: signed-in staff see it, a
 * reader does not, and both are served the very same cached bytes (the
 * link comes from public/staff-edit.js asking the newsroom).
 */
const dialect = DIALECTS[0];

describe(`${dialect}: the Edit link on public story pages`, { skip: skipWithoutChromium }, () => {
  let app: NewsroomTestApp;
  let browser: Browser;
  let base: string;
  let path: string;
  let id: number;

  before(async () => {
    app = await createNewsroomTestApp(dialect);
    await app.sections.create({ name: 'World', slug: 'world' });
    await makeStaff(app as never, 'editor');
    const a = await app.articles.create(parseArticleInput({ headline: 'Ferry service resumes', section: 'world', status: 'published', bodyMarkdown: 'The ferry ran again.' }, 'create'), 'test');
    id = a.id;
    path = `/news/${a.id}/${a.slug}`;
    base = await listenOnLoopback(app.server);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app.cleanup();
  });

  /** The page as a browser gets it, after its scripts have had their say. */
  async function visit(ctx: BrowserContext): Promise<{ page: Page; bytes: Buffer; headers: Record<string, string> }> {
    const page = await ctx.newPage();
    const res = await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
    assert.equal(res?.status(), 200);
    return { page, bytes: await res!.body(), headers: res!.headers() };
  }

  test('staff see Edit, a reader does not, and the page bytes are the same', async () => {
    const readerCtx = await browser.newContext();
    const reader = await visit(readerCtx);
    assert.equal(await reader.page.locator('.staff-edit').count(), 0, 'a reader sees no Edit link');

    const staffCtx = await browser.newContext();
    const signIn = await staffCtx.newPage();
    await signInThroughForm(signIn, base);
    const staff = await visit(staffCtx);
    await staff.page.waitForSelector('.staff-edit a');
    assert.equal(await staff.page.locator('.staff-edit a').getAttribute('href'), `/admin/stories/${id}`);
    assert.ok(staff.bytes.equals(reader.bytes), 'the cached page is the same bytes for staff and reader');
    assert.equal(staff.headers['set-cookie'], undefined);
    assert.doesNotMatch(staff.headers.vary ?? '', /cookie/i, 'no per-cookie copies in a CDN');
    assert.match(staff.headers['cache-control'] ?? '', /public/);
    await Promise.all([staff.page.waitForURL(new RegExp(`/admin/stories/${id}$`)), staff.page.click('.staff-edit a')]);

    // Signed out: the hint goes with the session, and so does the link.
    await staff.page.click('form[action="/admin/sign-out"] button');
    const after = await visit(staffCtx);
    assert.equal(await after.page.locator('.staff-edit').count(), 0, 'no link after sign-out');
    assert.equal((await staffCtx.cookies()).some((c) => c.name.endsWith('dl_staff')), false);
  });
});
