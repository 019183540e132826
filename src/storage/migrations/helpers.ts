import type { CreateTableBuilder } from 'kysely';
import type { DialectName } from '../dialect.ts';

/**
 * Stable ids: ids appear in public URLs, so one must never be reused after
 * a delete. SQLite needs AUTOINCREMENT for that; PostgreSQL sequences never reuse.
 */
export function withId<T extends string>(t: CreateTableBuilder<T, never>, dialect: DialectName): CreateTableBuilder<T, 'id'> {
  return dialect === 'sqlite'
    ? t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    : t.addColumn('id', 'serial', (c) => c.primaryKey());
}
