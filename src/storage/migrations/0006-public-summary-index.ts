import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

/**
 * A covering index for the public story summaries (related stories, lists).
 * In SQLite a story's row holds its whole body in overflow pages, and the
 * summary columns after it (section, credit, updated_at) are only reached by
 * walking them; with this index those reads never touch the table, which
 * halves a related-stories lookup. SQLite only: PostgreSQL stores columns
 * differently and caps a B-tree entry at about 2.7 kB, which a long headline
 * and standfirst together could pass.
 */
export function publicSummaryIndexMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      if (dialect !== 'sqlite') return;
      await db.schema
        .createIndex('articles_public_summary')
        .on('articles')
        .columns([
          'status', 'published_at', 'id', 'slug', 'headline', 'dek', 'language', 'direction',
          'section_id', 'featured_image_id', 'credit', 'updated_at',
        ])
        .execute();
    },
    async down(db: Kysely<any>) {
      if (dialect !== 'sqlite') return;
      await db.schema.dropIndex('articles_public_summary').execute();
    },
  };
}
