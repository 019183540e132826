import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { ARTICLE_STATUSES, COMMENT_MODES, parseDoc } from '../articles/index.ts';
import { EXPORT_FORMAT, EXPORT_VERSION, RECORD_ORDER, RECORDS, sha256Of, type ExportRecord, type RecordType } from '../export/index.ts';
import { ImportFormatError } from './xml-stream.ts';

/** Each line of the file with its number (1-based), read as a stream: one line in memory at a time. */
export async function* linesOf(file: string): AsyncGenerator<{ n: number; text: string }> {
  const rl = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const text of rl) {
    n++;
    if (text.trim()) yield { n, text };
  }
}

/** Which id of which type a field points at; checked before anything is written. */
const REFS: Partial<Record<RecordType, Record<string, RecordType>>> = {
  person: { photo_image_id: 'image' },
  section: { parent_id: 'section' },
  article: { section_id: 'section', featured_image_id: 'image', created_by: 'user' },
  correction: { article_id: 'article' },
  revision: { article_id: 'article' },
  comment: { article_id: 'article', parent_id: 'comment' },
  'page-revision': { page_id: 'page' },
  redirect: { article_id: 'article' },
  'front-page-pick': { article_id: 'article', section_id: 'section' },
};

const ENUMS: Partial<Record<RecordType, Record<string, readonly string[]>>> = {
  article: { status: ARTICLE_STATUSES, comment_mode: COMMENT_MODES, direction: ['ltr', 'rtl'] },
  comment: { status: ['pending', 'approved', 'rejected', 'spam'] },
  page: { status: ['draft', 'published'] },
  'redirect-rule': { match: ['exact', 'prefix'] },
};

const MEDIA_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const MEDIA_KEY = /^[A-Za-z0-9_-]{8,64}$/;

export interface CheckedFile {
  counts: Record<string, number>;
  withAccounts: boolean;
}

/**
 * The first pass over a Dateline export: proves every line before one row
 * is written. The header names a version this code reads; each line is a
 * JSON record of a known type, in RECORD_ORDER, with exactly its fields of
 * the right kinds; every id a record points at was given earlier in the
 * file; documents pass the same validator as the editor's; every media
 * file is there with its size and hash; the `end` record's counts match.
 * The first fault is thrown as `line N: what is wrong`.
 */
export async function checkExportFile(file: string, mediaDir: string): Promise<CheckedFile> {
  const seen = new Map<RecordType, Set<number>>(RECORD_ORDER.map((t) => [t, new Set<number>()]));
  const counts: Record<string, number> = {};
  let header: { withAccounts: boolean } | undefined;
  let ended = false;
  let order = 0;
  for await (const { n, text } of linesOf(file)) {
    const fail = (why: string): never => {
      throw new ImportFormatError(why, n);
    };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      fail(`not a JSON record (${(e as Error).message})`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) fail('not a JSON object');
    const rec = value as Record<string, unknown>;
    if (!header) {
      if (rec.type !== EXPORT_FORMAT) fail(`not a Dateline export: the first line must be {"type":"${EXPORT_FORMAT}","version":${EXPORT_VERSION},…}`);
      if (rec.version !== EXPORT_VERSION) fail(`a Dateline export of version ${JSON.stringify(rec.version)}; this Dateline reads version ${EXPORT_VERSION} only`);
      header = { withAccounts: rec.withAccounts === true };
      continue;
    }
    if (ended) fail('a record after the "end" record');
    if (rec.type === 'end') {
      ended = true;
      const said = rec.counts as Record<string, unknown> | undefined;
      for (const t of RECORD_ORDER) if ((said?.[t] ?? 0) !== (counts[t] ?? 0)) fail(`the end record counts ${String(said?.[t] ?? 0)} ${t} records, the file holds ${counts[t] ?? 0}`);
      continue;
    }
    const type = rec.type as RecordType;
    if (typeof rec.type !== 'string' || !(type in RECORDS)) fail(`unknown record type ${JSON.stringify(rec.type)}`);
    const at = RECORD_ORDER.indexOf(type);
    if (at < order) fail(`a ${type} record after ${RECORD_ORDER[order]} records (records come in the order ${RECORD_ORDER.join(', ')})`);
    order = at;
    const problem = recordProblem(rec as unknown as ExportRecord, seen);
    if (problem) fail(`${type}: ${problem}`);
    if (type === 'image') {
      const missing = await mediaProblem(rec as unknown as ExportRecord, mediaDir);
      if (missing) fail(`image ${String((rec.row as { id: number }).id)}: ${missing}`);
    }
    const id = (rec.row as { id?: unknown }).id;
    if (typeof id === 'number') {
      if (seen.get(type)!.has(id)) fail(`${type} id ${id} appears twice`);
      seen.get(type)!.add(id);
    }
    counts[type] = (counts[type] ?? 0) + 1;
  }
  if (!header) throw new ImportFormatError('the file is empty', 1);
  if (!ended) throw new ImportFormatError('the file ends without its "end" record: it was cut short');
  return { counts, withAccounts: header.withAccounts };
}

