import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import { CAPABILITIES, type Db } from './dialect.ts';
import type { Database } from './schema.ts';
import { QueryObservers } from './query-observers.ts';
import { ImmediateSqliteDialect } from './sqlite-driver.ts';

/**
 * The embedded production database. WAL for concurrent readers,
 * synchronous=FULL so a committed write survives power loss, foreign keys
 * on, and a busy timeout for the odd second process (the CLI).
 */
export function createSqliteDb(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('temp_store = MEMORY');
  // 16 MB of pages: the OS keeps the file cached as well, and a page SQLite does not hold costs a
  // read from that cache, not from disk. With 100,000 stories a random pass fills any size we give
  // it (a story is three to four pages): 64 MB was a fifth of the server's resident memory (the
  // performance targets: < 250 MB), and 32 MB still put the figure over it (docs/performance.md).
  raw.pragma('cache_size = -16000');
  const observers = new QueryObservers();
  const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(raw), log: observers.log });
  return {
    kysely,
    dialect: 'sqlite',
    caps: CAPABILITIES.sqlite,
    observeQueries: (fn) => observers.add(fn),
    async backup(target: string) {
      const tmp = `${target}.partial`;
      fs.rmSync(tmp, { force: true });
      await raw.backup(tmp);
      const check = new BetterSqlite3(tmp, { readonly: true });
      try {
        const result = check.pragma('integrity_check', { simple: true });
        if (result !== 'ok') throw new Error(`integrity_check on the backup failed: ${String(result)}`);
      } finally {
        check.close();
      }
      fs.renameSync(tmp, target);
    },
    async close() {
      await kysely.destroy();
    },
  };
}
