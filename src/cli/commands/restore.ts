import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';
import {
  DataDirBusy,
  latestMigrationName,
  lockDataDir,
  migrateToLatest,
  openDatabase,
  otherServerConnections,
  putSqliteFileInPlace,
  sqliteIntegrity,
  tableDigests,
  type Db,
} from '../../storage/index.ts';
import { EXIT, parseFlags, UsageError, type Io } from '../io.ts';
import { compareTables, mediaPath, pgTool, readManifest, restoreMedia, runTool, sha256File, type Manifest } from './backup-manifest.ts';
import { configFrom } from './services.ts';

export const RESTORE_USAGE = `usage: dateline restore FILE

Puts a backup made by \`dateline backup FILE\` back into DATELINE_DATA_DIR
(and DATABASE_URL), only while no server uses them: stop the site first.
Checks FILE against FILE.manifest.json before touching anything, and the
restored database against it after (row counts and checksums per table).
SQLite: integrity_check on the backup and on the result; the old database
is kept as dateline.db.replaced (with its -wal), and no stale -wal/-shm is
left beside the restored file. PostgreSQL: pg_restore --clean in one
transaction. Media files missing or different are copied from FILE.media/.`;

export async function restoreCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseFlags(args, {}, true);
  if (values.help) return (io.out(RESTORE_USAGE), EXIT.ok);
  if (positionals.length !== 1) throw new UsageError('give the backup file to restore');
  const config = configFrom(io);
  const file = path.resolve(positionals[0]);
  if (!fs.existsSync(file)) {
    io.err(`error: there is no backup at ${file}`);
    return EXIT.failed;
  }
  const manifest = readManifest(file);
  const problem = await checkBackup(file, manifest, config);
  if (problem) {
    io.err(`error: ${problem}; nothing was changed`);
    return EXIT.failed;
  }
  let lock;
  try {
    lock = lockDataDir(config.dataDir, 'exclusive');
  } catch (e) {
    if (!(e instanceof DataDirBusy)) throw e;
    io.err(`error: ${e.message}; nothing was changed`);
    return EXIT.failed;
  }
  try {
    const restored = config.dialect === 'sqlite' ? await restoreSqlite(file, config, io) : await restorePostgres(file, config, io);
    if (restored !== EXIT.ok) return restored;
    const copied = await restoreMedia(manifest.media, mediaPath(file), config.mediaDir);
    const db = openDatabase(config);
    try {
      const mismatched = compareTables(manifest.tables, await tableDigests(db));
      if (mismatched.length) {
        io.err(`error: the restored database does not match the manifest:\n  ${mismatched.join('\n  ')}`);
        return EXIT.failed;
      }
      const ran = await migrateToLatest(db);
      const stories = manifest.tables.articles?.rows ?? 0;
      io.err(`restored ${stories} stor${stories === 1 ? 'y' : 'ies'} from ${file}: every table matches the manifest; ${manifest.media.length} media file(s) checked, ${copied} copied${ran.length ? `; migrated: ${ran.join(', ')}` : ''}`);
      io.err('if search results look behind, run `dateline search-reindex`');
      return EXIT.ok;
    } finally {
      await db.close();
    }
  } finally {
    lock.release();
  }
}

/** Everything that can be known before anything is changed; null when the backup may go ahead. */
async function checkBackup(file: string, m: Manifest, config: Config): Promise<string | null> {
  if (m.dialect !== config.dialect) return `this is a ${m.dialect} backup and DATABASE_URL is ${config.dialect}`;
  if (m.schemaVersion && m.schemaVersion > latestMigrationName()) return `the backup's schema (${m.schemaVersion}) is newer than this version of Dateline knows (${latestMigrationName()}); upgrade Dateline first`;
  if ((await sha256File(file)) !== m.database.sha256) return `${file} is not the file its manifest describes (SHA-256 differs): damaged or replaced`;
  if (m.dialect === 'sqlite') {
    const integrity = sqliteIntegrity(file);
    if (integrity !== 'ok') return `integrity_check on the backup failed: ${integrity.slice(0, 500)}`;
  }
  return null;
}

async function restoreSqlite(file: string, config: Config, io: Io): Promise<number> {
  const live = path.resolve(config.databaseUrl.slice('sqlite:'.length));
  fs.mkdirSync(path.dirname(live), { recursive: true });
  if (fs.existsSync(live)) {
    // Kept whole: its -wal may hold the last commits, so it moves with it rather than being deleted.
    const kept = `${live}.replaced`;
    for (const f of [kept, `${kept}-wal`, `${kept}-shm`]) fs.rmSync(f, { force: true });
    fs.renameSync(live, kept);
    if (fs.existsSync(`${live}-wal`)) fs.renameSync(`${live}-wal`, `${kept}-wal`);
    io.err(`the database it replaces is kept as ${kept}`);
  }
  putSqliteFileInPlace(file, live);
  const integrity = sqliteIntegrity(live);
  if (integrity !== 'ok') {
    io.err(`error: integrity_check on the restored database failed: ${integrity.slice(0, 500)}`);
    return EXIT.failed;
  }
  return EXIT.ok;
}

async function restorePostgres(file: string, config: Config, io: Io): Promise<number> {
  const pgRestore = pgTool('pg_restore', io.env);
  const db: Db = openDatabase(config);
  try {
    const others = await otherServerConnections(db);
    if (others > 0) {
      io.err(`error: ${others} connection(s) of a running Dateline server are open on this database; stop every instance first. Nothing was changed`);
      return EXIT.failed;
    }
  } finally {
    await db.close();
  }
  // Everything but the schema itself: --clean would DROP SCHEMA, which fails (public holds the
  // unaccent extension's functions) and is not ours to drop. The tables in it are dropped and made again.
  const list = (await runTool(pgRestore, ['--list', file])).split('\n').filter((l) => !/^\d+; \d+ \d+ SCHEMA /.test(l));
  const listFile = `${file}.restore-list`;
  fs.writeFileSync(listFile, list.join('\n'));
  try {
    await runTool(pgRestore, ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', `--use-list=${listFile}`, `--dbname=${config.databaseUrl}`, file]);
  } finally {
    fs.rmSync(listFile, { force: true });
  }
  return EXIT.ok;
}

