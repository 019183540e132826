import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { startPrivateCluster, type PrivateCluster } from '../helpers/private-pg.ts';
import { cliEnv, runCli, startCli, withCliServices, type CliEnv } from './cli-helpers.ts';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const headlines = (env: NodeJS.ProcessEnv) => withCliServices(env, async (s) => (await s.queries.listAll({}, 100, 0, s.likeOp)).items.map((a) => a.headline).sort());
const addStories = (env: NodeJS.ProcessEnv, names: string[]) =>
  withCliServices(env, async (s) => {
    for (const headline of names) await s.articles.create(parseArticleInput({ headline, status: 'published', bodyMarkdown: `${headline}. `.repeat(40) }, 'create'), 'test');
  });

/** A media file as uploads leave them: under media/, named by content. */
function plantMedia(dataDir: string): string {
  const file = path.join(dataDir, 'media', 'ab', 'photo-1200.webp');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.alloc(5000, 7));
  return file;
}

/**
 * The trap of issue 15: a -wal left from the database being replaced. It
 * is made the way a crash leaves one: writes with checkpoints off, and the
 * WAL kept from before the connection closed.
 */
function staleWal(dbFile: string, headlines: string[]): Buffer {
  const db = new BetterSqlite3(dbFile);
  db.pragma('wal_autocheckpoint = 0');
  const insert = db.prepare("update articles set headline = ? where id = (select min(id) from articles)");
  for (const h of headlines) insert.run(h);
  db.prepare("insert into sections (name, slug, position, created_at, updated_at) values ('Stale', 'stale', 99, '2026-01-01', '2026-01-01')").run();
  const wal = fs.readFileSync(`${dbFile}-wal`);
  db.close();
  return wal;
}

describe('sqlite: backup with a manifest, and a restore drill with a stale WAL planted', { timeout: 120_000 }, () => {
  let t: CliEnv;
  let file: string;
  let live: string;
  before(async () => {
    t = await cliEnv('sqlite');
    assert.equal((await runCli(['migrate'], t.env)).code, 0);
    await addStories(t.env, ['Council votes', 'Bridge reopens', 'Mayor resigns']);
    file = path.join(t.dataDir, 'nightly.db');
    live = path.join(t.dataDir, 'dateline.db');
  });
  after(async () => t.cleanup());

  test('backup writes the copy, a manifest (schema version, per-table rows and checksums, media with sizes and hashes) and the media', async () => {
    const media = plantMedia(t.dataDir);
    const res = await runCli(['backup', file], t.env);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stderr, /backed up 3 stories and 1 media file/);
    const m = JSON.parse(fs.readFileSync(`${file}.manifest.json`, 'utf8'));
    assert.equal(m.format, 'dateline-backup/1');
    assert.match(m.schemaVersion, /^\d{4}-/);
    assert.equal(m.tables.articles.rows, 3);
    assert.match(m.tables.articles.checksum, /^[0-9a-f]{16}$/);
    assert.equal(m.database.sha256, sha(file));
    assert.deepEqual(m.media, [{ path: 'ab/photo-1200.webp', bytes: 5000, sha256: sha(media) }]);
    assert.equal(sha(path.join(`${file}.media`, 'ab', 'photo-1200.webp')), sha(media));
  });

  test('a copy put over the database by hand with the stale WAL beside it does not hold the backup (the trap restore avoids)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-naive-'));
    try {
      const scratch = path.join(dir, 'dateline.db');
      fs.copyFileSync(live, scratch);
      const wal = staleWal(scratch, ['Stale one', 'Stale two']);
      fs.copyFileSync(file, scratch);
      fs.writeFileSync(`${scratch}-wal`, wal);
      const opened = new BetterSqlite3(scratch);
      const sections = opened.prepare("select count(*) as n from sections where slug = 'stale'").get() as { n: number };
      opened.close();
      assert.equal(sections.n, 1, 'the old WAL was replayed onto the copied backup');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('restore refuses while a server holds the data folder, and changes nothing', async () => {
    const serve = startCli(['serve'], { ...t.env, HOST: '127.0.0.1', PORT: '0', SITE_URL: 'http://news.test' });
    try {
      await serve.waitFor(/Dateline is running at/);
      const before = sha(live);
      const res = await runCli(['restore', file], t.env);
      assert.equal(res.code, 1);
      assert.match(res.stderr, /in use by a running Dateline server.*nothing was changed/);
      assert.equal(sha(live), before);
    } finally {
      serve.child.kill('SIGTERM');
      assert.equal(await serve.exited, 0);
    }
  });

  test('restore over a changed database with a stale WAL planted: the backup, whole, integrity ok, media back; a damaged backup is refused', async () => {
    await addStories(t.env, ['Written after the backup']);
    const wal = staleWal(live, ['Stale headline']);
    fs.writeFileSync(`${live}-wal`, wal);
    fs.rmSync(path.join(t.dataDir, 'media', 'ab', 'photo-1200.webp'));

    const damaged = path.join(t.dataDir, 'damaged.db');
    fs.copyFileSync(file, damaged);
    fs.copyFileSync(`${file}.manifest.json`, `${damaged}.manifest.json`);
    const bytes = fs.readFileSync(damaged);
    bytes[bytes.length - 100] ^= 0xff;
    fs.writeFileSync(damaged, bytes);
    const refused = await runCli(['restore', damaged], t.env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /SHA-256 differs.*nothing was changed/);
    assert.ok(fs.existsSync(`${live}-wal`), 'a refused restore touched nothing');

    const res = await runCli(['restore', file], t.env);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stderr, /restored 3 stories .*every table matches the manifest; 1 media file\(s\) checked, 1 copied/);
    assert.ok(fs.existsSync(`${live}.replaced`));
    const db = new BetterSqlite3(live, { readonly: true });
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    assert.equal((db.prepare("select count(*) as n from sections where slug = 'stale'").get() as { n: number }).n, 0);
    db.close();
    assert.deepEqual(await headlines(t.env), ['Bridge reopens', 'Council votes', 'Mayor resigns']);
    assert.equal(sha(path.join(t.dataDir, 'media', 'ab', 'photo-1200.webp')), sha(path.join(`${file}.media`, 'ab', 'photo-1200.webp')));
  });
});

