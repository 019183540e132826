import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

/**
 * "Is a server using this data folder?" answered by the operating system.
 * Each running server holds a shared SQLite lock (a POSIX record lock) on
 * `server.lock` for as long as it lives (several may, on PostgreSQL with a
 * shared media folder); restore needs the exclusive lock, which it cannot
 * get while any server holds its shared one, and holding it keeps servers
 * from starting mid-restore. The kernel drops a lock when its process ends,
 * even by kill -9, so a crash leaves nothing to clear by hand as a pid file
 * would. Record locks are per host: a server on another machine sharing the
 * folder over NFS is not seen (on PostgreSQL, restore also asks the database).
 */
export const LOCK_FILE = 'server.lock';

export interface DataDirLock {
  release(): void;
}

export class DataDirBusy extends Error {}

const busy = (e: unknown) => /^SQLITE_(BUSY|LOCKED)/.test(String((e as { code?: string }).code ?? ''));

export function lockDataDir(dataDir: string, mode: 'shared' | 'exclusive'): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new BetterSqlite3(path.join(dataDir, LOCK_FILE), { timeout: mode === 'shared' ? 2_000 : 0 });
  try {
    db.pragma('journal_mode = DELETE');
    db.exec('create table if not exists holders (what text)');
    // An open read transaction keeps SHARED; BEGIN EXCLUSIVE keeps EXCLUSIVE; both until release.
    if (mode === 'shared') {
      db.exec('begin');
      db.prepare('select count(*) from holders').get();
    } else {
      db.exec('begin exclusive');
    }
  } catch (e) {
    db.close();
    if (busy(e)) throw new DataDirBusy(`${dataDir} is in use by a running Dateline server or a restore; stop it first`);
    throw e;
  }
  return {
    release() {
      if (db.open) db.close();
    },
  };
}
