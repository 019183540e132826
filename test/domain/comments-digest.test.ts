import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { insertComment } from '../../src/domain/comments/index.ts';
import { nextLocalHour } from '../../src/domain/shared/time.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';
import { bodyOf, startSmtp } from '../helpers/smtp.ts';
import { makeStaff, signedIn } from '../http/admin-auth-helpers.ts';
import { publishedStory } from './comments-helpers.ts';

describe('nextLocalHour: the next HH:00 of the edition zone, across daylight saving', () => {
  const at = (iso: string, hour: number, tz: string) => nextLocalHour(new Date(iso), hour, tz).toISOString();
  test('later today, else tomorrow; never now itself', () => {
    assert.equal(at('2026-05-21T06:59:59Z', 9, 'Europe/London'), '2026-05-21T08:00:00.000Z');
    assert.equal(at('2026-05-21T08:00:00Z', 9, 'Europe/London'), '2026-05-22T08:00:00.000Z');
    assert.equal(at('2026-05-21T10:00:00Z', 9, 'Asia/Tehran'), '2026-05-22T05:30:00.000Z');
    assert.equal(at('2026-05-21T23:30:00Z', 0, 'America/New_York'), '2026-05-22T04:00:00.000Z');
  });
  test('spring forward and fall back keep the local hour; a skipped hour is the one after the gap', () => {
    assert.equal(at('2026-03-28T12:00:00Z', 9, 'Europe/London'), '2026-03-29T08:00:00.000Z');
    assert.equal(at('2026-10-24T08:00:00Z', 9, 'Europe/London'), '2026-10-25T09:00:00.000Z');
    assert.equal(at('2026-03-07T15:00:00Z', 9, 'America/New_York'), '2026-03-08T13:00:00.000Z');
    assert.equal(at('2026-03-28T12:00:00Z', 1, 'Europe/London'), '2026-03-29T01:00:00.000Z');
  });
});

