#!/usr/bin/env node
// Launcher for `npx dateline ...` and `npm start`. It runs dist/dateline.mjs,
// the bundle scripts/build-server.mjs makes, when that is newer than every
// source file: plain node, no TypeScript compiler and no thousands of package
// files to read, so the first request is served about two seconds sooner.
// `--build` first (npm start passes it) rebuilds a stale bundle before running
// it. Otherwise a stale or missing bundle, or DATELINE_FROM_SOURCE=1, runs the
// TypeScript sources through tsx's ESM loader: an edited source is never run
// from an old bundle.
import { pathToFileURL } from 'node:url';
import { BUNDLE, bundleIsFresh } from '../scripts/server-bundle.mjs';

const build = process.argv[2] === '--build';
if (build) process.argv.splice(2, 1);

let fresh = process.env.DATELINE_FROM_SOURCE !== '1' && bundleIsFresh();
if (!fresh && build && process.env.DATELINE_FROM_SOURCE !== '1') {
  await (await import('../scripts/build-server.mjs')).buildServer();
  fresh = true;
}
if (fresh) {
  await import(pathToFileURL(BUNDLE).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
