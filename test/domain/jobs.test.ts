import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import type { JobContext } from '../../src/domain/jobs/index.ts';
import { JobRunner } from '../../src/jobs/runner.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

/**
 * The job runner against each real database, on a pinned clock: retries,
 * leases and their heartbeat, dead jobs, keys, and scheduled publishing.
 * Jobs of instances that really die (kill -9) are in test/cli/jobs-processes.test.ts.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: the job runner`, () => {
    let app: TestApp;
    before(async () => {
      app = await createTestApp(dialect);
    });
    after(async () => app.cleanup());

    /** A runner of its own (its own owner id, as another instance would have), with one test kind. */
    const runnerFor = (kind: string, handle: (p: any, ctx: JobContext) => Promise<void>, opts: { leaseMs?: number; owner?: string } = {}) =>
      new JobRunner({ queue: app.jobs, onError: () => undefined, leaseMs: opts.leaseMs ?? 30_000, owner: opts.owner }).define(kind, { handle, backoffMs: 1_000 });

    /** An effect of ours: an audit row written in the handler's transaction, with the job marked done in it. */
    const effectCount = async (target: string) =>
      (await app.db.kysely.selectFrom('audit_entries').select('id').where('action', '=', 'test.effect').where('target_id', '=', target).execute()).length;
    const writeEffect = (ctx: JobContext, target: string, thenFail?: string) =>
      app.db.kysely.transaction().execute(async (trx) => {
        await trx.insertInto('audit_entries').values({ at: app.clock.now().toISOString(), actor: 'job', action: 'test.effect', target_type: 'job', target_id: target, detail: '{}' }).execute();
        if (thenFail) throw new Error(thenFail);
        await ctx.finish(trx);
      });

    test('a job that fails twice then succeeds runs three times, with back-off, and takes effect once', async () => {
      let runs = 0;
      const runner = runnerFor('flaky', async (_p, ctx) => {
        runs++;
        await writeEffect(ctx, 'flaky', runs <= 2 ? `SMTP said no (${runs})` : undefined);
      });
      const id = await app.jobs.enqueue(app.db.kysely, 'flaky', { n: 1 });
      assert.equal(await runner.runDue(), 1);
      let job = await app.jobs.get(id);
      assert.deepEqual([job.state, job.attempts, job.lastError], ['waiting', 1, 'SMTP said no (1)']);
      assert.equal(job.runAt.getTime() - app.clock.now().getTime(), 1_000, 'first retry after the base back-off');
      assert.equal(await runner.runDue(), 0, 'not before its retry time');
      app.clock.advance(1_000);
      assert.equal(await runner.runDue(), 1);
      job = await app.jobs.get(id);
      assert.equal(job.runAt.getTime() - app.clock.now().getTime(), 2_000, 'doubled');
      app.clock.advance(2_000);
      assert.equal(await runner.runDue(), 1);
      job = await app.jobs.get(id);
      assert.deepEqual([job.state, job.attempts, job.lastError], ['done', 3, '']);
      assert.equal(runs, 3);
      assert.equal(await effectCount('flaky'), 1, 'the failed attempts rolled back');
      app.clock.advance(60_000);
      assert.equal(await runner.runDue(), 0, 'done is done');
    });

    test('a job that always fails is dead after its attempts, with its last error; retry runs it again, discard removes it', async () => {
      const runner = runnerFor('doomed', async () => {
        throw new Error('remote answered 500');
      });
      const id = await app.jobs.enqueue(app.db.kysely, 'doomed', {}, { maxAttempts: 2 });
      await runner.runDue();
      app.clock.advance(1_000);
      await runner.runDue();
      const dead = await app.jobs.get(id);
      assert.deepEqual([dead.state, dead.attempts, dead.lastError], ['dead', 2, 'remote answered 500']);
      app.clock.advance(3_600_000);
      assert.equal(await runner.runDue(), 0, 'a dead job is not run again by itself');
      assert.ok((await app.jobs.list('dead')).some((j) => j.id === id));
      assert.equal((await app.jobs.stats()).counts.dead >= 1, true);

      await app.jobs.retry(id, 'user:1');
      const again = await app.jobs.get(id);
      assert.deepEqual([again.state, again.attempts], ['waiting', 0]);
      await runner.runDue();
      app.clock.advance(1_000);
      await runner.runDue();
      assert.equal((await app.jobs.get(id)).state, 'dead');
      await app.jobs.discard(id, 'user:1');
      await assert.rejects(app.jobs.get(id), (e: { status: number }) => e.status === 404);
      const audit = await app.db.kysely.selectFrom('audit_entries').select('action').where('target_type', '=', 'job').where('target_id', '=', String(id)).execute();
      assert.deepEqual(audit.map((a) => a.action).sort(), ['job.discard', 'job.retry']);
    });

    test('a lease that expires is taken over; the first runner, back late, can no longer commit its effect', async () => {
      const id = await app.jobs.enqueue(app.db.kysely, 'slow', {});
      // Runner A claims and then goes silent (no heartbeat): as an instance that hangs or dies.
      const [claimed] = await app.jobs.claim({ kinds: ['slow'], owner: 'instance-a', limit: 1, leaseMs: 30_000 });
      assert.equal(claimed.id, id);
      const b = runnerFor('slow', async (_p, ctx) => writeEffect(ctx, 'slow'), { owner: 'instance-b' });
      assert.equal(await b.runDue(), 0, 'the lease still runs');
      app.clock.advance(30_001);
      assert.equal(await b.runDue(), 1, 'taken over');
      const job = await app.jobs.get(id);
      assert.deepEqual([job.state, job.attempts, job.lockedBy], ['done', 2, 'instance-b']);
      // A wakes up and tries to record the same effect with its stale claim: rolled back.
      const stale: JobContext = { job: claimed, signal: new AbortController().signal, finish: (trx) => app.jobs.complete(id, 'instance-a', { trx }) };
      await assert.rejects(writeEffect(stale, 'slow'), /lease lost/);
      assert.equal(await effectCount('slow'), 1);
    });

    test('the heartbeat keeps a long job’s lease alive, so nobody takes it over while it runs', async () => {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let started!: () => void;
      const running = new Promise<void>((r) => (started = r));
      const a = runnerFor('long', async () => (started(), held), { leaseMs: 150, owner: 'instance-a' });
      const id = await app.jobs.enqueue(app.db.kysely, 'long', {});
      const aRun = a.runDue();
      await running;
      app.clock.advance(1_000);
      // Beats come every leaseMs/3 of real time; each moves the lease past the pinned clock.
      const end = Date.now() + 5_000;
      while ((await app.jobs.get(id)).lockedUntil!.getTime() <= app.clock.now().getTime()) {
        assert.ok(Date.now() < end, 'no heartbeat');
        await new Promise((r) => setTimeout(r, 20));
      }
      const b = runnerFor('long', async () => assert.fail('must not run twice'), { owner: 'instance-b' });
      assert.equal(await b.runDue(), 0);
      release();
      await aRun;
      assert.deepEqual([(await app.jobs.get(id)).state, (await app.jobs.get(id)).lockedBy], ['done', 'instance-a']);
    });

    test('a job that took its instance down on its last attempt is dead, not run again', async () => {
      const id = await app.jobs.enqueue(app.db.kysely, 'poison', {}, { maxAttempts: 1 });
      await app.jobs.claim({ kinds: ['poison'], owner: 'instance-a', limit: 1, leaseMs: 1_000 });
      app.clock.advance(1_001);
      const b = runnerFor('poison', async () => assert.fail('must not run'));
      assert.equal(await b.runDue(), 0);
      const job = await app.jobs.get(id);
      assert.equal(job.state, 'dead');
      assert.match(job.lastError, /lease expired/);
    });

    test('scheduled publishing is one keyed job per story, moved when the time changes, and publishes once', async () => {
      const at = new Date(app.clock.now().getTime() + 3_600_000);
      const story = await app.articles.create(parseArticleInput({ headline: 'Budget vote at noon', status: 'scheduled', publishedAt: at.toISOString() }, 'create'), 'test');
      const jobsFor = async () => (await app.jobs.list('waiting')).filter((j) => j.key === `publish-story:${story.id}`);
      assert.deepEqual((await jobsFor()).map((j) => j.runAt.toISOString()), [at.toISOString()]);
      const later = new Date(at.getTime() + 3_600_000);
      await app.articles.update(story.id, parseArticleInput({ publishedAt: later.toISOString() }, 'update'), 'test');
      assert.deepEqual((await jobsFor()).map((j) => j.runAt.toISOString()), [later.toISOString()], 'moved, not doubled');

      app.clock.set(new Date(at.getTime() + 1_000));
      assert.equal(await app.runner.runDue(), 0, 'not at the old time');
      assert.equal((await app.articles.get(story.id)).status, 'scheduled');
      app.clock.set(new Date(later.getTime() + 1_000));
      const versionBefore = (await app.articles.get(story.id)).version;
      assert.equal(await app.runner.runDue(), 1);
      const published = await app.articles.get(story.id);
      assert.equal(published.status, 'published');
      assert.equal(published.version, versionBefore + 1, 'flipped once');
      assert.deepEqual(await app.articles.publishDue(), [], 'nothing left to publish');
      assert.equal((await jobsFor()).length, 0);
    });

    test('enqueue names its kind plainly; the runner claims only kinds it knows', async () => {
      await assert.rejects(app.jobs.enqueue(app.db.kysely, 'Bad Kind!', {}), /lower-case/);
      const id = await app.jobs.enqueue(app.db.kysely, 'nobody-runs-this', {});
      assert.equal(await app.runner.runDue(), 0);
      assert.equal((await app.jobs.get(id)).state, 'waiting');
      await app.jobs.discard(id, 'test');
    });
  });
}
