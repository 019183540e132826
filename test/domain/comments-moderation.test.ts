import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { COMMENT_MAIL_JOB, CommentError, CommentNotifier, ModerationService } from '../../src/domain/comments/index.ts';
import { JobRunner } from '../../src/jobs/runner.ts';
import { SmtpMailer } from '../../src/domain/mail/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';
import { bodyOf, startSmtp } from '../helpers/smtp.ts';
import { easyRules, nextIp, publishedStory, validPost } from './comments-helpers.ts';

/** Mail goes out after commit, in the background: wait for it (bounded), not for a fixed time. */
async function until(cond: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: moderation, bans, history and notifications`, () => {
    let app: TestApp;
    let story: number;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let mailer: SmtpMailer;
    let notifier: CommentNotifier;
    let moderation: ModerationService;
    let runner: JobRunner;
    before(async () => {
      app = await createTestApp(dialect);
      await easyRules(app);
      story = await publishedStory(app);
      smtp = await startSmtp();
      mailer = new SmtpMailer({ url: `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`, from: 'news@example.org' });
      notifier = new CommentNotifier({ db: app.db, clock: app.clock, mailer, siteUrl: 'http://news.test', siteName: async () => 'The Dateline Daily', challenges: app.comments.challenges, jobs: app.jobs, messageIdHost: 'news.test' });
      runner = new JobRunner({ queue: app.jobs, onError: () => undefined }).define(COMMENT_MAIL_JOB, notifier.job);
      moderation = new ModerationService({ db: app.db, clock: app.clock, changes: app.changes, settings: app.comments.settings, notifier, onError: () => undefined });
    });
    after(async () => {
      mailer.close();
      await smtp.close();
      await app.cleanup();
    });

    const post = async (fields: Record<string, unknown>, ip = nextIp()) => {
      app.clock.advance(20_000);
      const p = await validPost(app, story, ip, fields);
      return app.comments.submit(p, p.raw);
    };

    test('approval mails the commenter who asked; an approved reply mails the parent’s author; unsubscribe stops both', async () => {
      const parent = await post({ email: 'parent@example.org', notify: 'on', body: 'Parent comment' });
      await moderation.moderate([parent.id], 'approve', 'mod');
      assert.equal(await runner.runDue(), 1);
      await until(() => smtp.inbox.length >= 1);
      assert.equal(smtp.inbox.length, 1);
      assert.equal(smtp.inbox[0].to.join(','), 'parent@example.org');
      assert.match(bodyOf(smtp.inbox[0].raw), /has been published/);
      const unsub = /Stop these emails: (\S+)/.exec(bodyOf(smtp.inbox[0].raw))?.[1];
      assert.ok(unsub?.startsWith('http://news.test/comments/unsubscribe?'));

      const reply = await post({ email: 'replier@example.org', parentId: String(parent.id), body: 'A reply to you' });
      await moderation.moderate([reply.id], 'approve', 'mod');
      assert.equal(await runner.runDue(), 1);
      await until(() => smtp.inbox.length >= 2);
      assert.equal(smtp.inbox[1].to.join(','), 'parent@example.org');
      assert.match(bodyOf(smtp.inbox[1].raw), /replied to your comment/);

      const c = await moderation.get(parent.id);
      const url = new URL(await notifier.unsubscribeUrl(c.emailHash));
      assert.equal(await notifier.unsubscribe(c.emailHash, 'forged-token-forged-token-forged'), false);
      assert.equal(await notifier.unsubscribe(url.searchParams.get('e')!, url.searchParams.get('t')!), true);
      const again = await post({ email: 'replier2@example.org', parentId: String(parent.id), body: 'Another reply' });
      await moderation.moderate([again.id], 'approve', 'mod');
      assert.equal(await runner.runDue(), 1, 'the job runs, and sends nothing');
      assert.equal((await app.jobs.stats()).counts.waiting, 0);
      assert.equal(smtp.inbox.length, 2, 'no mail after unsubscribing');
    });

    test('a notification held by an instance that died is sent once its lease runs out, with the same Message-ID', async () => {
      const c = await post({ email: 'stuck@example.org', notify: 'on', body: 'Held up in the outbox' });
      const before = smtp.inbox.length;
      await moderation.moderate([c.id], 'approve', 'mod');
      const job = (await app.jobs.list('waiting')).find((j) => (j.payload as { to: string }).to === 'stuck@example.org')!;
      // Claimed by an instance that then died: its lease still runs.
      const lease = new Date(app.clock.now().getTime() + 30_000).toISOString();
      await app.db.kysely.updateTable('jobs').set({ state: 'running', locked_by: 'dead-instance', locked_until: lease, attempts: 1 }).where('id', '=', job.id).execute();
      assert.equal(await runner.runDue(), 0, 'a live lease is left to its owner');
      app.clock.advance(31_000);
      assert.equal(await runner.runDue(), 1);
      await until(() => smtp.inbox.length > before);
      assert.equal(smtp.inbox.at(-1)!.to.join(','), 'stuck@example.org');
      assert.match(smtp.inbox.at(-1)!.raw, new RegExp(`^Message-ID: <dateline\\.job-${job.id}\\.[a-z0-9]+@news\\.test>`, 'mi'));
    });

    test('bans by email and by IP refuse later comments (403) and mark the comment spam; history counts by email', async () => {
      const ip = nextIp();
      const a = await post({ email: 'troll@example.org', body: 'troll one' }, ip);
      const b = await post({ email: 'troll@example.org', body: 'troll two' });
      await moderation.moderate([b.id], 'reject', 'mod');
      const item = await moderation.get(a.id);
      assert.deepEqual(item.history, { pending: 1, rejected: 1 });
      await moderation.ban(a.id, 'email', 'mod', 'abuse');
      assert.equal((await moderation.get(a.id)).status, 'spam');
      await assert.rejects(post({ email: 'Troll@Example.org', body: 'back again' }), (e: CommentError) => e.commentCode === 'commenter_banned' && e.status === 403);
      const c = await post({ email: 'fresh@example.org', body: 'from a bad ip' }, nextIp());
      await moderation.ban(c.id, 'ip', 'mod');
      const bannedIp = (await moderation.get(c.id)).ipHash;
      assert.ok(bannedIp);
    });

    test('queues, bulk actions and edits: each change audited, moderated_by recorded', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 4; i++) ids.push((await post({ body: `bulk item ${i}` })).id);
      const pendingBefore = await moderation.pendingCount();
      assert.equal(await moderation.moderate(ids, 'spam', 'mod:ann'), 4);
      assert.equal(await moderation.pendingCount(), pendingBefore - 4);
      assert.ok((await moderation.list('spam')).items.some((x) => x.id === ids[0] && x.moderatedBy === 'mod:ann'));
      await moderation.moderate([ids[0]], 'approve', 'mod:ann');
      const edited = await moderation.edit(ids[0], 'Edited: phone number removed', 'mod:ann');
      assert.equal(edited.body, 'Edited: phone number removed');
      const audit = await app.db.kysely.selectFrom('audit_entries').selectAll().where('action', '=', 'comment.edit').execute();
      assert.equal(JSON.parse(audit[0].detail).before, 'bulk item 0');
      await assert.rejects(moderation.moderate([], 'approve', 'x'), (e: { status: number }) => e.status === 422);
      await assert.rejects(moderation.edit(ids[1], '', 'x'), (e: { status: number }) => e.status === 422);
    });
  });
}
