import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { withId } from './helpers.ts';

/**
 * What an import brought in, keyed by the source's own ids, so a re-run of
 * the same file updates the rows it made instead of duplicating them.
 * `held_status` / `held_published_at` are the status a new story will take
 * when the run ends: until then it is a draft nobody can see, so a run that
 * dies half-way leaves nothing half-imported on the site.
 * `redirects` keeps old addresses (a WordPress permalink, `?p=ID`) alive.
 */
export function importMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('import_sources')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'integer', (c) => c.notNull())
        .addColumn('held_status', 'text')
        .addColumn('held_published_at', 'text')
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('import_sources_pk', ['source', 'kind', 'source_id'])
        .execute();
      await db.schema.createIndex('import_sources_entity').on('import_sources').columns(['kind', 'entity_id']).execute();
      await withId(db.schema.createTable('redirects'), dialect)
        .addColumn('path', 'text', (c) => c.notNull().unique())
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('status_code', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('redirects').ifExists().execute();
      await db.schema.dropTable('import_sources').ifExists().execute();
    },
  };
}
