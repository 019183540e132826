import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { withId } from './helpers.ts';

/**
 * The editors' choices for the front page and section pages, one row per
 * choice: `slot` is `lead` or `top` (a story on the front page), `block`
 * (a section block's place in the front page's order) or `section-lead`
 * (the story leading one section's own page). `pinned_until` ends a choice
 * at that instant (null: until changed). A story or section that is deleted
 * takes its choices with it; a story unpublished keeps its row but is left
 * out when the page is drawn, so it falls back to newest at once.
 */
export function frontPageMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await withId(db.schema.createTable('front_page_picks'), dialect)
        .addColumn('slot', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('cascade'))
        .addColumn('section_id', 'integer', (c) => c.references('sections.id').onDelete('cascade'))
        .addColumn('pinned_until', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('front_page_picks_slot').on('front_page_picks').columns(['slot', 'position']).execute();
      // Deletes of a story or a section look their choices up through these (the cascade).
      await db.schema.createIndex('front_page_picks_article').on('front_page_picks').column('article_id').execute();
      await db.schema.createIndex('front_page_picks_section').on('front_page_picks').column('section_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('front_page_picks').ifExists().execute();
    },
  };
}
