import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
