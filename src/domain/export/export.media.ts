import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MediaFile } from './export.format.ts';

const SAFE_KEY = /^[A-Za-z0-9_-]{8,64}$/;
const SAFE_FILE = /^[A-Za-z0-9_.-]{1,64}$/;

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The media travel as a folder beside the export (FILE.media/{key}/{file},
 * the layout of the media folder itself), not inside the JSON: images are
 * most of a site's bytes, and base64 in a line would cost a third more and
 * hold a whole image in memory. Each file is hard-linked when the folders
 * share a disk (no copy, no space), else copied; the record lists every
 * file with its size and SHA-256, which the import checks.
 */
export function carryMedia(mediaDir: string, outDir: string): (key: string) => Promise<MediaFile[]> {
  return async (key) => {
    if (!SAFE_KEY.test(key)) throw new Error(`unsafe media key ${JSON.stringify(key)}`);
    const from = path.join(mediaDir, key);
    if (!fs.existsSync(from)) return [];
    const to = path.join(outDir, key);
    fs.mkdirSync(to, { recursive: true });
    const files: MediaFile[] = [];
    for (const name of fs.readdirSync(from).sort()) {
      // Half-written uploads (.name.tmp) are not media yet.
      if (name.startsWith('.') || !SAFE_FILE.test(name) || !fs.statSync(path.join(from, name)).isFile()) continue;
      const dst = path.join(to, name);
      fs.rmSync(dst, { force: true });
      try {
        fs.linkSync(path.join(from, name), dst);
      } catch {
        fs.copyFileSync(path.join(from, name), dst);
      }
      files.push({ file: name, bytes: fs.statSync(dst).size, sha256: await sha256Of(dst) });
    }
    return files;
  };
}
