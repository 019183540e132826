import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const PUBLIC = path.resolve(import.meta.dirname, '../../../../public');
let cached: { js: string; css: string } | null = null;
const urls = new Map<string, string>();

/** A built file's URL, versioned by a hash of its bytes (read once); a missing file (assets not built) still gets a working URL. */
export function assetUrl(file: string): string {
  let url = urls.get(file);
  if (!url) {
    try {
      url = `/static/${file}?v=${createHash('sha1').update(fs.readFileSync(path.join(PUBLIC, file))).digest('base64url').slice(0, 10)}`;
    } catch {
      url = `/static/${file}`;
    }
    urls.set(file, url);
  }
  return url;
}

/**
 * URLs of the editor bundle (scripts/build-assets.mjs), versioned by a hash
 * of their bytes so a rebuilt bundle is never served stale from a cache.
 * Read once; a missing bundle (assets not built) still gives working URLs.
 */
export function editorAssets(): { js: string; css: string } {
  if (cached) return cached;
  cached = { js: assetUrl('admin/editor.js'), css: assetUrl('admin/editor.css') };
  return cached;
}
