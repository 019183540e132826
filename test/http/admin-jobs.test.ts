import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { JobRunner } from '../../src/jobs/runner.ts';
import { DIALECTS, createTestApp, type TestApp } from '../helpers/dialects.ts';
import { csrfFrom, makeStaff, signedIn, type Browser } from './admin-auth-helpers.ts';

/** The admin page of the job queue: who may see it, what it shows, retry and discard behind CSRF. */
for (const dialect of DIALECTS) {
  describe(`${dialect}: /admin/jobs`, () => {
    let app: TestApp;
    let admin: Browser;
    let deadId: number;
    before(async () => {
      app = await createTestApp(dialect);
      await makeStaff(app, 'admin', 'ops@news.test');
      await makeStaff(app, 'editor', 'ed@news.test');
      admin = await signedIn(app, 'ops@news.test');
      // A webhook-like job whose remote keeps failing, with hostile text in its error.
      const runner = new JobRunner({ queue: app.jobs, onError: () => undefined }).define('hook', {
        handle: async () => {
          throw new Error('remote said <script>alert(1)</script>');
        },
      });
      deadId = await app.jobs.enqueue(app.db.kysely, 'hook', { url: 'https://example.org/' }, { maxAttempts: 1 });
      await runner.runDue();
      app.clock.advance(5_000);
      await app.jobs.enqueue(app.db.kysely, 'hook', {}, { runAt: new Date(app.clock.now().getTime() - 2_000) });
    });
    after(async () => app.cleanup());

    test('an admin sees the counts, the oldest due age and the dead job’s last error, escaped; an editor gets 403', async () => {
      const page = await admin.get('/admin/jobs');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<dd id="jobs-dead">1<\/dd>/);
      assert.match(page.body, /<dd id="jobs-waiting">1<\/dd>/);
      assert.match(page.body, /<dd id="jobs-oldest">2 seconds<\/dd>/);
      assert.match(page.body, /remote said &lt;script>alert\(1\)&lt;\/script>/);
      assert.doesNotMatch(page.body, /<script>alert/);
      assert.match(page.body, /href="\/admin\/jobs" aria-current="page">Jobs</);
      const editor = await signedIn(app, 'ed@news.test');
      assert.equal((await editor.get('/admin/jobs')).statusCode, 403);
      assert.doesNotMatch((await editor.get('/admin')).body, /href="\/admin\/jobs"/);
      assert.equal((await editor.post(`/admin/jobs/${deadId}/retry`, { _csrf: csrfFrom((await editor.get('/admin')).body) })).statusCode, 403);
      assert.equal((await app.jobs.get(deadId)).state, 'dead');
    });

    test('retry and discard need the form’s CSRF token; then they act, and are audited', async () => {
      assert.equal((await admin.post(`/admin/jobs/${deadId}/retry`, {})).statusCode, 403);
      assert.equal((await admin.post(`/admin/jobs/${deadId}/retry`, {}, { origin: 'https://evil.test' })).statusCode, 403);
      assert.equal((await app.jobs.get(deadId)).state, 'dead');
      const token = csrfFrom((await admin.get('/admin/jobs')).body);
      const retried = await admin.post(`/admin/jobs/${deadId}/retry`, { _csrf: token });
      assert.equal(retried.statusCode, 303);
      assert.equal(retried.headers.location, '/admin/jobs?done=retried');
      const job = await app.jobs.get(deadId);
      assert.deepEqual([job.state, job.attempts], ['waiting', 0]);
      assert.match((await admin.get('/admin/jobs?done=retried')).body, /will run again now/);
      assert.equal((await admin.post(`/admin/jobs/${deadId}/discard`, { _csrf: token })).statusCode, 303);
      await assert.rejects(app.jobs.get(deadId));
      assert.equal((await admin.post(`/admin/jobs/${deadId}/discard`, { _csrf: token })).statusCode, 404);
      assert.equal((await admin.post('/admin/jobs/x1/discard', { _csrf: token })).statusCode, 404);
      const audit = await app.auditLog.list(10, 0);
      assert.ok(audit.some((a) => a.action === 'job.retry' && a.targetId === String(deadId) && a.actor.startsWith('user:')));
    });

    test('a running job can be neither retried nor discarded (409): its effect may be under way', async () => {
      const id = await app.jobs.enqueue(app.db.kysely, 'hook', {});
      await app.jobs.claim({ kinds: ['hook'], owner: 'instance-a', limit: 10, leaseMs: 60_000 });
      const token = csrfFrom((await admin.get('/admin/jobs')).body);
      const r = await admin.post(`/admin/jobs/${id}/discard`, { _csrf: token });
      assert.equal(r.statusCode, 409);
      assert.match(r.body, /only a dead or waiting job can be discarded/);
      assert.equal((await app.jobs.get(id)).state, 'running');
    });
  });
}
