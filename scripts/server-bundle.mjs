// Where the server bundle lives and whether it is current: shared by
// bin/dateline.mjs (which runs it only when current) and scripts/build-server.mjs.
// Kept free of esbuild so the launcher loads nothing it does not need.
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const BUNDLE = path.join(ROOT, 'dist/dateline.mjs');

/** The files whose change makes the bundle stale: every source, and what shapes the build. */
const INPUT_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build-server.mjs', 'scripts/bundle-loader.mjs', 'scripts/bundle-ascii.mjs'];

/** Newest modification time of the bundle's inputs, in ms (a stat of each source file: a few ms). */
export function newestInput() {
  let newest = 0;
  for (const f of INPUT_FILES) {
    try {
      newest = Math.max(newest, fs.statSync(path.join(ROOT, f)).mtimeMs);
    } catch {
      // package-lock.json may be absent in a fresh clone; the others are always there.
    }
  }
  const walk = (dir) => {
    // A folder's own time changes when a file in it is added, removed or renamed.
    newest = Math.max(newest, fs.statSync(dir).mtimeMs);
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(path.join(ROOT, 'src'));
  return newest;
}

/** True when dist/dateline.mjs exists and is newer than every input: running it is running the sources. */
export function bundleIsFresh() {
  try {
    return fs.statSync(BUNDLE).mtimeMs >= newestInput();
  } catch {
    return false;
  }
}
