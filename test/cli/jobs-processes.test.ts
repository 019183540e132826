import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { openDatabase, type Db } from '../../src/storage/index.ts';
import { DIALECTS } from '../helpers/dialects.ts';
import { messageIdOf, startSmtp } from '../helpers/smtp.ts';
import { cliEnv, runCli, startCli, withCliServices, type CliEnv } from './cli-helpers.ts';

/** Stories due at the same moment: one publish transaction long enough to kill an instance inside it. */
const DUE_TOGETHER = 1500;

async function until(what: string, cond: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** `host:pid:random`, as the runner names itself. */
const ownedBy = (lockedBy: string | null, pid: number | undefined) => lockedBy?.split(':')[1] === String(pid);

/**
 * Real `dateline serve` processes on one database: an instance killed with
 * kill -9 in the middle of its jobs, and two instances sharing a thousand.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: jobs across real instances`, { timeout: 240_000 }, () => {
    let t: CliEnv;
    let env: NodeJS.ProcessEnv;
    let holding = false;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let db: Db;
    before(async () => {
      t = await cliEnv(dialect);
      smtp = await startSmtp(0, { hold: () => holding });
      env = { ...t.env, HOST: '127.0.0.1', PORT: '0', SITE_URL: 'http://news.test', SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, JOB_LEASE_SECONDS: '2' };
      assert.equal((await runCli(['migrate'], env)).code, 0);
      db = openDatabase(loadConfig(env));
    });
    after(async () => {
      await db?.close();
      smtp?.release();
      await smtp?.close();
      await t?.cleanup();
    });

    const jobs = (kind: string) => db.kysely.selectFrom('jobs').selectAll().where('kind', '=', kind).orderBy('id').execute();
    const unfinished = async () => (await db.kysely.selectFrom('jobs').select('id').where('state', 'in', ['waiting', 'running']).execute()).length;

    test('a job held by an instance killed with kill -9 is finished by another: stories publish once, each mail arrives with one Message-ID', async () => {
      // Due in an hour; the test moves the hour on once A is busy with the mail.
      const dueAt = new Date(Date.now() + 3_600_000);
      await withCliServices(env, async (s) => {
        await s.articles.create(parseArticleInput({ headline: 'Budget passes', status: 'scheduled', publishedAt: dueAt.toISOString(), bodyMarkdown: 'The vote.' }, 'create'), 'test');
        await insertScheduled(s.db, dueAt, DUE_TOGETHER);
        await s.db.kysely.transaction().execute(async (trx) => {
          for (const to of ['a@example.org', 'b@example.org', 'c@example.org']) await s.mailOutbox.enqueue(trx, { kind: 'invitation', to, subject: 'Welcome', text: `Hello ${to}` });
        });
      });
      const storiesBefore = await db.kysely.selectFrom('articles').select(['id', 'version']).where('status', '=', 'scheduled').execute();
      assert.equal(storiesBefore.length, DUE_TOGETHER + 1);

      holding = true;
      const a = startCli(['serve'], env);
      try {
        await a.waitFor(/Dateline is running at/);
        // A has handed all three messages over (SMTP holds its answer) ...
        await until('A sending the mail', async () => smtp.inbox.length >= 3);
        // ... when the stories fall due, and A claims their publish job.
        const now = new Date().toISOString();
        await db.kysely.updateTable('articles').set({ published_at: now }).where('status', '=', 'scheduled').execute();
        await db.kysely.updateTable('jobs').set({ run_at: now }).where('kind', '=', 'publish-story').execute();
        await until('A publishing', async () => (await jobs('publish-story')).some((j) => j.state === 'running' && ownedBy(j.locked_by, a.child.pid)));
      } finally {
        a.child.kill('SIGKILL');
        await a.exited;
        holding = false;
        smtp.release();
      }
      const [held] = await jobs('publish-story');
      assert.equal(held.state, 'running', 'A died inside the publish transaction, which rolled back');
      assert.equal((await db.kysely.selectFrom('articles').select('id').where('status', '=', 'published').execute()).length, 0);

      const b = startCli(['serve'], env);
      try {
        await b.waitFor(/Dateline is running at/);
        await until('B finishing every job', async () => (await unfinished()) === 0);
      } finally {
        b.child.kill('SIGTERM');
        assert.equal(await b.exited, 0, b.out.stderr);
      }

      const after = await db.kysely.selectFrom('articles').select(['id', 'version', 'status']).where('id', 'in', storiesBefore.map((r) => r.id)).execute();
      const versionBefore = new Map(storiesBefore.map((r) => [r.id, r.version]));
      assert.ok(after.every((r) => r.status === 'published'));
      assert.ok(after.every((r) => r.version === versionBefore.get(r.id)! + 1), 'each story flipped exactly once');
      const [publish] = await jobs('publish-story');
      assert.equal(publish.state, 'done');
      assert.ok(ownedBy(publish.locked_by, b.child.pid), `finished by B, not ${publish.locked_by}`);
      assert.equal(publish.attempts, 2);

      const mail = await jobs('mail');
      assert.ok(mail.every((j) => j.state === 'done' && ownedBy(j.locked_by, b.child.pid)));
      const byRecipient = new Map<string, string[]>();
      for (const m of smtp.inbox) byRecipient.set(m.to[0], [...(byRecipient.get(m.to[0]) ?? []), messageIdOf(m.raw)!]);
      assert.deepEqual([...byRecipient.keys()].sort(), ['a@example.org', 'b@example.org', 'c@example.org'], 'each mail received at least once');
      for (const [to, ids] of byRecipient) {
        assert.equal(new Set(ids).size, 1, `${to}: a second copy carries the first one's Message-ID (${ids.join(', ')})`);
        assert.match(ids[0], /^<dateline\.job-\d+\.[a-z0-9]+@news\.test>$/);
      }
      assert.ok([...byRecipient.values()].some((ids) => ids.length === 2), `the window was exercised: A delivered, died before recording it, B sent again (${JSON.stringify([...byRecipient])})`);
    });

    test('1,000 jobs spread across two instances run once each', async () => {
      const first = smtp.inbox.length;
      const lastBefore = (await db.kysely.selectFrom('jobs').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0;
      const a = startCli(['serve'], env);
      const b = startCli(['serve'], env);
      try {
        await Promise.all([a.waitFor(/Dateline is running at/), b.waitFor(/Dateline is running at/)]);
        await withCliServices(env, (s) =>
          s.db.kysely.transaction().execute(async (trx) => {
            for (let i = 0; i < 1000; i++) await s.mailOutbox.enqueue(trx, { kind: 'digest', to: `reader${i}@example.org`, subject: `Digest ${i}`, text: 'Today.' });
          }),
        );
        await until('1,000 jobs done', async () => (await unfinished()) === 0, 120_000);
      } finally {
        a.child.kill('SIGTERM');
        b.child.kill('SIGTERM');
        assert.equal(await a.exited, 0, a.out.stderr);
        assert.equal(await b.exited, 0, b.out.stderr);
      }
      const received = smtp.inbox.slice(first);
      const seen = new Map<string, number>();
      for (const m of received) seen.set(m.to[0], (seen.get(m.to[0]) ?? 0) + 1);
      assert.equal(received.length, 1000, `no message twice, none lost; twice: ${[...seen].filter(([, n]) => n > 1).map(([to]) => to).join(', ')}`);
      assert.equal(new Set(received.map((m) => m.to[0])).size, 1000);
      assert.equal(new Set(received.map((m) => messageIdOf(m.raw))).size, 1000);
      const digests = (await jobs('mail')).filter((j) => j.id > Number(lastBefore));
      assert.equal(digests.length, 1000);
      assert.ok(digests.every((j) => j.state === 'done' && j.attempts === 1), 'each ran once');
      const perInstance = { a: digests.filter((j) => ownedBy(j.locked_by, a.child.pid)).length, b: digests.filter((j) => ownedBy(j.locked_by, b.child.pid)).length };
      assert.equal(perInstance.a + perInstance.b, 1000);
      assert.ok(perInstance.a > 0 && perInstance.b > 0, `both instances ran jobs: ${JSON.stringify(perInstance)}`);
    });
  });
}

/** Scheduled stories written straight to the table (creating them one by one through the service takes minutes on PostgreSQL). */
async function insertScheduled(db: Db, at: Date, n: number): Promise<void> {
  const iso = at.toISOString();
  const doc = (i: number) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Council notes, item ${i}: the budget, the tram depot and the harbour.` }] }] });
  for (let start = 0; start < n; start += 100) {
    const rows = Array.from({ length: Math.min(100, n - start) }, (_, k) => {
      const i = start + k;
      return {
        slug: `council-notes-${i}`, headline: `Council notes ${i}`, dek: '', dateline: '', body: doc(i), body_text: `Council notes, item ${i}`, word_count: 8,
        language: 'en', direction: 'ltr' as const, section_id: null, featured_image_id: null, credit: '', status: 'scheduled', published_at: iso,
        first_published_at: null, created_at: iso, updated_at: iso, comment_mode: 'default', canonical_url: '', seo_title: '', seo_description: '',
        social_title: '', social_description: '', version: 1,
      };
    });
    await db.kysely.insertInto('articles').values(rows).execute();
  }
}
