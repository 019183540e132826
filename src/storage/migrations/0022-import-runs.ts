import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { withId } from './helpers.ts';

/**
 * Imports started from /admin/import: the uploaded file (kept in the data
 * folder until the run ends), and the run's progress and summary, written by
 * the `import` job as it goes so any instance can show the progress bar.
 * `progress` and `summary` are JSON text.
 */
export function importRunsMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await withId(db.schema.createTable('import_runs'), dialect)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('file_path', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('bytes_total', 'integer', (c) => c.notNull())
        // waiting | running | done | failed
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('progress', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('summary', 'text')
        .addColumn('error', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('import_runs').ifExists().execute();
    },
  };
}
