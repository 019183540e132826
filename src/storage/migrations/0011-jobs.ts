import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { withId } from './helpers.ts';

/** Attempts before a job is dead, unless its enqueuer says otherwise (about two hours of back-off). */
const DEFAULT_MAX_ATTEMPTS = 8;

/**
 * One table for everything that runs later or elsewhere (scheduled
 * publishing, staff and comment mail, search re-indexing, failed purges).
 * Times are UTC ISO-8601 text like every other table, so "due" and "lease
 * expired" are string comparisons on both dialects. The two hand-written
 * outboxes (mail_outbox, comment_notifications) become rows here: what was
 * still waiting moves over, and scheduled stories get their publish job.
 */
export function jobsMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await withId(db.schema.createTable('jobs'), dialect)
        .addColumn('kind', 'text', (c) => c.notNull())
        // JSON. Mail bodies inside it are sealed (they may hold a sign-in link).
        .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
        // waiting → running → done, or back to waiting with a later run_at, or dead.
        .addColumn('state', 'text', (c) => c.notNull().defaultTo('waiting'))
        // At most one waiting job per key (a story's publish job): a later enqueue moves it.
        .addColumn('key', 'text')
        .addColumn('run_at', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(DEFAULT_MAX_ATTEMPTS))
        .addColumn('locked_by', 'text')
        .addColumn('locked_until', 'text')
        .addColumn('last_error', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'run_at']).execute();
      await sql`create unique index jobs_waiting_key on jobs (key) where state = 'waiting'`.execute(db);
      await moveOutboxes(db);
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('jobs').ifExists().execute();
    },
  };
}

async function moveOutboxes(db: Kysely<any>): Promise<void> {
  const now = new Date().toISOString();
  const mail = await db.selectFrom('mail_outbox').selectAll().where('status', 'in', ['pending', 'sending']).orderBy('id').execute();
  for (const m of mail) {
    const payload = { kind: m.kind, to: m.to_email, subject: m.subject, body: m.body, expiresAt: m.expires_at };
    await db
      .insertInto('jobs')
      .values({ kind: 'mail', payload: JSON.stringify(payload), run_at: m.status === 'sending' ? now : m.next_attempt_at, attempts: m.attempts, last_error: m.last_error, created_at: m.created_at })
      .execute();
  }
  const notes = await db.selectFrom('comment_notifications').selectAll().where('status', 'in', ['pending', 'sending']).orderBy('id').execute();
  for (const n of notes) {
    const payload = { commentId: n.comment_id, kind: n.kind, to: n.to_email, emailHash: n.email_hash };
    await db.insertInto('jobs').values({ kind: 'comment-mail', payload: JSON.stringify(payload), run_at: now, attempts: n.attempts, max_attempts: 5, created_at: n.created_at }).execute();
  }
  const scheduled = await db.selectFrom('articles').select(['id', 'published_at']).where('status', '=', 'scheduled').orderBy('id').execute();
  for (const a of scheduled) {
    await db
      .insertInto('jobs')
      .values({ kind: 'publish-story', payload: JSON.stringify({ articleId: a.id }), key: `publish-story:${a.id}`, run_at: a.published_at ?? now, created_at: now })
      .execute();
  }
  await db.schema.dropTable('mail_outbox').execute();
  await db.schema.dropTable('comment_notifications').execute();
}
