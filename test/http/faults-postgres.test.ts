import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fixedClock } from '../../src/domain/shared/clock.ts';
import { createApp } from '../../src/main.ts';
import { createPostgresDb, migrateToLatest } from '../../src/storage/index.ts';
import { easyRules } from '../domain/comments-helpers.ts';
import { testConfig, type TestApp } from '../helpers/dialects.ts';
import { startPrivateCluster, type PrivateCluster } from '../helpers/private-pg.ts';
import { assertDegraded, assertRecovered, questionFor, setScene, type FaultScene } from './degradation.harness.ts';

/**
 * PostgreSQL stopped and restarted under the app, on a cluster this test
 * made for itself (test/helpers/private-pg.ts): the shared one on 5432 is
 * never stopped.
 */
describe('postgres: the database server stops and comes back', { timeout: 180_000 }, () => {
  let cluster: PrivateCluster;
  let app: TestApp;
  let scene: FaultScene;
  let dataDir: string;
  before(async () => {
    cluster = await startPrivateCluster();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-pgfault-'));
    const db = createPostgresDb(cluster.url, { max: 4 });
    await migrateToLatest(db);
    const clock = fixedClock(new Date('2026-05-21T10:00:00Z'));
    const base = await createApp(testConfig(dataDir, { DATABASE_URL: cluster.url, SEARCH_RATE_LIMIT: '0' }), { db, clock, jobs: false });
    app = Object.assign(base, { clock, cleanup: async () => base.close() });
    await easyRules(app);
    scene = await setScene(app);
  });
  after(async () => {
    await app?.close().catch(() => undefined);
    cluster?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('stopped: 503 with Retry-After and a readable page or JSON everywhere the database is needed; cached pages serve; started again: all works without a restart', async () => {
    const { question } = await questionFor(scene);
    cluster.stop();
    await assertDegraded(scene, { reads: false, question });
    const ready = (await app.server.inject('/readyz')).json() as { checks: { database: { ok: boolean; error: string } } };
    assert.equal(ready.checks.database.ok, false);
    assert.equal(ready.checks.database.error, 'ECONNREFUSED');
    cluster.start();
    await assertRecovered(scene);
  });

  test('restarted while searches run: each answers 200 or 503, never 500, and the first after the restart is 200', async () => {
    await app.server.inject('/search?q=harbour');
    let done = false;
    const restarted = cluster.restart().finally(() => (done = true));
    const statuses: number[] = [];
    for (let i = 0; !done; i++) {
      statuses.push((await app.server.inject(`/search?q=harbour+${i % 50}`)).statusCode);
      await new Promise((r) => setTimeout(r, 20));
    }
    await restarted;
    statuses.push((await app.server.inject('/search?q=harbour+after')).statusCode);
    assert.ok(statuses.every((s) => s === 200 || s === 503), statuses.join(' '));
    assert.equal(statuses.at(-1), 200, statuses.join(' '));
  });
});
