import fs from 'node:fs';
import path from 'node:path';
import { replaceArticleBylines, replaceArticleTags } from '../articles/index.ts';
import { cacheTag, recordChanges, type ChangeInput, type ChangeKind } from '../changes/index.ts';
import { EXPORT_FORMAT, RECORDS, type ExportRecord, type RecordType } from '../export/index.ts';
import type { Q } from '../../storage/index.ts';
import { checkExportFile, linesOf } from './dateline.check.ts';
import { catchUpSequences, foreignContent, rememberManyImported, replaceTagAliases, upsertById, upsertByKey, upsertManyById } from './dateline.repo.ts';
import { releaseImport } from './import.flip.ts';
import { findImported, holdStatus, isHeld, rememberImported, type SourceKind } from './import.repo.ts';
import type { ImportDeps } from './import.types.ts';

const SOURCE = 'dateline';
/** Records a transaction: small enough that a batch holds little, large enough that commits do not dominate. */
const BATCH = 500;

export interface DatelineImportOptions {
  /** The folder the export's media files are in (FILE.media/ beside the export unless told). */
  mediaDir: string;
  onProgress?: (p: { done: number; total: number; elapsedMs: number }) => void;
  /** Records a transaction (BATCH unless told). */
  batch?: number;
}

export interface DatelineImportResult {
  /** Records written, by type. */
  counts: Record<string, number>;
  elapsedMs: number;
}

/** The target is not a fresh install (or an earlier run of the same kind of import). */
export class ImportTargetError extends Error {}

/** Which records an import_sources row remembers (the kinds the fresh-install check looks at; stories remember themselves, with their held status). */
const REMEMBERED: Partial<Record<RecordType, SourceKind>> = {
  image: 'image', person: 'person', section: 'section', tag: 'tag', user: 'user', comment: 'comment', page: 'page', 'redirect-rule': 'redirect-rule',
};

/** Types written a run at a time, in one statement (RecordWriter.writeRun). */
const BULK = new Set<RecordType>(['person', 'section', 'correction', 'revision', 'comment', 'page', 'page-revision', 'redirect', 'redirect-rule', 'front-page-pick']);

/** What a batch's change rows say for each type: who listens for which kind (src/main.ts), and which pages may show it. */
const KIND: Record<RecordType, ChangeKind | null> = {
  setting: 'settings', 'house-spelling': 'house-spelling', image: 'image', person: 'person', section: 'section', tag: 'tag', user: null, article: null,
  correction: 'article', revision: null, comment: 'comment', page: 'page', 'page-revision': null, redirect: 'redirect', 'redirect-rule': 'redirect', 'front-page-pick': 'front-page',
};

/**
 * `dateline import dateline FILE`: a Dateline export (docs/export.md) into
 * a fresh install, with every id kept (ids are in the public addresses).
 *
 * 1. The whole file is checked first (dateline.check.ts): a bad version, a
 *    bad line or a missing media file is refused naming the line, before
 *    one row is written.
 * 2. Records are written in batches of BATCH, one transaction each, every
 *    batch with its change rows. New stories go in as drafts with their
 *    real status held in import_sources, and one last transaction gives
 *    them all their status (import.flip.ts): a run that dies half-way
 *    leaves nothing a reader can see, and running it again finishes it.
 * 3. import_sources keys what was written by the exported ids, so a re-run
 *    updates in place; content that did not come from such an import is
 *    refused up front, because the exported ids would collide with it.
 */
export async function importDateline(deps: ImportDeps, file: string, opts: DatelineImportOptions): Promise<DatelineImportResult> {
  const started = Date.now();
  const checked = await checkExportFile(file, opts.mediaDir);
  const foreign = await foreignContent(deps.db.kysely, checked.withAccounts);
  if (Object.keys(foreign).length) {
    const what = Object.entries(foreign).map(([t, n]) => `${n} ${t.replace(/_/g, ' ')}`).join(', ');
    throw new ImportTargetError(`import dateline goes into a fresh install (it keeps the exported ids), and this database already holds ${what}; nothing was imported`);
  }
  if (checked.counts.image && !deps.blobs) throw new ImportTargetError('this import has no media store to put the images in');
  // The hash salt is read once, here: inside a batch's transaction a read on
  // another connection would wait for the batch (SQLite has one writer).
  await deps.hash('email', '');
  const writer = new RecordWriter(deps, opts.mediaDir);
  const total = Object.values(checked.counts).reduce((a, b) => a + b, 0);
  let batch: ExportRecord[] = [];
  const flush = async () => {
    const records = batch;
    batch = [];
    await deps.db.kysely.transaction().execute((trx) => writer.writeBatch(trx, records));
    await deps.changes.committed();
    opts.onProgress?.({ done: writer.done, total, elapsedMs: Date.now() - started });
  };
  for await (const { text } of linesOf(file)) {
    const rec = JSON.parse(text) as ExportRecord | { type: string };
    if (rec.type === EXPORT_FORMAT || rec.type === 'end') continue;
    batch.push(rec as ExportRecord);
    if (batch.length >= (opts.batch ?? BATCH)) await flush();
  }
  if (batch.length) await flush();
  await catchUpSequences(deps.db, [...new Set(Object.values(RECORDS).filter((s) => 'id' in s.fields).map((s) => s.table))]);
  await releaseImport(deps, SOURCE, { exact: true });
  return { counts: writer.counts, elapsedMs: Date.now() - started };
}