function recordProblem(rec: ExportRecord, seen: Map<RecordType, Set<number>>): string | null {
  const spec = RECORDS[rec.type];
  if (!rec.row || typeof rec.row !== 'object' || Array.isArray(rec.row)) return 'no "row" object';
  for (const key of Object.keys(rec)) if (key !== 'type' && key !== 'row' && !(key in (('extra' in spec && spec.extra) || {}))) return `unknown field "${key}"`;
  for (const key of Object.keys(rec.row)) if (!(key in spec.fields)) return `unknown row field "${key}"`;
  for (const [key, kind] of Object.entries(spec.fields) as [string, string][]) {
    const v = rec.row[key];
    const nullable = kind.endsWith('?');
    if (v === null && nullable) continue;
    if (kind.startsWith('s') && typeof v !== 'string') return `row field "${key}" must be text${nullable ? ' or null' : ''}`;
    if (kind.startsWith('n') && !Number.isSafeInteger(v)) return `row field "${key}" must be a whole number${nullable ? ' or null' : ''}`;
  }
  for (const [key, allowed] of Object.entries(ENUMS[rec.type] ?? {})) if (!allowed.includes(rec.row[key] as string)) return `row field "${key}" is ${JSON.stringify(rec.row[key])}, not one of ${allowed.join(', ')}`;
  for (const [key, target] of Object.entries(REFS[rec.type] ?? {})) {
    const v = rec.row[key];
    if (v !== null && v !== undefined && !seen.get(target)!.has(v as number)) return `row field "${key}" points at ${target} ${String(v)}, which comes nowhere before it`;
  }
  if ('extra' in spec) {
    for (const [key, kind] of Object.entries(spec.extra) as [string, string][]) {
      const v = (rec as unknown as Record<string, unknown>)[key];
      if (!Array.isArray(v)) return `"${key}" must be a list`;
      if (kind === 'strings' && !v.every((x) => typeof x === 'string')) return `"${key}" must be a list of text`;
      if (kind === 'ids' && !v.every((x) => Number.isSafeInteger(x))) return `"${key}" must be a list of ids`;
    }
  }
  for (const [key, target] of [['tags', 'tag'], ['bylines', 'person']] as const) {
    const missing = rec.type === 'article' ? rec[key]!.find((id) => !seen.get(target)!.has(id)) : undefined;
    if (missing !== undefined) return `"${key}" names ${target} ${missing}, which comes nowhere before it`;
  }
  if (rec.type === 'article' || rec.type === 'page') {
    try {
      parseDoc(JSON.parse(rec.row.body as string));
    } catch (e) {
      const problems = (e as { problems?: { field: string; message: string }[] }).problems;
      return `the body is not a valid document (${problems?.map((p) => `${p.field} ${p.message}`).join('; ') ?? (e as Error).message})`;
    }
  }
  return null;
}

async function mediaProblem(rec: ExportRecord, mediaDir: string): Promise<string | null> {
  const key = rec.row.key as string;
  if (!MEDIA_KEY.test(key)) return `unsafe media key ${JSON.stringify(key)}`;
  for (const f of rec.files ?? []) {
    if (!f || typeof f.file !== 'string' || !MEDIA_NAME.test(f.file) || f.file.startsWith('.') || typeof f.sha256 !== 'string' || !Number.isSafeInteger(f.bytes)) return 'a file entry needs a safe "file" name, "bytes" and "sha256"';
    const p = path.join(mediaDir, key, f.file);
    if (!fs.existsSync(p)) return `its file ${key}/${f.file} is not in ${mediaDir}`;
    if (fs.statSync(p).size !== f.bytes || (await sha256Of(p)) !== f.sha256) return `its file ${key}/${f.file} differs from the one exported (size or SHA-256)`;
  }
  return null;
}
