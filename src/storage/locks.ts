import { sql } from 'kysely';
import type { Db, Q } from './dialect.ts';

/**
 * Serialises transactions that pick the same name (a slug): held until the
 * transaction ends. PostgreSQL runs writers side by side, so twenty stories
 * with one headline would each see "breaking-news-19" free and all but one
 * fail at the unique index, round after round. SQLite needs nothing: its
 * write transaction (IMMEDIATE) already holds the whole database.
 */
export async function lockName(trx: Q, db: Pick<Db, 'caps'>, name: string): Promise<void> {
  if (!db.caps.rowLocks) return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${name}, 0))`.execute(trx);
}
