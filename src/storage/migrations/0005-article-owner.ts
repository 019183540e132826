import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { withId } from './helpers.ts';

/**
 * The newsroom's story ownership and remembered check dismissals.
 *
 * `articles.created_by` is the staff user who started the story: it decides
 * what a contributor or author may touch. It stays null for stories written
 * through the Admin API or the demo seed, which only editors then own. No
 * foreign key: the users table belongs to the accounts migration, and a
 * deleted account must not take its stories (or their history) with it.
 */
export function articleOwnerMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('articles').addColumn('created_by', 'integer').execute();
      await db.schema.createIndex('articles_created_by').on('articles').columns(['created_by', 'status']).execute();

      await withId(db.schema.createTable('check_dismissals'), dialect)
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('check_dismissals_once', ['article_id', 'rule_id', 'fingerprint'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('check_dismissals').execute();
      await db.schema.dropIndex('articles_created_by').execute();
      await db.schema.alterTable('articles').dropColumn('created_by').execute();
    },
  };
}
