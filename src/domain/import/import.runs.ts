import fs from 'node:fs';
import type { Db } from '../../storage/index.ts';
import type { JobKind, JobQueue } from '../jobs/index.ts';
import { AppError } from '../shared/errors.ts';
import { importGhost } from './ghost.ts';
import { emptyCounts, progressFigures, type ImportCounts, type ImportDeps, type ImportProgress, type ImportResult } from './import.types.ts';
import { importWordPress } from './wordpress.ts';
import { ImportFormatError } from './xml-stream.ts';

export const IMPORT_JOB = 'import';
export type ImportKind = 'wordpress' | 'ghost';
export type RunState = 'waiting' | 'running' | 'done' | 'failed';

/** A run as the admin page and its JSON show it. */
export interface ImportRunView {
  id: number;
  kind: ImportKind;
  fileName: string;
  state: RunState;
  counts: ImportCounts;
  bytesRead: number;
  bytesTotal: number;
  elapsedMs: number;
  /** Stories a second so far; null before the first batch. */
  rate: number | null;
  /** From the share of the file read so far; null until there is a share to go on. */
  secondsLeft: number | null;
  /** `media` is absent from runs recorded before the admin page offered --fetch-media. */
  summary: (Pick<ImportResult, 'counts' | 'notes' | 'elapsedMs'> & Partial<Pick<ImportResult, 'media'>>) | null;
  error: string | null;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
}

export interface ImportRunsDeps {
  db: Db;
  jobs: JobQueue;
  clock: { now(): Date };
  importDeps: ImportDeps;
  /** Progress is written at most this often (ms): a row update per batch would double a fast import's commits. */
  progressEveryMs?: number;
}

/**
 * Imports started from /admin/import, run as `import` jobs on the job
 * runner (docs/jobs.md): the upload is a file in the data folder and a row
 * here; the job reads the file and writes its progress into the row, so the
 * page's progress bar reads the database, not the process that runs it. A
 * run cut short (a restart, a crash) is claimed again when its lease runs
 * out and imports the file again from the top: an import is idempotent
 * (keyed by the source's ids), so what the first attempt wrote is updated,
 * not duplicated, and the stories appear at the end as in a first run.
 */
export class ImportRuns {
  constructor(private readonly deps: ImportRunsDeps) {}

  /** Records the run and enqueues its job in one transaction; the file is the run's from then on. */
  async start(p: { kind: ImportKind; filePath: string; fileName: string; actor: string; fetchMedia?: boolean }): Promise<number> {
    const nowIso = this.deps.clock.now().toISOString();
    const bytes = fs.statSync(p.filePath).size;
    return this.deps.db.kysely.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('import_runs')
        .values({ kind: p.kind, file_path: p.filePath, file_name: p.fileName.slice(0, 200), bytes_total: bytes, state: 'waiting', progress: '{}', created_by: p.actor, created_at: nowIso, updated_at: nowIso })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.deps.jobs.enqueue(trx, IMPORT_JOB, { runId: id, ...(p.fetchMedia ? { fetchMedia: true } : {}) }, { key: `import:${id}`, maxAttempts: 5 });
      return id;
    });
  }

  async get(id: number): Promise<ImportRunView> {
    const r = await this.deps.db.kysely.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw new AppError('NOT_FOUND', 'No such import.');
    return viewOf(r);
  }

  async recent(limit = 20): Promise<ImportRunView[]> {
    const rows = await this.deps.db.kysely.selectFrom('import_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
    return rows.map(viewOf);
  }

  readonly job: JobKind<{ runId: number; fetchMedia?: boolean }> = {
    backoffMs: 10_000,
    handle: async (payload, ctx) => {
      const run = await this.deps.db.kysely.selectFrom('import_runs').selectAll().where('id', '=', Number(payload.runId)).executeTakeFirst();
      if (!run || run.state === 'done' || run.state === 'failed') return;
      await this.update(run.id, { state: 'running' });
      const every = this.deps.progressEveryMs ?? 500;
      let last = -Infinity;
      let writing: Promise<void> = Promise.resolve();
      const onProgress = (p: ImportProgress) => {
        if (p.elapsedMs - last < every) return;
        last = p.elapsedMs;
        writing = writing.then(() => this.update(run.id, { progress: JSON.stringify(progressOf(p)) }));
      };
      let result: ImportResult;
      try {
        // The one media choice the admin page offers (docs/import.md, "From the admin page"): a folder is named on the server only.
        const opts = { onProgress, signal: ctx.signal, media: { fetch: payload.fetchMedia === true } };
        result = run.kind === 'ghost' ? await importGhost(this.deps.importDeps, run.file_path, opts) : await importWordPress(this.deps.importDeps, run.file_path, opts);
      } catch (e) {
        await writing;
        // The file's fault: running it again would fail the same way.
        if (e instanceof ImportFormatError) return this.end(run, 'failed', null, e.message);
        await this.update(run.id, { error: e instanceof Error ? e.message : String(e) });
        throw e;
      }
      await writing;
      const summary = { counts: result.counts, notes: result.notes, media: result.media, elapsedMs: result.elapsedMs };
      await this.end(run, 'done', summary, null);
    },
  };

  private async end(run: { id: number; file_path: string; bytes_total: number }, state: RunState, summary: unknown, error: string | null): Promise<void> {
    const nowIso = this.deps.clock.now().toISOString();
    const progress = summary ? JSON.stringify({ ...(summary as { counts: ImportCounts; elapsedMs: number }), bytesRead: run.bytes_total }) : undefined;
    await this.update(run.id, { state, summary: summary ? JSON.stringify(summary) : null, error, finished_at: nowIso, ...(progress ? { progress } : {}) });
    fs.rmSync(run.file_path, { force: true });
  }

  private async update(id: number, patch: Partial<{ state: string; progress: string; summary: string | null; error: string | null; finished_at: string }>): Promise<void> {
    await this.deps.db.kysely.updateTable('import_runs').set({ ...patch, updated_at: this.deps.clock.now().toISOString() }).where('id', '=', id).execute();
  }
}

const progressOf = (p: ImportProgress) => ({ counts: p.counts, bytesRead: p.bytesRead, elapsedMs: p.elapsedMs });

function viewOf(
  r: { id: number; kind: string; file_name: string; state: string; progress: string; summary: string | null; error: string | null; bytes_total: number; created_by: string; created_at: string; finished_at: string | null },
): ImportRunView {
  const p = JSON.parse(r.progress) as Partial<{ counts: ImportCounts; bytesRead: number; elapsedMs: number }>;
  const counts = { ...emptyCounts(), ...p.counts };
  const bytesRead = p.bytesRead ?? 0;
  const elapsedMs = p.elapsedMs ?? 0;
  const figures = progressFigures({ counts, bytesRead, bytesTotal: r.bytes_total, elapsedMs });
  const running = r.state === 'running';
  return {
    id: r.id,
    kind: r.kind === 'ghost' ? 'ghost' : 'wordpress',
    fileName: r.file_name,
    state: r.state as RunState,
    counts,
    bytesRead,
    bytesTotal: r.bytes_total,
    elapsedMs,
    rate: figures.rate,
    secondsLeft: running ? figures.secondsLeft : null,
    summary: r.summary ? JSON.parse(r.summary) : null,
    error: r.error,
    createdBy: r.created_by,
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}
