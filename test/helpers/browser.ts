import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PASSWORD } from '../http/admin-auth-helpers.ts';

/** Debian's Chromium (installed by .ci/run); playwright's own browser download cannot work here. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = fs.existsSync(CHROMIUM);
/** For describe(): skip with a reason when the browser is missing. */
export const skipWithoutChromium = hasChromium ? false : `${CHROMIUM} is not installed`;

/** Headless, sandbox off (root in CI), and none of Chromium's calls home: the network here is closed. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Starts the app's server on a free loopback port; its base URL. */
export async function listenOnLoopback(server: FastifyInstance): Promise<string> {
  await server.listen({ port: 0, host: '127.0.0.1' });
  const addr = server.server.address();
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}

/** Signs in through the newsroom's own form as a member made by makeStaff; resolves on the newsroom page the form sends them to. */
export async function signInThroughForm(page: Page, base: string, email = 'editor@news.test'): Promise<void> {
  await page.goto(`${base}/admin/sign-in`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', PASSWORD);
  const inNewsroom = (u: URL) => /^\/admin(\/|$)/.test(u.pathname) && !u.pathname.startsWith('/admin/sign-in');
  await Promise.all([page.waitForURL(inNewsroom), page.click('button[type=submit]')]);
}

/** Console errors and warnings and uncaught exceptions of a page, as they happen: a page that works leaves the list empty. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}
