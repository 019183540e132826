import fs from 'node:fs';
import { loadConfig, type Config } from '../../config.ts';
import { createServices, type Services } from '../../main.ts';
import { migrateToLatest, openDatabase } from '../../storage/index.ts';
import type { Io } from '../io.ts';

/**
 * The configuration from the environment; a ConfigError is printed by the
 * caller and exits 2. Every command that opens the database goes through
 * here, so each one says which database it uses (on stderr, leaving stdout
 * to results): run from another folder, the default `data/` is another one.
 */
export function configFrom(io: Io): Config {
  const config = loadConfig(io.env);
  io.err(databaseLine(config));
  return config;
}

/** `database: …` naming the SQLite file (and whether it is new) or the PostgreSQL server and database, never a password. */
export function databaseLine(config: Pick<Config, 'databaseUrl' | 'dialect'>): string {
  if (config.dialect === 'postgres') {
    try {
      const u = new URL(config.databaseUrl);
      if (u.password) u.password = '***';
      return `database: PostgreSQL ${u.toString()}`;
    } catch {
      return 'database: PostgreSQL (DATABASE_URL)';
    }
  }
  const file = config.databaseUrl.slice('sqlite:'.length);
  if (file === ':memory:' || fs.existsSync(file)) return `database: SQLite ${file}`;
  return `database: SQLite ${file} (new: no database was there, so an empty one is created; set DATELINE_DATA_DIR or DATABASE_URL to use an existing one)`;
}

/**
 * Domain services over a migrated database, with no HTTP server: what every
 * command except `serve` runs on. The database is closed however `fn` ends.
 */
export async function withServices<T>(config: Config, fn: (s: Services, ran: string[]) => Promise<T>): Promise<T> {
  const db = openDatabase(config);
  let services: Services | undefined;
  try {
    const ran = await migrateToLatest(db);
    services = createServices(config, db);
    return await fn(services, ran);
  } finally {
    // Running instances hear of what the command wrote: its wake-up goes out before the signal closes.
    await services?.changes.stop();
    await db.close();
  }
}

export async function articleCount(s: Pick<Services, 'queries' | 'likeOp'>): Promise<number> {
  return (await s.queries.listAll({}, 1, 0, s.likeOp)).total;
}