class RecordWriter {
  readonly counts: Record<string, number> = {};
  done = 0;
  private readonly nowIso: string;

  constructor(
    private readonly deps: ImportDeps,
    private readonly mediaDir: string,
  ) {
    this.nowIso = deps.clock.now().toISOString();
  }

  async writeBatch(trx: Q, records: ExportRecord[]): Promise<void> {
    const changes: ChangeInput[] = [];
    const kinds = new Set<ChangeKind>();
    let run: ExportRecord[] = [];
    const flushRun = async () => {
      if (run.length) changes.push(...(await this.writeRun(trx, run)));
      run = [];
    };
    for (const rec of records) {
      if (BULK.has(rec.type)) {
        if (run.length && run[0].type !== rec.type) await flushRun();
        run.push(rec);
      } else {
        await flushRun();
        const own = await this.write(trx, rec);
        if (own) changes.push(own);
        const remembered = REMEMBERED[rec.type];
        if (remembered) await rememberImported(trx, SOURCE, remembered, String(rec.row.id), rec.row.id as number, this.nowIso);
      }
      const kind = KIND[rec.type];
      if (kind) kinds.add(kind);
      this.counts[rec.type] = (this.counts[rec.type] ?? 0) + 1;
      this.done++;
    }
    await flushRun();
    // One change per kind a batch touched, naming every page: a site being
    // moved in has no readers to keep warm, and the listeners (settings,
    // house spellings) reload on their kind.
    for (const kind of kinds) changes.push({ kind, id: '*', action: 'imported', tags: [cacheTag.all] });
    await recordChanges(trx, changes.map((change) => ({ at: this.nowIso, change })));
  }

  /**
   * Records of one type that need nothing but their row, as one multi-row
   * statement: comments, revisions and the like are most of a site's
   * records, and a statement each would make the import a round trip per
   * row (slow on PostgreSQL). A reply may sit in the same statement as its
   * parent: both databases check a foreign key at the statement's end.
   */
  private async writeRun(trx: Q, run: ExportRecord[]): Promise<ChangeInput[]> {
    const type = run[0].type;
    if (type !== 'comment') {
      await upsertManyById(trx, RECORDS[type].table, run.map((r) => r.row));
    } else {
      const rows = [];
      for (const r of run) rows.push({ ...r.row, email_hash: await this.deps.hash('email', String(r.row.author_email).toLowerCase()), ip_hash: '' });
      await upsertManyById(trx, 'comments', rows);
    }
    const remembered = REMEMBERED[type];
    if (remembered) await rememberManyImported(trx, SOURCE, remembered, run.map((r) => r.row.id as number), this.nowIso);
    if (type !== 'comment') return [];
    const stories = [...new Set(run.map((r) => r.row.article_id as number))];
    return stories.map((id): ChangeInput => ({ kind: 'comment', id, action: 'imported', tags: [cacheTag.comments(id)] }));
  }

  /** One record; returns the change of a story's own, when it has one. */
  private async write(trx: Q, rec: ExportRecord): Promise<ChangeInput | null> {
    const table = RECORDS[rec.type].table;
    switch (rec.type) {
      case 'setting':
      case 'house-spelling':
        await upsertByKey(trx, table, rec.row);
        return null;
      case 'image':
        // Files before the row, so a row never names a file that is not there yet.
        for (const f of rec.files ?? []) await this.deps.blobs!.put(rec.row.key as string, f.file, fs.readFileSync(path.join(this.mediaDir, rec.row.key as string, f.file)));
        await upsertById(trx, table, rec.row);
        return null;
      case 'tag':
        await upsertById(trx, table, rec.row);
        await replaceTagAliases(trx, rec.row.id as number, rec.aliases ?? []);
        return null;
      case 'user':
        // Second factors are not in an export: they are enrolled again on the new site.
        await upsertById(trx, table, rec.row, { totp_secret: null, totp_pending: null, totp_last_step: 0 });
        return null;
      case 'article':
        return this.writeStory(trx, rec);
      default:
        await upsertById(trx, table, rec.row);
        return null;
    }
  }

  /**
   * A story new to this site goes in as a draft with its status held for
   * the flip; one an earlier finished run made public takes its row as it
   * is, like any edit.
   */
  private async writeStory(trx: Q, rec: ExportRecord): Promise<ChangeInput> {
    const id = rec.row.id as number;
    const known = (await findImported(trx, SOURCE, 'article', String(id))) !== undefined;
    const hold = !known || (await isHeld(trx, SOURCE, String(id)));
    await upsertById(trx, 'articles', hold ? { ...rec.row, status: 'draft', published_at: null } : rec.row);
    if (!known) await rememberImported(trx, SOURCE, 'article', String(id), id, this.nowIso);
    if (hold) await holdStatus(trx, SOURCE, String(id), rec.row.status as string, rec.row.published_at as string | null);
    await replaceArticleTags(trx, id, rec.tags ?? []);
    await replaceArticleBylines(trx, id, rec.bylines ?? []);
    if (!hold) {
      await this.deps.indexer?.index(trx, id);
      if (rec.row.status === 'scheduled' && rec.row.published_at) await this.deps.schedule?.(trx, id, rec.row.published_at as string);
    }
    return { kind: 'article', id, action: known ? 'updated' : 'created', tags: hold ? [cacheTag.story(id)] : [cacheTag.all] };
  }
}
