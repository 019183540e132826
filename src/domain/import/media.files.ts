import fs from 'node:fs/promises';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import type { ImgRef } from './html-to-doc.ts';
import { expandShortcodes, type ShortcodeSource } from './shortcodes.ts';

/**
 * Where an imported picture's bytes are: the path of its URL inside the
 * operator's copy of the uploads folder (`--media-dir`). Pure functions and
 * one guarded read; media.importer.ts decides what to do with them.
 */

/** The folder an export's uploads live under, as it appears in their URLs. */
const MARKER = { wordpress: '/wp-content/uploads/', ghost: '/content/images/' } as const;
export type MediaSourceName = keyof typeof MARKER;

/**
 * The path of a picture inside the uploads folder, as segments, or null
 * when its URL is not under it. WordPress: after `/wp-content/uploads/`
 * (WordPress.com's `*.files.wordpress.com` serves the same tree at its root);
 * Ghost: after `/content/images/`, without the `size/w600/` of a resized copy,
 * so the original is used. A segment that is empty, `.` or `..` after
 * decoding, or holds a slash, backslash or NUL, makes it null: such a URL
 * would name a file outside the folder.
 */
export function uploadsPath(url: string, source: MediaSourceName): string[] | null {
  let u: URL;
  try {
    u = new URL(url, 'http://relative.invalid/');
  } catch {
    return null;
  }
  const marker = MARKER[source];
  const at = u.pathname.indexOf(marker);
  let rest: string;
  if (at >= 0) rest = u.pathname.slice(at + marker.length);
  else if (source === 'wordpress' && /\.files\.wordpress\.com$/i.test(u.hostname)) rest = u.pathname.slice(1);
  else return null;
  if (source === 'ghost') rest = rest.replace(/^size\/w\d+(?:h\d+)?\//, '');
  const segments: string[] = [];
  for (const raw of rest.split('/')) {
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (!seg || seg === '.' || seg === '..' || /[\\/\u0000]/.test(seg)) return null;
    segments.push(seg);
  }
  return segments.length ? segments : null;
}

export class MediaFileError extends Error {}

/**
 * The file at `segments` under `dir`, refusing anything that resolves
 * outside it: the real path (symlinks followed) must stay inside the
 * folder's real path, so a link planted in the copy cannot read /etc.
 * Only regular files up to `maxBytes` are read.
 */
export async function readUnder(dir: string, segments: string[], maxBytes: number): Promise<Buffer> {
  const root = await fs.realpath(dir);
  let real: string;
  try {
    real = await fs.realpath(path.join(root, ...segments));
  } catch {
    throw new MediaFileError(`no file ${segments.join('/')} in the media folder`);
  }
  if (!real.startsWith(root + path.sep)) throw new MediaFileError(`${segments.join('/')} leads outside the media folder; not read`);
  const handle = await fs.open(real, 'r');
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new MediaFileError(`${segments.join('/')} is not a file`);
    if (st.size > maxBytes) throw new MediaFileError(`${segments.join('/')} is larger than ${maxBytes / 1024 / 1024} MB`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * The pictures of a post's HTML, before it is converted: the importer fetches
 * them between batches (outside any transaction), so the conversion can then
 * look each one up. A tokenizer pass, only for posts that have an `<img`.
 */
export function imagesIn(raw: string, shortcodes?: ShortcodeSource): ImgRef[] {
  // A [gallery] names its pictures only by attachment id: expanded as htmlToDoc will expand it.
  const html = expandShortcodes(raw, shortcodes);
  if (!/<img\b/i.test(html)) return [];
  const out: ImgRef[] = [];
  const parser = new Parser(
    {
      onopentag(name, a) {
        if (name === 'img') out.push({ src: (a.src || a['data-src'] || '').trim(), className: a.class ?? '', alt: a.alt, caption: '', credit: '' });
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out;
}

/** Runs `fn` over `items`, at most `limit` at a time. */
export async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
