import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { withId } from './helpers.ts';

/**
 * Reader comments (docs/comments.md). Emails and IPs are kept only as salted
 * hashes where they serve matching (bans, history, rate limits); the plain
 * email is kept once, on the comment, because notifications need it.
 */
export function commentsMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await withId(db.schema.createTable('comments'), dialect)
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
        .addColumn('author_name', 'text', (c) => c.notNull())
        .addColumn('author_email', 'text', (c) => c.notNull())
        .addColumn('email_hash', 'text', (c) => c.notNull())
        .addColumn('author_url', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('body_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('held_reasons', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('ip_hash', 'text', (c) => c.notNull())
        .addColumn('notify', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('flag_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('moderated_at', 'text')
        .addColumn('moderated_by', 'text')
        .execute();
      await db.schema.createIndex('comments_article_status').on('comments').columns(['article_id', 'status', 'id']).execute();
      await db.schema.createIndex('comments_status_id').on('comments').columns(['status', 'id']).execute();
      await db.schema.createIndex('comments_email_hash').on('comments').columns(['email_hash', 'status']).execute();
      await db.schema.createIndex('comments_body_hash').on('comments').columns(['body_hash', 'created_at']).execute();
      await db.schema.createIndex('comments_parent').on('comments').column('parent_id').execute();

      await withId(db.schema.createTable('comment_flags'), dialect)
        .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
        .addColumn('reporter_hash', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('comment_flags_once', ['comment_id', 'reporter_hash'])
        .execute();

      await withId(db.schema.createTable('comment_bans'), dialect)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value_hash', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('comment_bans_once', ['kind', 'value_hash'])
        .execute();

      // Used proof-of-work challenges (replay set) and live arithmetic questions.
      await db.schema
        .createTable('comment_challenges_used')
        .addColumn('signature', 'text', (c) => c.primaryKey())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('comment_challenges_used_exp').on('comment_challenges_used').column('expires_at').execute();
      await db.schema
        .createTable('comment_captchas')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('article_id', 'integer', (c) => c.notNull())
        .addColumn('answer', 'integer', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('ip_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('comment_captchas_exp').on('comment_captchas').column('expires_at').execute();

      // Outbox: written in the moderation transaction, delivered after commit.
      await withId(db.schema.createTable('comment_notifications'), dialect)
        .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('to_email', 'text', (c) => c.notNull())
        .addColumn('email_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema.createIndex('comment_notifications_status').on('comment_notifications').columns(['status', 'id']).execute();
      await db.schema
        .createTable('comment_mail_optouts')
        .addColumn('email_hash', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['comment_mail_optouts', 'comment_notifications', 'comment_captchas', 'comment_challenges_used', 'comment_bans', 'comment_flags', 'comments']) {
        await db.schema.dropTable(t).ifExists().execute();
      }
    },
  };
}
