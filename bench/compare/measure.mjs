// Page weight and first paint for docs/comparison.md, measured the same way for every product:
// a fresh Chromium context (empty cache) per load, 1280x900, JavaScript on, the page loaded until the network is idle
// (lazy images below the fold are not scrolled into view). Runs are interleaved across pages so machine load hits all alike.
// Usage: [NOJS=1] node measure.mjs RUNS name=url ...   (NOJS=1: JavaScript off, for a diagnosis; the doc's table has it on)
import os from 'node:os';
import { chromium } from 'playwright-core';
const [runsArg, ...specs] = process.argv.slice(2);
const runs = Number(runsArg);
const targets = specs.map((s) => { const i = s.indexOf('='); return { name: s.slice(0, i), url: s.slice(i + 1), samples: [] }; });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
async function once(url) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: process.env.NOJS !== '1' });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  const types = new Map(); const byType = {}; let transferred = 0; let decoded = 0; let requests = 0; let docBytes = 0; const hosts = new Set();
  cdp.on('Network.responseReceived', (e) => { types.set(e.requestId, e.type); hosts.add(new URL(e.response.url).host); });
  cdp.on('Network.dataReceived', (e) => { decoded += e.dataLength; });
  cdp.on('Network.loadingFinished', (e) => {
    requests++; transferred += e.encodedDataLength;
    const t = types.get(e.requestId) ?? 'Other'; byType[t] = (byType[t] ?? 0) + e.encodedDataLength;
    if (t === 'Document') docBytes += e.encodedDataLength;
  });
  let failed = 0; cdp.on('Network.loadingFailed', () => { failed++; });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle').catch(() => {});
  const timing = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    const nav = performance.getEntriesByType('navigation')[0];
    return { fcp, ttfb: nav.responseStart, load: nav.loadEventEnd };
  });
  await ctx.close();
  return { ...timing, transferred, decoded, requests, failed, docBytes, byType, hosts: [...hosts] };
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const load0 = os.loadavg();
for (const t of targets) await once(t.url); // warm each server once (a cold process is not what a reader meets)
for (let r = 0; r < runs; r++) for (const t of targets) t.samples.push(await once(t.url));
const load1 = os.loadavg();
console.log(`date ${new Date().toISOString()} runs ${runs} load average before ${load0.map((x) => x.toFixed(2)).join(' ')} after ${load1.map((x) => x.toFixed(2)).join(' ')}`);
console.log('| page | requests | transferred KB | decoded KB | HTML KB (transferred) | script KB | CSS KB | font KB | image KB | failed | TTFB ms | FCP ms (median, min–max) | load ms |');
for (const t of targets) {
  const s = t.samples; const last = s[s.length - 1]; const kb = (b) => (b / 1024).toFixed(1);
  const bt = (k) => kb(last.byType[k] ?? 0);
  const fcps = s.map((x) => x.fcp);
  console.log(`| ${t.name} | ${last.requests} | ${kb(last.transferred)} | ${kb(last.decoded)} | ${kb(last.docBytes)} | ${bt('Script')} | ${bt('Stylesheet')} | ${bt('Font')} | ${bt('Image')} | ${last.failed} | ${median(s.map((x) => x.ttfb)).toFixed(0)} | ${median(fcps).toFixed(0)} (${Math.min(...fcps).toFixed(0)}–${Math.max(...fcps).toFixed(0)}) | ${median(s.map((x) => x.load)).toFixed(0)} |`);
  console.error(t.name, 'hosts', last.hosts.join(' '));
}
await browser.close();
