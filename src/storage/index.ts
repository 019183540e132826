import type { Config } from '../config.ts';
import type { Db } from './dialect.ts';
import { createPostgresDb } from './postgres.ts';
import { createSqliteDb } from './sqlite.ts';

export type { Db, DialectName, Capabilities, Q } from './dialect.ts';
export { isUniqueViolation, isForeignKeyViolation } from './dialect.ts';
export { migrateToLatest, migrateTo, pendingMigrations, latestMigrationName } from './migrate.ts';
export { createSqliteDb } from './sqlite.ts';
export { createPostgresDb } from './postgres.ts';
export { prepared } from './prepared.ts';
export { containsText } from './like.ts';
export { PgNotifyChannel } from './pg-notify.ts';
export { isDatabaseUnavailable, UNAVAILABLE_RETRY_AFTER_SECONDS } from './unavailable.ts';
export { lockName } from './locks.ts';

export function openDatabase(config: Pick<Config, 'databaseUrl' | 'dialect'>, onError?: (e: Error) => void): Db {
  if (config.dialect === 'postgres') return createPostgresDb(config.databaseUrl, { onError });
  return createSqliteDb(config.databaseUrl.slice('sqlite:'.length));
}
export { tableDigests, schemaVersion, withExportedSnapshot, currentSchema, otherServerConnections, sqliteIntegrity, putSqliteFileInPlace, type TableDigest } from './backup.ts';
export { lockDataDir, DataDirBusy, LOCK_FILE, type DataDirLock } from './data-dir-lock.ts';
