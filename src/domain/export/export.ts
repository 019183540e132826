import type { Db, Q } from '../../storage/index.ts';
import {
  EXPORT_FORMAT, EXPORT_VERSION, EXPORTED_SETTINGS, RECORD_ORDER, RECORDS, type ExportEnd, type ExportHeader, type ExportRecord, type MediaFile, type RecordType,
  type Row,
} from './export.format.ts';
import { aliasesOf, allSections, linksOf, rowsAfter, rowsByKey } from './export.repo.ts';

/** Rows read per query: one page is all the export holds in memory, besides the sections. */
const PAGE = 500;

export interface ExportOptions {
  /** Staff accounts with their password hashes and roles (`--with-accounts`). */
  withAccounts?: boolean;
  /** Carries one image's files (copies them beside the export) and lists them. */
  mediaFiles(key: string): Promise<MediaFile[]>;
  now: Date;
}

export interface ExportDeps {
  db: Db;
}

/** Where the lines go; awaiting it is the back-pressure that keeps memory flat. */
export type LineSink = (line: string) => Promise<void>;

/**
 * Writes the whole site as JSON Lines (export.format.ts), table by table
 * in RECORD_ORDER, each read page by page by id. On PostgreSQL every read
 * runs in one REPEATABLE READ transaction, so the file is one moment of a
 * running site; SQLite's write lock would stop the site for the whole
 * export, so there pages are read one by one (docs/export.md says to
 * export a backup copy for a moment-exact file).
 */
export async function exportSite(deps: ExportDeps, write: LineSink, opts: ExportOptions): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const run = async (q: Q) => {
    const header: ExportHeader = { type: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: opts.now.toISOString(), withAccounts: !!opts.withAccounts };
    await write(JSON.stringify(header));
    for (const type of RECORD_ORDER) {
      if (type === 'user' && !opts.withAccounts) continue;
      counts[type] = 0;
      for await (const rec of recordsOf(q, type, opts)) {
        await write(JSON.stringify(rec));
        counts[type]++;
      }
    }
    const end: ExportEnd = { type: 'end', counts };
    await write(JSON.stringify(end));
  };
  if (deps.db.dialect === 'postgres') await deps.db.kysely.transaction().setIsolationLevel('repeatable read').execute(run);
  else await run(deps.db.kysely);
  return counts;
}

const columnsOf = (type: RecordType) => Object.keys(RECORDS[type].fields);

async function* recordsOf(q: Q, type: RecordType, opts: ExportOptions): AsyncGenerator<ExportRecord> {
  const spec = RECORDS[type];
  if (type === 'setting') {
    for (const row of await rowsByKey(q, spec.table, columnsOf(type), EXPORTED_SETTINGS)) yield { type, row };
    return;
  }
  if (type === 'house-spelling') {
    for (const row of await rowsByKey(q, spec.table, columnsOf(type))) yield { type, row };
    return;
  }
  if (type === 'section') {
    for (const row of parentsFirst(await allSections(q, columnsOf(type)))) yield { type, row };
    return;
  }
  for (let after = 0; ; ) {
    const rows = await rowsAfter(q, spec.table, columnsOf(type), after, PAGE);
    if (!rows.length) return;
    after = rows[rows.length - 1].id as number;
    yield* decorate(q, type, rows, opts);
  }
}

/** What a record carries beside its row: a story's tags and bylines, a tag's aliases, an image's files. */
async function* decorate(q: Q, type: RecordType, rows: Row[], opts: ExportOptions): AsyncGenerator<ExportRecord> {
  const ids = rows.map((r) => r.id as number);
  if (type === 'article') {
    const { tags, bylines } = await linksOf(q, ids);
    // An Admin API key's id means nothing on another install (keys are not exported); a user's id does only when users travel.
    for (const row of rows) yield { type, row: opts.withAccounts ? row : { ...row, created_by: null }, tags: tags.get(row.id as number) ?? [], bylines: bylines.get(row.id as number) ?? [] };
  } else if (type === 'tag') {
    const aliases = await aliasesOf(q, ids);
    for (const row of rows) yield { type, row, aliases: aliases.get(row.id as number) ?? [] };
  } else if (type === 'image') {
    for (const row of rows) yield { type, row, files: await opts.mediaFiles(row.key as string) };
  } else {
    for (const row of rows) yield { type, row };
  }
}

/** Sections with every parent before its children (a parent may have a higher id after a move). */
function parentsFirst(rows: Row[]): Row[] {
  const out: Row[] = [];
  const placed = new Set<number>();
  let left = rows;
  while (left.length) {
    const next = left.filter((r) => r.parent_id === null || placed.has(r.parent_id as number) || !rows.some((o) => o.id === r.parent_id));
    // A cycle cannot be stored (the tree is checked on save); if one were, its rows go last rather than looping.
    const take = next.length ? next : left;
    for (const r of take) (out.push(r), placed.add(r.id as number));
    left = left.filter((r) => !placed.has(r.id as number));
  }
  return out;
}