describe('postgres: backup through pg_dump and a restore drill, on a private cluster', { timeout: 180_000 }, () => {
  let cluster: PrivateCluster;
  let env: NodeJS.ProcessEnv;
  let dataDir: string;
  before(async () => {
    cluster = await startPrivateCluster();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-pgrestore-'));
    env = { PATH: process.env.PATH, HOME: process.env.HOME, DATELINE_DATA_DIR: dataDir, DATABASE_URL: cluster.url, LOG_LEVEL: 'silent', DATELINE_SEED_DEMO: 'false' };
    assert.equal((await runCli(['migrate'], env)).code, 0);
    await addStories(env, ['Council votes', 'Bridge reopens', 'Mayor resigns']);
  });
  after(async () => {
    cluster?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('backup, change, restore: the backup\'s rows exactly; refused while a server on another host (data folder) is connected', async () => {
    const media = plantMedia(dataDir);
    const file = path.join(dataDir, 'nightly.dump');
    const res = await runCli(['backup', file], env);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stderr, /backed up 3 stories and 1 media file/);
    assert.equal(fs.readFileSync(file).subarray(0, 5).toString(), 'PGDMP', 'pg_dump custom format');
    const m = JSON.parse(fs.readFileSync(`${file}.manifest.json`, 'utf8'));
    assert.equal(m.dialect, 'postgres');
    assert.equal(m.tables.articles.rows, 3);

    await addStories(env, ['Written after the backup']);
    fs.rmSync(media);

    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-otherhost-'));
    const serve = startCli(['serve'], { ...env, DATELINE_DATA_DIR: otherDir, HOST: '127.0.0.1', PORT: '0', SITE_URL: 'http://news.test' });
    try {
      await serve.waitFor(/Dateline is running at/);
      const busy = await runCli(['restore', file], env);
      assert.equal(busy.code, 1);
      assert.match(busy.stderr, /connection\(s\) of a running Dateline server/);
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
      fs.rmSync(otherDir, { recursive: true, force: true });
    }

    const restored = await runCli(['restore', file], env);
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stderr, /restored 3 stories .*every table matches the manifest; 1 media file\(s\) checked, 1 copied/);
    assert.deepEqual(await headlines(env), ['Bridge reopens', 'Council votes', 'Mayor resigns']);
    await addStories(env, ['After the restore']);
    assert.equal((await headlines(env)).length, 4, 'sequences were restored too: new rows insert');
  });
});
