import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { withId } from './helpers.ts';

/** The content model (docs/architecture.md): sections, tags, people, images, articles and their parts. */
export function contentMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await withId(db.schema.createTable('sections'), dialect)
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('parent_id', 'integer', (c) => c.references('sections.id').onDelete('restrict'))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('tags'), dialect)
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('tag_aliases')
        .addColumn('slug', 'text', (c) => c.primaryKey())
        .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
        .execute();

      await withId(db.schema.createTable('images'), dialect)
        .addColumn('key', 'text', (c) => c.notNull().unique())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('original_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('variants', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('people'), dialect)
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('role_title', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('photo_image_id', 'integer', (c) => c.references('images.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await withId(db.schema.createTable('articles'), dialect)
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('headline', 'text', (c) => c.notNull())
        .addColumn('dek', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('dateline', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('body_text', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('word_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull().defaultTo('ltr'))
        .addColumn('section_id', 'integer', (c) => c.references('sections.id').onDelete('set null'))
        .addColumn('featured_image_id', 'integer', (c) => c.references('images.id').onDelete('set null'))
        .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text')
        .addColumn('first_published_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('comment_mode', 'text', (c) => c.notNull().defaultTo('default'))
        .addColumn('canonical_url', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('seo_title', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('seo_description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('social_title', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('social_description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema.createIndex('articles_status_published').on('articles').columns(['status', 'published_at']).execute();
      await db.schema
        .createIndex('articles_section_published')
        .on('articles')
        .columns(['section_id', 'status', 'published_at'])
        .execute();

      await db.schema
        .createTable('article_tags')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
        .execute();
      await db.schema.createIndex('article_tags_tag').on('article_tags').columns(['tag_id', 'article_id']).execute();

      await db.schema
        .createTable('article_bylines')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id').onDelete('restrict'))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('article_bylines_pk', ['article_id', 'person_id'])
        .execute();
      await db.schema.createIndex('article_bylines_person').on('article_bylines').columns(['person_id', 'article_id']).execute();

      await withId(db.schema.createTable('corrections'), dialect)
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('corrections_article').on('corrections').column('article_id').execute();

      await withId(db.schema.createTable('revisions'), dialect)
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('revisions_article_version', ['article_id', 'version'])
        .execute();

      await withId(db.schema.createTable('api_keys'), dialect)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();

      await withId(db.schema.createTable('audit_entries'), dialect)
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
        .execute();
      await db.schema.createIndex('audit_entries_at').on('audit_entries').column('at').execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      void sql;
    },
    async down() {
      throw new Error('0001 cannot be reverted: it creates the whole content schema');
    },
  };
}
