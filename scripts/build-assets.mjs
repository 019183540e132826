#!/usr/bin/env node
// Bundles the newsroom's story editor (src/editor, TipTap) for the browser:
// public/admin/editor.js and public/admin/editor.css, and the passkey buttons
// (src/passkeys, @simplewebauthn/browser): public/admin/passkeys.js. Run before start and tests:
//   node scripts/build-assets.mjs            (skips the build when both are newer than their inputs)
//   node scripts/build-assets.mjs --force
// One self-contained file each, no external requests: the admin CSP allows 'self' only.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const common = { bundle: true, minify: true, sourcemap: true, legalComments: 'linked', logLevel: 'warning', target: ['chrome109', 'firefox115', 'safari16'] };
const outputs = ['public/admin/editor.js', 'public/admin/editor.css', 'public/admin/passkeys.js'].map((f) => path.join(root, f));
const sources = ['src/editor', 'src/passkeys'];

/** Each bundle imports its own folder and packages, the editor also the embed provider table; a changed lock file means changed packages. */
function isFresh() {
  const mtime = (f) => fs.statSync(f).mtimeMs;
  try {
    const inputs = sources.flatMap((dir) => [path.join(root, dir), ...fs.readdirSync(path.join(root, dir)).map((f) => path.join(root, dir, f))]);
    // The provider table is the server's, bundled in (one allow-list for both).
    inputs.push(path.join(root, 'src/domain/embeds/providers.ts'));
    for (const f of ['package.json', 'package-lock.json', 'scripts/build-assets.mjs']) if (fs.existsSync(path.join(root, f))) inputs.push(path.join(root, f));
    const newest = Math.max(...inputs.map(mtime));
    return outputs.every((o) => mtime(o) >= newest);
  } catch {
    return false;
  }
}

if (process.argv.includes('--force') || !isFresh()) {
  const { build } = await import('esbuild');
  await build({
    ...common,
    entryPoints: [path.join(root, 'src/editor/main.ts')],
    outfile: outputs[0],
    format: 'iife',
    platform: 'browser',
  });
  await build({
    ...common,
    entryPoints: [path.join(root, 'src/editor/editor.css')],
    outfile: outputs[1],
  });
  await build({
    ...common,
    entryPoints: [path.join(root, 'src/passkeys/main.ts')],
    outfile: outputs[2],
    format: 'iife',
    platform: 'browser',
  });
}
