import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { migrateTo, migrateToLatest } from '../../src/storage/index.ts';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/dialects.ts';

/**
 * 0011-jobs on a database that still has the two outboxes: what was waiting
 * in them, and every scheduled story, becomes a job; what was sent stays behind.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: migrating the outboxes to jobs`, () => {
    let t: TestDb;
    before(async () => {
      t = await createTestDb(dialect, { migrate: false });
      await migrateTo(t.db, '0010-search-common-grams');
    });
    after(async () => t.cleanup());

    test('pending and half-sent mail, pending comment mail and scheduled stories become jobs; sent mail does not', async () => {
      const db = t.db.kysely as any;
      const at = '2026-05-21T10:00:00.000Z';
      const mail = (to: string, status: string, extra: object = {}) => ({
        kind: 'password-reset', to_email: to, subject: 'Reset', body: 'v1.sealed', status, attempts: 2, next_attempt_at: '2026-05-21T10:05:00.000Z',
        claimed_at: null, expires_at: '2026-05-21T10:30:00.000Z', last_error: 'ECONNREFUSED', created_at: at, sent_at: null, ...extra,
      });
      await db.insertInto('mail_outbox').values([mail('waits@news.test', 'pending'), mail('halfway@news.test', 'sending', { claimed_at: at }), mail('gone@news.test', 'sent', { body: '' })]).execute();
      const article = (slug: string, status: string, published_at: string | null) => ({
        slug, headline: slug, dek: '', dateline: '', body: '{"type":"doc","content":[]}', body_text: '', word_count: 0, language: 'en', direction: 'ltr',
        section_id: null, featured_image_id: null, credit: '', status, published_at, first_published_at: null, created_at: at, updated_at: at,
        comment_mode: 'default', canonical_url: '', seo_title: '', seo_description: '', social_title: '', social_description: '', version: 1,
      });
      await db.insertInto('articles').values([article('later', 'scheduled', '2026-06-01T08:00:00.000Z'), article('out', 'published', at)]).execute();
      const [later, out] = (await db.selectFrom('articles').select(['id', 'slug']).orderBy('id').execute()) as Array<{ id: number }>;
      const comment = { article_id: out.id, parent_id: null, author_name: 'R', author_email: 'reader@example.org', email_hash: 'h1', author_url: '', body: 'x', body_hash: 'b', status: 'approved', held_reasons: '[]', ip_hash: 'i', notify: 1, flag_count: 0, created_at: at, updated_at: at };
      await db.insertInto('comments').values(comment).execute();
      const { id: commentId } = await db.selectFrom('comments').select('id').executeTakeFirst();
      await db.insertInto('comment_notifications').values([
        { comment_id: commentId, kind: 'approved', to_email: 'reader@example.org', email_hash: 'h1', status: 'pending', attempts: 1, created_at: at },
        { comment_id: commentId, kind: 'reply', to_email: 'done@example.org', email_hash: 'h2', status: 'sent', attempts: 1, created_at: at },
      ]).execute();

      await migrateToLatest(t.db);
      const jobs = (await t.db.kysely.selectFrom('jobs').selectAll().orderBy('id').execute()).map((j) => ({ ...j, payload: JSON.parse(j.payload) }));
      const mails = jobs.filter((j) => j.kind === 'mail');
      assert.deepEqual(mails.map((j) => j.payload.to).sort(), ['halfway@news.test', 'waits@news.test']);
      const waits = mails.find((j) => j.payload.to === 'waits@news.test')!;
      assert.deepEqual([waits.state, waits.attempts, waits.run_at, waits.last_error], ['waiting', 2, '2026-05-21T10:05:00.000Z', 'ECONNREFUSED']);
      assert.deepEqual(waits.payload, { kind: 'password-reset', to: 'waits@news.test', subject: 'Reset', body: 'v1.sealed', expiresAt: '2026-05-21T10:30:00.000Z' });
      const comments = jobs.filter((j) => j.kind === 'comment-mail');
      assert.deepEqual(comments.map((j) => j.payload), [{ commentId, kind: 'approved', to: 'reader@example.org', emailHash: 'h1' }]);
      const publish = jobs.filter((j) => j.kind === 'publish-story');
      assert.deepEqual(publish.map((j) => [j.key, j.run_at, j.state]), [[`publish-story:${later.id}`, '2026-06-01T08:00:00.000Z', 'waiting']]);
      const tables = dialect === 'sqlite'
        ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name in ('mail_outbox', 'comment_notifications')`.execute(t.db.kysely)
        : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_name in ('mail_outbox', 'comment_notifications')`.execute(t.db.kysely);
      assert.deepEqual(tables.rows, [], 'the two outboxes are gone');
    });
  });
}
