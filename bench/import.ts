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

const argv = process.argv.slice(2);
const value = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TARGET = { seconds: 300, rssMb: 300 };

function generate(file: string, posts: number, perPost: number): void {
  const fd = fs.openSync(file, 'w');
  const w = (s: string) => fs.writeSync(fd, s);
  w(`<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel><title>Bench</title><link>https://old.example/</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example/</wp:base_site_url>\n`);
  for (let a = 0; a < 20; a++) w(`<wp:author><wp:author_login>writer${a}</wp:author_login><wp:author_email>w${a}@old.example</wp:author_email><wp:author_display_name><![CDATA[Writer ${a}]]></wp:author_display_name></wp:author>\n`);
  for (let c = 0; c < 40; c++) w(`<wp:category><wp:category_nicename>cat-${c}</wp:category_nicename><wp:category_parent>${c >= 8 ? `cat-${c % 8}` : ''}</wp:category_parent><wp:cat_name><![CDATA[Category ${c}]]></wp:cat_name></wp:category>\n`);
  for (let t = 0; t < 200; t++) w(`<wp:tag><wp:tag_slug>tag-${t}</wp:tag_slug><wp:tag_name><![CDATA[Tag ${t}]]></wp:tag_name></wp:tag>\n`);
  const para = (i: number) => `<p>Paragraph ${i} of the story, with <strong>some bold words</strong>, a <a href="https://ex.example/${i}">link</a> and enough ordinary text to look like news copy that runs on for a while before it stops.</p>`;
  const body = `<!-- wp:heading --><h2>What happened</h2><!-- /wp:heading -->${Array.from({ length: 8 }, (_, i) => para(i)).join('\n')}<ul><li>One point</li><li>Another point</li></ul>${Array.from({ length: 8 }, (_, i) => para(i + 8)).join('\n')}`;
  let commentId = 1;
  for (let p = 1; p <= posts; p++) {
    const d = new Date(Date.UTC(2010, 0, 1) + p * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    let comments = '';
    for (let k = 0; k < perPost; k++, commentId++) {
      const parent = k % 3 === 2 ? commentId - 1 : 0;
      comments += `<wp:comment><wp:comment_id>${commentId}</wp:comment_id><wp:comment_author><![CDATA[Reader ${commentId % 500}]]></wp:comment_author><wp:comment_author_email>r${commentId % 500}@ex.example</wp:comment_author_email><wp:comment_date_gmt>${d}</wp:comment_date_gmt><wp:comment_content><![CDATA[A reader's view on this, number ${commentId}.]]></wp:comment_content><wp:comment_approved>${k % 10 === 9 ? '0' : '1'}</wp:comment_approved><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`;
    }
    w(`<item><title>Story number ${p}</title><link>https://old.example/${d.slice(0, 4)}/story-${p}/</link><dc:creator>writer${p % 20}</dc:creator><content:encoded><![CDATA[${body}]]></content:encoded><excerpt:encoded><![CDATA[Short version ${p}]]></excerpt:encoded><wp:post_id>${p}</wp:post_id><wp:post_date_gmt>${d}</wp:post_date_gmt><wp:post_name>story-${p}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><category domain="category" nicename="cat-${p % 40}"><![CDATA[Category ${p % 40}]]></category><category domain="post_tag" nicename="tag-${p % 200}"><![CDATA[Tag ${p % 200}]]></category>${comments}</item>\n`);
  }
  w('</channel></rss>\n');
  fs.closeSync(fd);
}

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
    if (!reuse) generate(file, posts, perPost);
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
