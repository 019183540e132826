import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const PUBLIC = path.resolve(import.meta.dirname, '../../../../public');
let cached: { js: string; css: string } | null = null;

/**
 * URLs of the editor bundle (scripts/build-assets.mjs), versioned by a hash
 * of their bytes so a rebuilt bundle is never served stale from a cache.
 * Read once; a missing bundle (assets not built) still gives working URLs.
 */
export function editorAssets(): { js: string; css: string } {
  if (cached) return cached;
  const v = (file: string) => {
    try {
      return `/static/${file}?v=${createHash('sha1').update(fs.readFileSync(path.join(PUBLIC, file))).digest('base64url').slice(0, 10)}`;
    } catch {
      return `/static/${file}`;
    }
  };
  cached = { js: v('admin/editor.js'), css: v('admin/editor.css') };
  return cached;
}
