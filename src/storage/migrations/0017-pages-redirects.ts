import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { withId } from './helpers.ts';

/**
 * Static pages (About, Contact) and the redirects manager's rules.
 *
 * Pages have their own table rather than being articles with a kind: every
 * story query (lists, feeds, search, related, comments, the desk, the Admin
 * API) would otherwise need a filter, and one missed filter puts "Terms of
 * use" in the RSS feed. They share the story document (`body`, the same JSON
 * shape and renderer) and keep a revision per save like stories.
 *
 * `redirect_rules` are typed by editors (exact or prefix source, a target
 * path or URL, 301/302/410); `redirects` (0014) stays the importer's map from
 * an old permalink to a story.
 */
export function pagesRedirectsMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await withId(db.schema.createTable('pages'), dialect)
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('body_text', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('status', 'text', (c) => c.notNull())
        // Null: not in the footer menu; else its place there (0, 1, 2…).
        .addColumn('menu_position', 'integer')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('published_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('page_revisions'), dialect)
        .addColumn('page_id', 'integer', (c) => c.notNull().references('pages.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('page_revisions_page_version', ['page_id', 'version'])
        .execute();
      await withId(db.schema.createTable('redirect_rules'), dialect)
        .addColumn('match', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('status_code', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('redirect_rules_match_source', ['match', 'source'])
        .execute();
      await db.schema.createIndex('redirect_rules_source').on('redirect_rules').column('source').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('redirect_rules').ifExists().execute();
      await db.schema.dropTable('page_revisions').ifExists().execute();
      await db.schema.dropTable('pages').ifExists().execute();
    },
  };
}
