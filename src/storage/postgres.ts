import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { CAPABILITIES, type Db } from './dialect.ts';
import { statementName } from './prepared.ts';
import { QueryObservers } from './query-observers.ts';
import type { Database } from './schema.ts';

export interface PostgresOptions {
  /** Put every table in this schema (tests give each suite its own). */
  schema?: string;
  max?: number;
  onError?: (err: Error) => void;
}

/**
 * A client that sends prepared() queries (storage/prepared.ts) as named
 * statements: PostgreSQL parses and plans each once per connection. A named
 * `select *` whose table gained a column under it (another instance
 * migrating) fails with "cached plan must not change result type"; that
 * text then goes unnamed on this connection, so one query fails (503 to
 * its reader), not every later one.
 *
 * The class is made at the first pool, not when this file loads: extending
 * pg.Client loads pg, which the server bundle keeps lazy so that a SQLite
 * server never loads it (it was some 60 ms of every start).
 */
let namingClient: typeof pg.Client | undefined;
function NamingClient(): typeof pg.Client {
  namingClient ??= class extends pg.Client {
    private readonly unnamed = new Set<string>();

    override query(config: any, values?: any, callback?: any): any {
      const name = typeof config === 'string' && typeof callback !== 'function' && !this.unnamed.has(config) ? statementName(config) : undefined;
      if (name === undefined) return super.query(config, values, callback);
      return (super.query({ name, text: config, values }) as Promise<pg.QueryResult>).catch((e: { code?: string }) => {
        if (e?.code === '0A000') this.unnamed.add(config);
        throw e;
      });
    }
  };
  return namingClient;
}

/**
 * A pg Pool that survives a server restart: idle clients that the server
 * drops emit 'error' on the pool, and without a listener that event kills
 * the process (node-postgres #1707). The pool then opens fresh connections.
 */
export function createPostgresDb(url: string, opts: PostgresOptions = {}): Db {
  // COUNT(*) and BIGINT come back as strings by default; our counts fit in a double. Set here, not
  // when this file loads: in the server bundle pg loads at its first use, and SQLite never uses it.
  pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
  const pool = new pg.Pool({
    Client: NamingClient(),
    connectionString: url,
    max: opts.max ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    // How `dateline restore` tells a running server's connections from its own.
    application_name: 'dateline',
    options: opts.schema ? `-c search_path=${opts.schema}` : undefined,
  });
  pool.on('error', (err) => opts.onError?.(err));
  pool.on('connect', (client) => {
    client.on('error', (err) => opts.onError?.(err));
  });
  const observers = new QueryObservers();
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: observers.log });
  return {
    kysely,
    dialect: 'postgres',
    caps: CAPABILITIES.postgres,
    observeQueries: (fn) => observers.add(fn),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    schema: opts.schema,
    async close() {
      await kysely.destroy();
    },
  };
}