/**
 * The moderators' digest end to end: the Settings form schedules it, the
 * `comment-digest` job mails moderators through the outbox to a real SMTP
 * server, and schedules its next run once; off sends nothing.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: moderator comment digest`, () => {
    let app: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let storyA = 0;
    let storyB = 0;
    const digestJobs = async () => app.db.kysely.selectFrom('jobs').selectAll().where('kind', '=', 'comment-digest').orderBy('id').execute();
    const waitingDigests = async () => (await digestJobs()).filter((j) => j.state === 'waiting').map((j) => j.run_at);
    const mailJobs = async () => app.db.kysely.selectFrom('jobs').select(['id']).where('kind', '=', 'mail').execute();
    let seq = 0;
    const pending = (articleId: number, createdAt: Date, status = 'pending') =>
      insertComment(app.db.kysely, {
        article_id: articleId, parent_id: null, author_name: 'Reader', author_email: 'r@example.org', email_hash: `h${++seq}`, author_url: '', body: `Comment ${seq}`,
        body_hash: `b${seq}`, status, held_reasons: '[]', ip_hash: 'ip', notify: 0, flag_count: 0, created_at: createdAt.toISOString(), updated_at: createdAt.toISOString(),
      });
    const runAt = async (iso: string) => {
      app.clock.set(new Date(iso));
      const ran = await app.runner.runDue();
      // The digest's messages are mail jobs, due now: a second round sends them.
      await app.runner.runDue();
      return ran;
    };
    const settingsForm = async (digest: string) => {
      const b = await signedIn(app, 'admin@news.test');
      const s = await app.settings.get();
      return b.post('/admin/settings', {
        _csrf: await b.csrf('/admin/settings'), name: s.name, tagline: s.tagline, timeZone: s.timeZone, language: s.language, commentDefault: s.commentDefault,
        logoUrl: s.logoUrl, checksMinConfidence: String(s.checksMinConfidence), moderatorDigestHour: digest,
      });
    };

    before(async () => {
      smtp = await startSmtp();
      // 11:00 in London (BST).
      app = await createTestApp(dialect, new Date('2026-05-21T10:00:00Z'), { env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}` } });
      await app.settings.update({ timeZone: 'Europe/London' });
      await makeStaff(app, 'admin', 'admin@news.test');
      await makeStaff(app, 'moderator', 'mod@news.test');
      await makeStaff(app, 'editor', 'editor@news.test');
      const gone = await makeStaff(app, 'moderator', 'gone@news.test');
      await app.users.setDisabled(gone.id, true, 'test');
      storyA = await publishedStory(app, 'Council votes on budget');
      storyB = await publishedStory(app, 'Bridge closes for repairs');
    });
    after(async () => {
      await app?.cleanup();
      await smtp?.close();
    });

    test('off by default: no job is scheduled and nothing is sent', async () => {
      assert.equal((await app.settings.get()).moderatorDigestHour, null);
      await pending(storyA, app.clock.now());
      assert.deepEqual(await digestJobs(), []);
      await runAt('2026-05-22T08:00:00Z');
      assert.equal(smtp.inbox.length, 0);
    });

    test('the Settings form refuses a bad hour with nothing written, and turning it on schedules one job, audited', async () => {
      const bad = await settingsForm('25');
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /must be off or an hour from 0 to 23/);
      assert.equal((await app.settings.get()).moderatorDigestHour, null);
      assert.deepEqual(await waitingDigests(), []);

      app.clock.set(new Date('2026-05-22T10:00:00Z'));
      assert.equal((await settingsForm('8')).statusCode, 303);
      assert.equal((await app.settings.get()).moderatorDigestHour, 8);
      // 08:00 BST tomorrow.
      assert.deepEqual(await waitingDigests(), ['2026-05-23T07:00:00.000Z']);
      const audit = await app.db.kysely.selectFrom('audit_entries').selectAll().where('action', '=', 'settings.update').orderBy('id', 'desc').executeTakeFirstOrThrow();
      assert.match(audit.detail, /moderatorDigestHour/);
      assert.match((await (await signedIn(app, 'admin@news.test')).get('/admin/settings')).body, /<option value="8" selected[^>]*>Daily at 08:00/);

      assert.equal((await settingsForm('9')).statusCode, 303);
      assert.deepEqual(await waitingDigests(), ['2026-05-23T08:00:00.000Z'], 'a new hour moves the one job');
    });

    test('at the hour: each moderator and admin gets one message with the counts per story; the next run is scheduled once', async () => {
      await app.db.kysely.deleteFrom('comments').execute();
      const now = new Date('2026-05-23T08:00:00Z');
      await pending(storyA, new Date(now.getTime() - 5 * 3_600_000));
      await pending(storyA, new Date(now.getTime() - 3_600_000));
      await pending(storyA, new Date(now.getTime() - 60_000));
      await pending(storyB, new Date(now.getTime() - 40 * 60_000));
      await pending(storyB, new Date(now.getTime() - 50 * 3_600_000), 'approved');

      app.clock.set(new Date('2026-05-23T07:59:59Z'));
      assert.equal(await app.runner.runDue(), 0, 'not before its hour');
      assert.equal(await runAt('2026-05-23T08:00:00Z'), 1);
      assert.deepEqual(smtp.inbox.map((m) => m.to).flat().sort(), ['admin@news.test', 'mod@news.test']);
      const body = bodyOf(smtp.inbox[0].raw);
      assert.match(smtp.inbox[0].raw, /^Subject: 4 comments waiting on The Dateline Daily/m);
      assert.match(body, /^4 comments are waiting for moderation/m);
      assert.match(body, /^- Council votes on budget: 3 waiting, the oldest for 5 h$/m);
      assert.match(body, /^- Bridge closes for repairs: 1 waiting, the oldest for 40 min$/m);
      assert.match(body, /http:\/\/news\.test\/admin\/comments\?queue=pending/);
      assert.deepEqual(await waitingDigests(), ['2026-05-24T08:00:00.000Z']);
      assert.equal((await digestJobs()).filter((j) => j.state === 'done').length, 1);
      assert.equal(await app.runner.runDue(), 0, 'never twice');
      assert.equal(smtp.inbox.length, 2);
    });

    test('nothing waiting: no mail, and the next day is still scheduled', async () => {
      await app.db.kysely.updateTable('comments').set({ status: 'approved' }).execute();
      const mailsBefore = (await mailJobs()).length;
      assert.equal(await runAt('2026-05-24T08:00:00Z'), 1);
      assert.equal((await mailJobs()).length, mailsBefore);
      assert.equal(smtp.inbox.length, 2);
      assert.deepEqual(await waitingDigests(), ['2026-05-25T08:00:00.000Z']);
    });

    test('turned off: the waiting job ends without mail and schedules nothing', async () => {
      await pending(storyA, new Date('2026-05-24T12:00:00Z'));
      assert.equal((await settingsForm('off')).statusCode, 303);
      assert.equal((await app.settings.get()).moderatorDigestHour, null);
      assert.equal(await runAt('2026-05-25T08:00:00Z'), 1);
      assert.equal(smtp.inbox.length, 2);
      assert.deepEqual(await waitingDigests(), []);
    });
  });
}
