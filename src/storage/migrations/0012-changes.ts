import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { withId } from './helpers.ts';

/**
 * The change feed: one row per write that changes what a reader or an API
 * client can see, appended in the same transaction as the write. Instances
 * read it from the last id they applied, so a missed wake-up (a Redis
 * restart, a dropped LISTEN connection, a process restart) costs only a
 * delay, never a stale page. `tags` is the space-separated list of cache
 * tags the change touches.
 */
export function changesMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await withId(db.schema.createTable('changes'), dialect)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('changes_created').on('changes').column('created_at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('changes').ifExists().execute();
    },
  };
}
