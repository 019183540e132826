/**
 * WordPress import at scale (issue 14 target: 100,000 posts with 300,000
 * comments in under 5 minutes and 300 MB on SQLite), on SQLite and
 * PostgreSQL, each in a child process of its own so its peak RSS is its own.
 *
 *   npm run bench:import -- [--posts N] [--comments-per-post C] [--dialects sqlite,postgres] [--wxr FILE]
 *
 * The WXR is generated into a temporary folder (posts of ~400 words with
 * headings, lists and links, in 40 categories under 8 parents, 200 tags,
 * 20 authors; C comments each, one in three a reply). PostgreSQL is
 * TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test, in a schema
 * of its own, dropped after.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { importWordPress } from '../src/domain/import/index.ts';
import { createServices } from '../src/main.ts';
import { createPostgresDb, createSqliteDb, migrateToLatest } from '../src/storage/index.ts';
import { generateWxr } from './wxr.ts';

const argv = process.argv.slice(2);
const value = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TARGET = { seconds: 300, rssMb: 300 };

async function child(dialect: string, file: string, dir: string): Promise<void> {
  const schema = `bench_import_${process.pid}`;
  if (dialect === 'postgres') {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
  }
  const db = dialect === 'sqlite' ? createSqliteDb(path.join(dir, 'bench.db')) : createPostgresDb(PG_URL, { schema, max: 4 });
  try {
    await migrateToLatest(db);
    const services = createServices(loadConfig({ DATELINE_DATA_DIR: dir, LOG_LEVEL: 'silent', DATELINE_SEED_DEMO: 'false' }), db);
    const r = await importWordPress(services.importDeps, file);
    await services.changes.stop();
    const rssMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(JSON.stringify({ seconds: r.elapsedMs / 1000, stories: r.counts.stories, comments: r.counts.comments, rssMb }) + '\n');
  } finally {
    await db.close();
    if (dialect === 'postgres') {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    }
  }
}

async function main(): Promise<void> {
  if (argv[0] === '--child') return child(argv[1], argv[2], argv[3]);
  const posts = Number(value('posts') ?? 100_000);
  const perPost = Number(value('comments-per-post') ?? 3);
  const dialects = (value('dialects') ?? 'sqlite,postgres').split(',');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-import-'));
  try {
    // --wxr FILE: generate once into FILE and reuse it on later runs (iteration, profiling).
    const file = value('wxr') ?? path.join(dir, 'export.xml');
    const t0 = Date.now();
    const reuse = value('wxr') !== undefined && fs.existsSync(file);
    if (!reuse) generateWxr(file, posts, perPost);
    console.log(`${reuse ? `reused ${file} (--posts ignored)` : 'generated'} ${posts.toLocaleString('en')} posts, ${(posts * perPost).toLocaleString('en')} comments: ${(fs.statSync(file).size / 1e6).toFixed(0)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    console.log(`target (SQLite, 100,000 posts): under ${TARGET.seconds} s and ${TARGET.rssMb} MB peak RSS`);
    for (const dialect of dialects) {
      const dataDir = fs.mkdtempSync(path.join(dir, `${dialect}-`));
      const res = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', dialect, file, dataDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      if (res.status !== 0) throw new Error(`${dialect} run failed (exit ${res.status})`);
      const r = JSON.parse(res.stdout.trim().split('\n').pop()!);
      console.log(`${dialect.padEnd(9)} ${r.stories.toLocaleString('en')} stories, ${r.comments.toLocaleString('en')} comments in ${r.seconds.toFixed(1)} s: ${Math.round(r.stories / r.seconds).toLocaleString('en')} posts/s, peak RSS ${r.rssMb.toFixed(0)} MB`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
