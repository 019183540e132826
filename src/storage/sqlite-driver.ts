import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/**
 * better-sqlite3 behind Kysely, with two changes from Kysely's own driver:
 * write transactions begin IMMEDIATE (a deferred read→write upgrade fails
 * with SQLITE_BUSY without waiting on busy_timeout), and prepared
 * statements are cached, since preparing is a large share of a fast query.
 * One connection behind a mutex: better-sqlite3 is synchronous, so this is
 * the single writer queue SQLite wants anyway.
 */
/** Statements with more bound values than this are prepared per call, not cached. */
const UNCACHED_PARAMS = 200;

class CachedConnection implements DatabaseConnection {
  readonly #db: BetterSqlite3.Database;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
  }

  #prepare(sql: string, params: number): BetterSqlite3.Statement {
    // A multi-row insert (the importer's batches) is one statement per row count, each a large
    // compiled program: caching every size seen would hold hundreds of them. Preparing one is
    // cheap beside running it.
    if (params > UNCACHED_PARAMS) return this.#db.prepare(sql);
    let stmt = this.#statements.get(sql);
    if (!stmt) {
      stmt = this.#db.prepare(sql);
      if (this.#statements.size > 2000) this.#statements.clear();
      this.#statements.set(sql, stmt);
    }
    return stmt;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.#prepare(compiled.sql, compiled.parameters.length);
    const params = compiled.parameters as unknown[];
    if (stmt.reader) return { rows: stmt.all(params) as R[] };
    const { changes, lastInsertRowid } = stmt.run(params);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const stmt = this.#prepare(compiled.sql, compiled.parameters.length);
    for (const row of stmt.iterate(compiled.parameters as unknown[])) yield { rows: [row as R] };
  }
}

class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void) | null = null;

  async lock(): Promise<void> {
    const prev = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((r) => (release = r));
    await prev;
    this.#release = release;
  }

  unlock(): void {
    const r = this.#release;
    this.#release = null;
    r?.();
  }
}

class ImmediateSqliteDriver implements Driver {
  readonly #db: BetterSqlite3.Database;
  readonly #conn: CachedConnection;
  readonly #mutex = new Mutex();

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
    this.#conn = new CachedConnection(db);
  }

  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#conn;
  }
  async beginTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('begin immediate'));
  }
  async commitTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    // SQLite rolls back by itself on SQLITE_FULL, SQLITE_IOERR and some SQLITE_BUSY; a second
    // ROLLBACK then fails ("no transaction is active") and that error would replace the real one.
    if (!this.#db.inTransaction) return;
    await c.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }
  async destroy(): Promise<void> {
    this.#db.close();
  }
}

export class ImmediateSqliteDialect implements Dialect {
  readonly #db: BetterSqlite3.Database;
  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
  }
  createDriver() {
    return new ImmediateSqliteDriver(this.#db);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createAdapter() {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<any>) {
    return new SqliteIntrospector(db);
  }
}
