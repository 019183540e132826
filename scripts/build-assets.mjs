#!/usr/bin/env node
// Bundles the newsroom's story editor (src/editor, TipTap) for the browser:
// public/admin/editor.js and public/admin/editor.css. Run before start and tests:
//   node scripts/build-assets.mjs
// One self-contained file each, no external requests: the admin CSP allows 'self' only.
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const common = { bundle: true, minify: true, sourcemap: true, legalComments: 'linked', logLevel: 'warning', target: ['chrome109', 'firefox115', 'safari16'] };

await build({
  ...common,
  entryPoints: [path.join(root, 'src/editor/main.ts')],
  outfile: path.join(root, 'public/admin/editor.js'),
  format: 'iife',
  platform: 'browser',
});
await build({
  ...common,
  entryPoints: [path.join(root, 'src/editor/editor.css')],
  outfile: path.join(root, 'public/admin/editor.css'),
});
