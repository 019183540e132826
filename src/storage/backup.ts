import { createHash } from 'node:crypto';
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db, Q } from './dialect.ts';

export interface TableDigest {
  rows: number;
  /**
   * Sum (mod 2^64) of each row's SHA-256 prefix: independent of row order,
   * so the same rows give the same figure however the database returns them.
   */
  checksum: string;
}

async function tableNames(db: Db, q: Q): Promise<string[]> {
  if (db.dialect === 'sqlite') {
    // FTS5 virtual tables are left out: their shadow tables (ordinary tables) hold the same data.
    const r = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and sql not like 'CREATE VIRTUAL TABLE%' order by name`.execute(q);
    return r.rows.map((x) => x.name);
  }
  const r = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(q);
  return r.rows.map((x) => x.name);
}

const rowHash = (row: unknown): bigint => createHash('sha256').update(JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).digest().readBigUInt64BE(0);

/** Row count and an order-free checksum of every table: what a restore is checked against. */
export async function tableDigests(db: Db, q: Q = db.kysely): Promise<Record<string, TableDigest>> {
  const out: Record<string, TableDigest> = {};
  for (const name of await tableNames(db, q)) {
    let rows = 0;
    let sum = 0n;
    const { rows: all } = await sql`select * from ${sql.table(name)}`.execute(q);
    for (const row of all) {
      rows++;
      sum = (sum + rowHash(row)) & 0xffffffffffffffffn;
    }
    out[name] = { rows, checksum: sum.toString(16).padStart(16, '0') };
  }
  return out;
}

/** The newest migration applied: a backup restores only into a build that knows it. */
export async function schemaVersion(db: Db, q: Q = db.kysely): Promise<string | null> {
  const r = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(q);
  return r.rows[0]?.name ?? null;
}

/** PostgreSQL: the schema our tables live in (pg_dump is told to dump that one only). */
export async function currentSchema(db: Db): Promise<string> {
  const r = await sql<{ s: string }>`select current_schema() as s`.execute(db.kysely);
  return r.rows[0].s;
}

/**
 * PostgreSQL: connections of running Dateline servers to this database
 * (every pool names itself `dateline` in application_name), other than ours.
 */
export async function otherServerConnections(db: Db): Promise<number> {
  if (db.dialect !== 'postgres') return 0;
  const r = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'dateline' and pid <> pg_backend_pid()`.execute(db.kysely);
  return r.rows[0].n;
}

/** `ok`, or what SQLite's integrity_check found wrong. */
export function sqliteIntegrity(file: string): string {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/**
 * Puts a checked SQLite backup in place of `target`. The old database's
 * -wal and -shm are removed first: left beside the new file, SQLite would
 * replay the old WAL's pages onto it at the next open, which is how a
 * restore becomes a corrupt database. The copy is synced and renamed over
 * the target, so a crash leaves either the old database or the new one.
 */
export function putSqliteFileInPlace(source: string, target: string): void {
  const partial = `${target}.restoring`;
  fs.rmSync(partial, { force: true });
  fs.copyFileSync(source, partial);
  const fd = fs.openSync(partial, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  for (const stale of [`${target}-wal`, `${target}-shm`, `${target}-journal`]) fs.rmSync(stale, { force: true });
  fs.renameSync(partial, target);
}

/**
 * PostgreSQL: one REPEATABLE READ snapshot, exported so that pg_dump
 * (`--snapshot=ID`) dumps exactly the rows the manifest was computed from,
 * however many writes a running site makes meanwhile.
 */
export async function withExportedSnapshot<T>(db: Db, fn: (snapshot: string, digest: () => Promise<{ tables: Record<string, TableDigest>; version: string | null }>) => Promise<T>): Promise<T> {
  return db.kysely.transaction().setIsolationLevel('repeatable read').execute(async (trx) => {
    const r = await sql<{ s: string }>`select pg_export_snapshot() as s`.execute(trx);
    return fn(r.rows[0].s, async () => ({ tables: await tableDigests(db, trx), version: await schemaVersion(db, trx) }));
  });
}
