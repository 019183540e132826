import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { fixedClock } from '../../src/domain/shared/clock.ts';
import { createApp, type App } from '../../src/main.ts';
import { DIALECTS, createTestDb, testConfig, type TestDb } from '../helpers/dialects.ts';
import { bodyOf, startSmtp } from '../helpers/smtp.ts';
import { browser, makeStaff } from './admin-auth-helpers.ts';
import type { TestApp } from '../helpers/dialects.ts';

/** A loopback port with nothing listening on it (yet). */
async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const LINK = /(\S+\/admin\/reset\/[A-Za-z0-9_-]{43})/;

/**
 * Reset mail as jobs, against a real SMTP server that is down when the
 * reset is asked for and up later: nothing is lost, nothing is sent twice,
 * a stale link is never sent late, the queued body is sealed in the
 * database, and every send of one message carries its one Message-ID.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: staff mail outbox`, () => {
    let t: TestDb;
    let app: TestApp;
    let port = 0;
    const outbox = async () => (await t.db.kysely.selectFrom('jobs').selectAll().where('kind', '=', 'mail').orderBy('id').execute()).map((r) => ({ ...r, payload: JSON.parse(r.payload) }));

    before(async () => {
      port = await freePort();
      t = await createTestDb(dialect);
      const clock = fixedClock(new Date('2026-05-21T10:00:00Z'));
      const created: App = await createApp(testConfig(t.dataDir, { SMTP_URL: `smtp://127.0.0.1:${port}` }), { db: t.db, clock, jobs: false });
      await created.server.ready();
      app = Object.assign(created, { clock, cleanup: async () => undefined }) as TestApp;
      await makeStaff(app, 'editor', 'outage@news.test');
    });
    after(async () => {
      await app?.changes.stop();
      await app?.server.close();
      await t?.cleanup();
    });

    async function forgot(ip: string, email: string) {
      const b = browser(app, ip);
      const res = await b.post('/admin/forgot', { _csrf: await b.csrf('/admin/forgot'), email });
      assert.equal(res.statusCode, 200);
    }

    test('SMTP down: the request is answered as usual, the mail waits sealed, and goes out once SMTP is back', async () => {
      await forgot('192.0.2.50', 'outage@news.test');
      assert.equal(await app.runner.runDue(), 1);
      const [row] = await outbox();
      assert.equal(row.state, 'waiting');
      assert.equal(row.attempts, 1);
      assert.equal(row.payload.kind, 'password-reset');
      assert.match(row.last_error, /ECONNREFUSED|connect/i);
      assert.match(row.payload.body, /^v1\./, 'sealed at rest');
      assert.doesNotMatch(JSON.stringify(row.payload), /admin\/reset/);

      const smtp = await startSmtp(port);
      try {
        assert.equal(await app.runner.runDue(), 0, 'not before its retry time');
        app.clock.advance(61_000);
        assert.equal(await app.runner.runDue(), 1);
        assert.equal(await app.runner.runDue(), 0, 'never twice');
        assert.equal(smtp.inbox.length, 1);
        assert.match(smtp.inbox[0].raw, new RegExp(`^Message-ID: <dateline\\.job-${row.id}\\.[a-z0-9]+@news\\.test>`, 'mi'));
        const link = LINK.exec(bodyOf(smtp.inbox[0].raw))![1];
        assert.equal((await browser(app, '192.0.2.51').get(new URL(link).pathname)).statusCode, 200, 'the link works');
        const [sent] = await outbox();
        assert.equal(sent.state, 'done');
        assert.deepEqual(sent.payload, {}, 'emptied once sent');
      } finally {
        await smtp.close();
      }
    });

    test('a reset mail whose link has expired meanwhile is dropped, not sent late', async () => {
      await forgot('192.0.2.60', 'outage@news.test');
      assert.equal(await app.runner.runDue(), 1);
      const smtp = await startSmtp(port);
      try {
        app.clock.advance(31 * 60_000);
        assert.equal(await app.runner.runDue(), 1);
        assert.equal(smtp.inbox.length, 0);
        const row = (await outbox())[1];
        assert.equal(row.state, 'done');
        assert.deepEqual(row.payload, {});
      } finally {
        await smtp.close();
      }
    });

    test('a message held by an instance that died is sent by another once the lease has run out, with the same Message-ID', async () => {
      const smtp = await startSmtp(port);
      try {
        await forgot('192.0.2.70', 'outage@news.test');
        const last = (await outbox()).at(-1)!;
        // As an instance that died after sending leaves it: claimed, its lease still running.
        const lease = new Date(app.clock.now().getTime() + 30_000).toISOString();
        await t.db.kysely.updateTable('jobs').set({ state: 'running', locked_by: 'dead-instance', locked_until: lease, attempts: 1 }).where('id', '=', last.id).execute();
        assert.equal(await app.runner.runDue(), 0, 'a live lease belongs to someone else');
        app.clock.advance(31_000);
        assert.equal(await app.runner.runDue(), 1);
        assert.equal(smtp.inbox.length, 1);
        assert.match(smtp.inbox[0].raw, new RegExp(`^Message-ID: <dateline\\.job-${last.id}\\.`, 'mi'));
        const row = (await outbox()).at(-1)!;
        assert.equal(row.state, 'done');
        assert.equal(row.attempts, 2);
      } finally {
        await smtp.close();
      }
    });

    test('a recipient or subject with a line break is refused before anything is queued', async () => {
      const before = (await outbox()).length;
      await assert.rejects(
        t.db.kysely.transaction().execute((trx) => app.mailOutbox.enqueue(trx, { kind: 'test', to: 'a@b.c\r\nBcc: spy@evil.test', subject: 'x', text: 'y' })),
        /line break/,
      );
      assert.equal((await outbox()).length, before);
    });
  });
}
