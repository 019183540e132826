import type { Config } from '../config.ts';
import type { Db } from './dialect.ts';
import { createPostgresDb } from './postgres.ts';
import { createSqliteDb } from './sqlite.ts';

export type { Db, DialectName, Capabilities, Q } from './dialect.ts';
export { isUniqueViolation, isForeignKeyViolation } from './dialect.ts';
export { migrateToLatest, migrateTo } from './migrate.ts';
export { createSqliteDb } from './sqlite.ts';
export { createPostgresDb } from './postgres.ts';
export { prepared } from './prepared.ts';
export { containsText } from './like.ts';
export { PgNotifyChannel } from './pg-notify.ts';

export function openDatabase(config: Pick<Config, 'databaseUrl' | 'dialect'>, onError?: (e: Error) => void): Db {
  if (config.dialect === 'postgres') return createPostgresDb(config.databaseUrl, { onError });
  return createSqliteDb(config.databaseUrl.slice('sqlite:'.length));
}
