import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

/** A handle a repository function runs on: the database or the caller's open transaction. */
export type Q = Kysely<Database> | Transaction<Database>;

/**
 * What differs between the two databases, declared once. Services never ask
 * "which database is this"; repositories pick a per-dialect file or read a flag.
 */
export interface Capabilities {
  /** Type for an auto-increment primary key in DDL. */
  readonly serialType: 'integer' | 'serial';
  /** Full-text search engine behind search.repo.*.ts */
  readonly fullText: 'fts5' | 'tsvector';
  /** `ilike` on PostgreSQL; SQLite `like` is already case-insensitive for ASCII. */
  readonly caseInsensitiveLike: 'like' | 'ilike';
  /**
   * `SELECT … FOR SHARE / FOR UPDATE` row locks. PostgreSQL needs them where
   * a check and a write must not interleave with another transaction's;
   * SQLite has no such syntax and needs none: a write transaction there
   * (begun IMMEDIATE) already holds the whole database.
   */
  readonly rowLocks: boolean;
  /**
   * `FOR UPDATE SKIP LOCKED` (PostgreSQL): concurrent job claims pass over
   * each other's rows. SQLite has one writer at a time, so its claim is
   * simply an IMMEDIATE transaction.
   */
  readonly skipLocked: boolean;
  /**
   * Each statement is a round trip to a server (PostgreSQL): a page's reads
   * are cheaper as one statement with JSON aggregates. SQLite answers in
   * process, where a few small prepared statements beat one building JSON.
   */
  readonly statementRoundTrips: boolean;
}

export const CAPABILITIES: Record<DialectName, Capabilities> = {
  sqlite: { serialType: 'integer', fullText: 'fts5', caseInsensitiveLike: 'like', rowLocks: false, skipLocked: false, statementRoundTrips: false },
  postgres: { serialType: 'serial', fullText: 'tsvector', caseInsensitiveLike: 'ilike', rowLocks: true, skipLocked: true, statementRoundTrips: true },
};

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: DialectName;
  readonly caps: Capabilities;
  /** PostgreSQL schema holding the tables, when not the default search path. */
  readonly schema?: string;
  /** Calls `fn` with every query's duration in milliseconds until the returned function is called. */
  observeQueries(fn: (ms: number) => void): () => void;
  /** Connections of PostgreSQL's pool (absent on SQLite: one connection, no pool). */
  poolStats?(): { total: number; idle: number; waiting: number };
  /** Consistent online copy of the database into `file` (SQLite only). */
  backup?(file: string): Promise<void>;
  close(): Promise<void>;
}

/** Unique-constraint violation on either driver, so callers can retry or answer 409. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e?.code === '23505';
}

export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || e?.code === '23503';
}
