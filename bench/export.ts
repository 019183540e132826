/**
 * Export and `import dateline` at scale: a SQLite site of N stories (the
 * demo paper, copied by SQL as in bench/bulk-stories.ts) with three
 * comments a published story (one a reply, one pending), exported, then
 * imported into a fresh SQLite (and PostgreSQL) database. Each step runs in
 * a child process of its own, so its peak RSS is its own.
 *
 *   npm run bench:export -- [--stories N] [--dialects sqlite,postgres]
 *
 * The point is memory that does not grow with the site (the format is
 * streamed, and both sides work a page or a batch at a time) and the time
 * it takes. The reference printed beside the export is the same child
 * process reading every exported row without writing it, so the cost of
 * the export itself shows apart from the reads.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { seedDemo } from '../src/domain/demo/index.ts';
import { carryMedia, exportSite } from '../src/domain/export/index.ts';
import { importDateline } from '../src/domain/import/index.ts';
import { createServices } from '../src/main.ts';
import { createPostgresDb, createSqliteDb, migrateToLatest } from '../src/storage/index.ts';
import { replicateStories } from './bulk-stories.ts';

const argv = process.argv.slice(2);
const value = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const config = (dir: string) => loadConfig({ DATELINE_DATA_DIR: dir, LOG_LEVEL: 'silent', DATELINE_SEED_DEMO: 'false' });

async function build(dir: string, stories: number): Promise<void> {
  const db = createSqliteDb(path.join(dir, 'dateline.db'));
  await migrateToLatest(db);
  const s = createServices(config(dir), db);
  await seedDemo(s, { now: new Date('2026-05-21T10:00:00Z') });
  await s.changes.stop();
  await db.close();
  replicateStories(path.join(dir, 'dateline.db'), 46, stories);
  const w = new BetterSqlite3(path.join(dir, 'dateline.db'));
  const cols = 'article_id, parent_id, author_name, author_email, email_hash, author_url, body, body_hash, status, held_reasons, ip_hash, notify, flag_count, created_at, updated_at, moderated_at, moderated_by';
  w.exec(`insert into comments (${cols}) select id, null, 'Reader ' || (id % 500), 'r' || (id % 500) || '@example.org', '', '', 'A view on story ' || id || ', with a second sentence for weight.', 'h', 'approved', '[]', '', 0, 0, published_at, published_at, published_at, 'bench' from articles where status = 'published'`);
  w.exec(`insert into comments (${cols}) select article_id, id, 'Replier', 'rr@example.org', '', '', 'A reply that mostly agrees, and says why.', 'h', 'approved', '[]', '', 0, 0, created_at, created_at, created_at, 'bench' from comments`);
  w.exec(`insert into comments (${cols}) select article_id, null, 'Waiting', 'w@example.org', '', '', 'Held for moderation.', 'h', 'pending', '[]', '', 0, 0, created_at, created_at, null, null from comments where parent_id is null`);
  w.pragma('wal_checkpoint(TRUNCATE)');
  w.close();
}

async function child(step: string, a: string, b: string, c: string): Promise<void> {
  const started = Date.now();
  let detail = '';
  if (step === 'export' || step === 'read') {
    const db = createSqliteDb(path.join(a, 'dateline.db'));
    const out = step === 'export' ? fs.createWriteStream(b) : null;
    let lines = 0;
    const counts = await exportSite(
      { db },
      async (line) => {
        lines++;
        if (out && !out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      },
      { mediaFiles: step === 'export' ? carryMedia(config(a).mediaDir, `${b}.media`) : async () => [], now: new Date() },
    );
    if (out) await new Promise<void>((r) => out.end(() => r()));
    await db.close();
    detail = `${lines.toLocaleString('en')} lines, ${counts.article.toLocaleString('en')} stories, ${counts.comment.toLocaleString('en')} comments${out ? `, ${(fs.statSync(b).size / 1e6).toFixed(0)} MB` : ''}`;
  } else {
    const schema = `bench_export_${process.pid}`;
    if (c === 'postgres') await pgQuery(`create schema ${schema}`);
    const db = c === 'sqlite' ? createSqliteDb(path.join(b, 'dateline.db')) : createPostgresDb(PG_URL, { schema, max: 4 });
    try {
      await migrateToLatest(db);
      const s = createServices(config(b), db);
      const r = await importDateline(s.importDeps, a, { mediaDir: `${a}.media` });
      await s.changes.stop();
      detail = `${(r.counts.article ?? 0).toLocaleString('en')} stories, ${(r.counts.comment ?? 0).toLocaleString('en')} comments`;
    } finally {
      await db.close();
      if (c === 'postgres') await pgQuery(`drop schema ${schema} cascade`);
    }
  }
  process.stdout.write(`${JSON.stringify({ seconds: (Date.now() - started) / 1000, rssMb: process.resourceUsage().maxRSS / 1024, detail })}\n`);
}

async function pgQuery(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(text);
  await c.end();
}

function run(label: string, args: string[]): void {
  const res = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (res.status !== 0) throw new Error(`${label} failed (exit ${res.status})`);
  const r = JSON.parse(res.stdout.trim().split('\n').pop()!);
  console.log(`${label.padEnd(28)} ${r.seconds.toFixed(1).padStart(6)} s  peak RSS ${r.rssMb.toFixed(0).padStart(4)} MB  (${r.detail})`);
}

async function main(): Promise<void> {
  if (argv[0] === '--child') return child(argv[1], argv[2], argv[3], argv[4]);
  const stories = Number(value('stories') ?? 100_000);
  const dialects = (value('dialects') ?? 'sqlite,postgres').split(',');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-export-'));
  try {
    const t0 = Date.now();
    const site = path.join(dir, 'site');
    fs.mkdirSync(site);
    await build(site, stories);
    console.log(`built a SQLite site of ${stories.toLocaleString('en')} stories with comments in ${((Date.now() - t0) / 1000).toFixed(1)} s; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const file = path.join(dir, 'site.jsonl');
    run('read every row (reference)', ['read', site, '', '']);
    run('export (SQLite)', ['export', site, file, '']);
    for (const dialect of dialects) {
      const into = fs.mkdtempSync(path.join(dir, `${dialect}-`));
      run(`import dateline (${dialect})`, ['import', file, into, dialect]);
    }
    console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
