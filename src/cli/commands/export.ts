import fs from 'node:fs';
import { once } from 'node:events';
import { carryMedia, exportSite, exportWxr } from '../../domain/export/index.ts';
import { EXIT, parseFlags, UsageError, type Io } from '../io.ts';
import { configFrom, withServices } from './services.ts';

export const EXPORT_USAGE = `usage: dateline export FILE [--with-accounts] [--force]
       dateline export --format wxr FILE [--force]

Writes everything needed to rebuild the site into FILE, a Dateline export
(JSON Lines, version 1; docs/export.md): settings, house spellings, images,
people, sections, tags with aliases, stories with their tags, bylines,
corrections and revisions, comments with their threads and statuses, static
pages with revisions and the footer menu order, old addresses and redirect
rules, and the front-page choices. The media files go beside it, into
FILE.media/ (hard links when on the same disk): carry both. Read it back
into a fresh install with \`dateline import dateline FILE\`.

No secrets travel: no API keys, no sessions, no comment salts or keys, no
second factors. --with-accounts adds the staff accounts with their password
hashes and roles.

--format wxr writes a WordPress export (WXR 1.2) instead, for WordPress's
importer: stories as posts (first byline as author, section as category,
tags), their comments with replies and statuses, static pages as pages.
Images stay at this site's addresses; no media folder is written.`;

/** A line sink over a file stream that waits when the stream's buffer is full, so memory stays flat. */
export function fileSink(stream: fs.WriteStream): (line: string) => Promise<void> {
  return async (line) => {
    if (!stream.write(`${line}\n`)) await once(stream, 'drain');
  };
}

export async function closeStream(stream: fs.WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

/** `dateline export FILE`. */
export async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseFlags(args, { 'with-accounts': { type: 'boolean' }, force: { type: 'boolean' }, format: { type: 'string' } }, true);
  if (values.help) return (io.out(EXPORT_USAGE), EXIT.ok);
  const [file, ...rest] = positionals;
  if (!file || rest.length) throw new UsageError('export takes one FILE');
  const format = values.format ?? 'dateline';
  if (format !== 'dateline' && format !== 'wxr') throw new UsageError(`unknown --format "${format}" (dateline or wxr)`);
  if (format === 'wxr' && values['with-accounts']) throw new UsageError('--with-accounts goes with the Dateline format only (a WXR file carries no accounts)');
  if (fs.existsSync(file) && !values.force) throw new UsageError(`${file} exists (add --force to replace it)`);
  const config = configFrom(io);
  return withServices(config, async (s) => {
    const partial = `${file}.partial`;
    const stream = fs.createWriteStream(partial);
    const started = Date.now();
    let counts: Record<string, number>;
    try {
      if (format === 'wxr') counts = await exportWxr({ db: s.db }, fileSink(stream), { siteUrl: config.siteUrl, now: s.clock.now() });
      else {
        const mediaOut = `${file}.media`;
        fs.rmSync(mediaOut, { recursive: true, force: true });
        fs.mkdirSync(mediaOut, { recursive: true });
        counts = await exportSite({ db: s.db }, fileSink(stream), { withAccounts: values['with-accounts'], mediaFiles: carryMedia(config.mediaDir, mediaOut), now: s.clock.now() });
      }
      await closeStream(stream);
      fs.renameSync(partial, file);
    } catch (e) {
      stream.destroy();
      fs.rmSync(partial, { force: true });
      throw e;
    }
    const parts = Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(', ');
    io.out(`exported in ${((Date.now() - started) / 1000).toFixed(1)} s to ${file}${format === 'dateline' ? ` (media in ${file}.media/)` : ''}: ${parts}`);
    return EXIT.ok;
  });
}
