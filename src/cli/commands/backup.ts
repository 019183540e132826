import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.ts';
import { createSqliteDb, currentSchema, openDatabase, schemaVersion, tableDigests, withExportedSnapshot, type Db, type TableDigest } from '../../storage/index.ts';
import { EXIT, parseFlags, UsageError, type Io } from '../io.ts';
import { configFrom } from './services.ts';
import { copyMedia, manifestPath, mediaPath, pgTool, runTool, sha256File, writeManifest, type Manifest } from './backup-manifest.ts';

export const BACKUP_USAGE = `usage: dateline backup FILE [--force]

Writes FILE (the database), FILE.manifest.json (schema version, row count
and checksum of every table, every media file with its size and SHA-256)
and FILE.media/ (the media files). The server may keep running.
SQLite: a consistent online copy, checked with PRAGMA integrity_check.
PostgreSQL: pg_dump --format=custom of Dateline's schema, from the same
snapshot the manifest is computed from.
Refuses to overwrite FILE unless --force. Put it back with \`dateline restore FILE\`.`;

export async function backupCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseFlags(args, { force: { type: 'boolean' } }, true);
  if (values.help) return (io.out(BACKUP_USAGE), EXIT.ok);
  if (positionals.length !== 1) throw new UsageError('give one backup file name');
  const config = configFrom(io);
  const target = path.resolve(positionals[0]);
  const live = config.dialect === 'sqlite' ? path.resolve(config.databaseUrl.slice('sqlite:'.length)) : null;
  if (live && (target === live || target.startsWith(`${live}-`))) throw new UsageError('the backup file cannot be the live database or one of its -wal/-shm files');
  if (live && !fs.existsSync(live)) {
    io.err(`error: there is no database at ${live} (is DATELINE_DATA_DIR right?)`);
    return EXIT.failed;
  }
  if (fs.existsSync(target) && !values.force) {
    io.err(`error: ${target} already exists; choose another name or add --force to replace it`);
    return EXIT.failed;
  }
  if (!fs.existsSync(path.dirname(target))) {
    io.err(`error: the folder ${path.dirname(target)} does not exist`);
    return EXIT.failed;
  }
  fs.rmSync(mediaPath(target), { recursive: true, force: true });
  fs.rmSync(manifestPath(target), { force: true });
  const db = openDatabase(config);
  try {
    const { tables, version } = config.dialect === 'sqlite' ? await backupSqlite(db, target) : await backupPostgres(db, config, target, io.env);
    const media = await copyMedia(config.mediaDir, mediaPath(target));
    const manifest: Manifest = {
      format: 'dateline-backup/1',
      createdAt: new Date().toISOString(),
      dialect: config.dialect,
      schemaVersion: version,
      database: { file: path.basename(target), bytes: fs.statSync(target).size, sha256: await sha256File(target) },
      tables,
      media,
    };
    writeManifest(target, manifest);
    const stories = tables.articles?.rows ?? 0;
    const check = config.dialect === 'sqlite' ? 'integrity check ok' : 'pg_dump custom format';
    io.err(`backed up ${stories} stor${stories === 1 ? 'y' : 'ies'} and ${media.length} media file${media.length === 1 ? '' : 's'} to ${target} (${(manifest.database.bytes / 1024).toFixed(0)} KB, ${check}; manifest ${manifestPath(target)})`);
    return EXIT.ok;
  } finally {
    await db.close();
  }
}

/** The copy is digested, not the live database, so the manifest describes exactly the file written. */
async function backupSqlite(db: Db, target: string): Promise<{ tables: Record<string, TableDigest>; version: string | null }> {
  await db.backup!(target);
  const copy = createSqliteDb(target);
  try {
    return { tables: await tableDigests(copy), version: await schemaVersion(copy) };
  } finally {
    await copy.close();
  }
}

async function backupPostgres(db: Db, config: Config, target: string, env: NodeJS.ProcessEnv) {
  const pgDump = pgTool('pg_dump', env);
  const schema = await currentSchema(db);
  const partial = `${target}.partial`;
  const result = await withExportedSnapshot(db, async (snapshot, digest) => {
    const d = await digest();
    await runTool(pgDump, ['--format=custom', `--file=${partial}`, `--schema=${schema}`, '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, `--dbname=${config.databaseUrl}`]);
    return d;
  });
  fs.renameSync(partial, target);
  return result;
}

