import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { withId } from './helpers.ts';

/**
 * Staff mail (password resets, invitations) goes through a durable outbox:
 * the row is written in the same transaction as the reset token, and sent
 * after commit, with retries, by whichever instance claims it. Comment
 * notifications record when a send was claimed, so a crash mid-send is
 * retried instead of leaving the row "sending" for ever.
 */
export function mailOutboxMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await withId(db.schema.createTable('mail_outbox'), dialect)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('to_email', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        // Sealed (AES-GCM, key outside the database): it may hold a sign-in link. Emptied once sent.
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('claimed_at', 'text')
        .addColumn('expires_at', 'text')
        .addColumn('last_error', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['status', 'next_attempt_at']).execute();
      await db.schema.alterTable('comment_notifications').addColumn('claimed_at', 'text').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('mail_outbox').ifExists().execute();
      await db.schema.alterTable('comment_notifications').dropColumn('claimed_at').execute();
    },
  };
}
