import fs from 'node:fs';
import path from 'node:path';
import { EXIT, parseFlags, UsageError, type Io } from '../io.ts';
import { articleCount, configFrom, withServices } from './services.ts';

export const BACKUP_USAGE = `usage: dateline backup FILE [--force]

SQLite: a consistent online copy of the live database (the server may keep
running), checked with PRAGMA integrity_check before it is put in place.
Refuses to overwrite FILE unless --force.
PostgreSQL: use pg_dump, e.g.  pg_dump --format=custom "$DATABASE_URL" > FILE`;

export async function backupCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseFlags(args, { force: { type: 'boolean' } }, true);
  if (values.help) return (io.out(BACKUP_USAGE), EXIT.ok);
  if (positionals.length !== 1) throw new UsageError('give one backup file name');
  const config = configFrom(io);
  if (config.dialect !== 'sqlite') {
    io.err('backup is for the embedded SQLite database; for PostgreSQL use pg_dump, for example:');
    io.err('  pg_dump --format=custom "$DATABASE_URL" > FILE');
    return EXIT.usage;
  }
  const target = path.resolve(positionals[0]);
  const live = path.resolve(config.databaseUrl.slice('sqlite:'.length));
  if (target === live || target.startsWith(`${live}-`)) throw new UsageError('the backup file cannot be the live database or one of its -wal/-shm files');
  if (!fs.existsSync(live)) {
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
  return withServices(config, async (s) => {
    const stories = await articleCount(s);
    await s.db.backup!(target);
    const bytes = fs.statSync(target).size;
    io.err(`backed up ${stories} stor${stories === 1 ? 'y' : 'ies'} to ${target} (${(bytes / 1024).toFixed(0)} KB, integrity check ok)`);
    return EXIT.ok;
  });
}
