import fs from 'node:fs';
import { importDateline, importGhost, importWordPress, progressFigures, type ImportProgress, type ImportResult } from '../../domain/import/index.ts';
import { keepHeapNearLive } from '../heap.ts';
import { EXIT, parseFlags, UsageError, type Io } from '../io.ts';
import { configFrom, withServices } from './services.ts';

export const IMPORT_USAGE = `usage: dateline import wordpress FILE.xml [--media-dir DIR] [--fetch-media]
       dateline import ghost FILE.json [--media-dir DIR] [--fetch-media]
       dateline import dateline FILE [--media DIR]

Imports a WordPress export (Tools → Export, WXR 1.0 to 1.2): posts become
stories (publish → published, future → scheduled, draft and private →
draft, pending → review), categories nested sections, tags, authors people,
comments (approved, held → pending, spam; trash skipped) with their replies,
and each post's old permalink and ?p=ID a 301 to its new address; pages
become static pages. Attachments and menus are skipped and counted.
Published sticky posts (Ghost: featured posts) become the front page's top
stories, newest first, only when the front page has no choices yet.

Featured and inline images are imported only when you say where from:
  --media-dir DIR   a copy of the old site's wp-content/uploads (or Ghost's
                    content/images): each picture is the file at its URL's
                    path after /wp-content/uploads/ (/content/images/);
                    nothing outside DIR is read, symlinks included
  --fetch-media     fetch each picture from its URL (public addresses only,
                    20 MB and 15 s at most; DIR first when both are given)
Each goes into the media library like an upload (checked, EXIF removed,
sizes made), with its alt text and caption. A re-run reuses what an earlier
run brought in. A picture that cannot be had is listed in the summary; its
story is imported without it. Without either option pictures are counted.

Run it again with the same file (or a newer export of the same site) to
update what it brought in: nothing is duplicated. New stories appear only
when the whole file is in; a file that is not well-formed, or that has a
DOCTYPE, is refused with the line at fault and nothing imported. Progress
(counts, rate, time left; Ghost too) goes to stderr; the summary to stdout.

A Ghost export (Settings → Labs → Export, Ghost 2 to 5): posts (from
their html, or mobiledoc / lexical when that is all there is), authors,
tags (a post's primary tag becomes its section), /{slug}/ → 301, pages,
featured and inline images (with the options above).

A Dateline export (\`dateline export FILE\`, docs/export.md) goes into a
fresh install with every id kept, so every address stays the same; its
media files are read from FILE.media/ (or --media DIR). The whole file is
checked first: an unknown version, a bad line or a missing media file is
refused naming the line, and nothing is written. Stories appear together
when the whole file is in; a re-run of the same file updates in place.`;

/** One stderr line a second at most: counts, stories a second, and time left from the share of the file read (of the posts done, for Ghost). */
export function progressLine(p: ImportProgress): string {
  const f = progressFigures(p);
  return `${(f.share * 100).toFixed(0)}%  ${f.done.toLocaleString('en')} stories, ${p.counts.comments.toLocaleString('en')} comments  ${(f.rate ?? 0).toLocaleString('en')} stories/s  ${f.secondsLeft !== null ? `${f.secondsLeft} s left` : ''}`.trimEnd();
}

function summary(r: ImportResult): string[] {
  const c = r.counts;
  const lines = [
    `imported in ${(r.elapsedMs / 1000).toFixed(1)} s: ${c.stories} new stories, ${c.updated} updated, ${c.comments} comments, ${c.sections} new sections, ${c.tags} new tags, ${c.people} new people, ${c.redirects} old addresses redirected, ${c.pages} new pages, ${c.pagesUpdated} pages updated`,
  ];
  for (const [why, n] of Object.entries(c.skipped)) lines.push(`skipped: ${n} ${why}`);
  for (const [note, n] of Object.entries(r.notes)) lines.push(`note: ${note} (${n})`);
  const m = r.media;
  if (m.imported || m.reused || m.failed) lines.push(`images: ${m.imported} imported, ${m.reused} reused from an earlier run, ${m.failed} failed`);
  if (m.notTried) lines.push(`images: ${m.notTried} not imported (give --media-dir DIR or --fetch-media to bring them in)`);
  for (const f of m.failures) lines.push(`image failed: ${f.url}: ${f.reason}`);
  if (m.failed > m.failures.length) lines.push(`image failed: and ${m.failed - m.failures.length} more`);
  return lines;
}

/** `dateline import wordpress FILE`. */
export async function importCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseFlags(args, { 'media-dir': { type: 'string' }, 'fetch-media': { type: 'boolean' }, media: { type: 'string' } }, true);
  if (values.help) return (io.out(IMPORT_USAGE), EXIT.ok);
  const [kind, file, ...rest] = positionals;
  if (kind !== 'wordpress' && kind !== 'ghost' && kind !== 'dateline') {
    throw new UsageError(kind === undefined ? 'say what to import: import wordpress FILE.xml, import ghost FILE.json or import dateline FILE' : `cannot import "${kind}" (wordpress, ghost or dateline)`);
  }
  if (values.media !== undefined && kind !== 'dateline') throw new UsageError('--media goes with import dateline only (--media-dir is the old site\'s uploads folder)');
  if (kind === 'dateline' && (values['media-dir'] !== undefined || values['fetch-media'])) throw new UsageError('import dateline reads its media from FILE.media/ or --media DIR');
  if (!file || rest.length) throw new UsageError(`import ${kind} takes one FILE`);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`no file "${file}"`);
  const dir = values['media-dir'];
  if (dir !== undefined && !(fs.existsSync(dir) && fs.statSync(dir).isDirectory())) throw new UsageError(`--media-dir: no folder "${dir}"`);
  const media = { dir, fetch: values['fetch-media'] === true };
  keepHeapNearLive();
  return withServices(configFrom(io), async (s) => {
    if (kind === 'dateline') {
      let last = 0;
      const r = await importDateline(s.importDeps, file, {
        mediaDir: values.media ?? `${file}.media`,
        onProgress: (p) => {
          if (p.elapsedMs - last < 1000) return;
          last = p.elapsedMs;
          io.err(`${((p.done / Math.max(p.total, 1)) * 100).toFixed(0)}%  ${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')} records`);
        },
      });
      io.out(`imported in ${(r.elapsedMs / 1000).toFixed(1)} s: ${Object.entries(r.counts).map(([t, n]) => `${n} ${t}`).join(', ')}`);
      return EXIT.ok;
    }
    // The first batch's line at once, then one a second.
    let last = -Infinity;
    const onProgress = (p: ImportProgress) => {
      if (p.elapsedMs - last < 1000) return;
      last = p.elapsedMs;
      io.err(progressLine(p));
    };
    const result = kind === 'ghost' ? await importGhost(s.importDeps, file, { media, onProgress }) : await importWordPress(s.importDeps, file, { media, onProgress });
    for (const line of summary(result)) io.out(line);
    return EXIT.ok;
  });
}
