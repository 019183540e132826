import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { fixedClock } from '../../src/domain/shared/clock.ts';
import { createApp } from '../../src/main.ts';
import { createSqliteDb, migrateToLatest } from '../../src/storage/index.ts';
import { fillDisk } from '../../bench/fill-disk.ts';
import { easyRules } from '../domain/comments-helpers.ts';
import { testConfig, type TestApp } from '../helpers/dialects.ts';
import { assertDegraded, assertRecovered, questionFor, READER, setScene, type FaultScene } from './degradation.harness.ts';
import { postForm } from './comments-client.ts';

async function appIn(dataDir: string): Promise<TestApp> {
  const db = createSqliteDb(path.join(dataDir, 'dateline.db'));
  await migrateToLatest(db);
  const clock = fixedClock(new Date('2026-05-21T10:00:00Z'));
  const app = await createApp(testConfig(dataDir, { READY_MIN_FREE_MB: '1' }), { db, clock, jobs: false });
  const out = Object.assign(app, { clock, cleanup: async () => app.close() });
  await easyRules(out);
  return out;
}

/**
 * The data folder on a small tmpfs of its own that the test fills: the
 * full disk an operator meets, not a stand-in. Mounting needs root; as
 * another user the suite is skipped with the reason.
 */
describe('sqlite: the data disk fills up, then gets room again', { timeout: 120_000, skip: process.getuid?.() !== 0 ? 'mounting a tmpfs needs root' : false }, () => {
  let mount: string;
  let app: TestApp;
  let scene: FaultScene;
  before(async () => {
    mount = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mount]);
    app = await appIn(mount);
    scene = await setScene(app);
  });
  after(async () => {
    await app?.close().catch(() => undefined);
    if (mount) {
      execFileSync('umount', [mount]);
      fs.rmSync(mount, { recursive: true, force: true });
    }
  });

  test('full: writes answer 503 with Retry-After and the text comes back; reads and cached pages serve; room again: all works without a restart', async () => {
    const { question } = await questionFor(scene);
    // An empty WAL, so the next write needs new space rather than reusing old frames.
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(app.db.kysely);
    const filler = fillDisk(mount);
    await assertDegraded(scene, { reads: true, question });
    assert.equal((await app.server.inject('/search?q=harbour')).statusCode, 200, 'reads still work on a full disk');
    const ready = (await app.server.inject('/readyz')).json() as { checks: { disk: { ok: boolean; writable: boolean } } };
    assert.deepEqual([ready.checks.disk.ok, ready.checks.disk.writable], [false, false]);
    fs.rmSync(filler);
    await assertRecovered(scene);
    const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(app.db.kysely);
    assert.equal(check.rows[0].integrity_check, 'ok');
  });
});

describe('sqlite: another process holds the write lock', { timeout: 120_000 }, () => {
  let dir: string;
  let app: TestApp;
  let scene: FaultScene;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-locked-'));
    app = await appIn(dir);
    scene = await setScene(app);
  });
  after(async () => {
    await app?.close().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('locked past the busy timeout: 503 with Retry-After (the comment keeps its text); released: writes work', async () => {
    const { question } = await questionFor(scene);
    const other = new BetterSqlite3(path.join(dir, 'dateline.db'));
    other.prepare('begin immediate').run();
    try {
      app.clock.advance(6_000);
      const comment = await postForm(app, scene.storyId, READER, { name: 'Locked Out', email: 'lock@example.org', body: 'Patient words.', captcha_id: question.id, captcha_answer: String(question.answer) });
      assert.equal(comment.statusCode, 503, comment.body.slice(0, 300));
      assert.equal(comment.headers['retry-after'], '5');
      assert.match(comment.body, /<textarea[^>]*>Patient words\.<\/textarea>/);
      const api = await app.server.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization: `Bearer ${scene.apiKey}` }, payload: { headline: 'Waiting for the lock' } });
      assert.equal(api.statusCode, 503, api.body);
      assert.equal(api.json().error.code, 'UNAVAILABLE');
      assert.equal((await app.server.inject(scene.story)).statusCode, 200);
    } finally {
      other.prepare('rollback').run();
      other.close();
    }
    await assertRecovered(scene);
  });
});
