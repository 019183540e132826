import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../helpers/dialects.ts';
import { cliEnv, runCli, withCliServices, type CliEnv } from './cli-helpers.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: dateline jobs`, { timeout: 120_000 }, () => {
    let t: CliEnv;
    let dead = 0;
    before(async () => {
      t = await cliEnv(dialect);
      assert.equal((await runCli(['migrate'], t.env)).code, 0);
      dead = await withCliServices(t.env, async (s) => {
        const id = await s.jobs.enqueue(s.db.kysely, 'webhook', {}, { maxAttempts: 1 });
        const [job] = await s.jobs.claim({ kinds: ['webhook'], owner: 'test', limit: 1, leaseMs: 1000 });
        await s.jobs.fail(job, 'test', new Error('connect ECONNREFUSED 192.0.2.1:443\nat TCPConnectWrap'), 1000);
        await s.jobs.enqueue(s.db.kysely, 'webhook', {}, { runAt: new Date(Date.now() + 3_600_000) });
        return id;
      });
    });
    after(async () => t.cleanup());

    test('lists counts and the waiting and dead jobs with their last error on one line', async () => {
      const r = await runCli(['jobs'], t.env);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /^database: .+\n1 waiting, 0 running, 0 done, 1 dead; oldest due job waiting none/);
      const lines = r.stdout.trim().split('\n');
      assert.equal(lines[0], 'id\tkind\tstate\tattempts\trun at\tinstance\tlast error');
      const deadLine = lines.find((l) => l.startsWith(`${dead}\t`))!;
      assert.match(deadLine, /\twebhook\tdead\t1\/1\t.*\tconnect ECONNREFUSED 192\.0\.2\.1:443 at TCPConnectWrap$/);
      assert.equal(lines.length, 3);
      const onlyDead = await runCli(['jobs', 'list', '--state', 'dead'], t.env);
      assert.equal(onlyDead.stdout.trim().split('\n').length, 2);
    });

    test('retry puts a dead job back in the queue, discard removes it; mistakes exit 2, an unknown id 1', async () => {
      const retried = await runCli(['jobs', 'retry', String(dead)], t.env);
      assert.equal(retried.code, 0, retried.stderr);
      assert.match(retried.stderr, new RegExp(`job ${dead} will run again now`));
      assert.equal(await withCliServices(t.env, async (s) => (await s.jobs.get(dead)).state), 'waiting');
      assert.equal((await runCli(['jobs', 'discard', String(dead)], t.env)).code, 0);
      assert.equal(await withCliServices(t.env, async (s) => (await s.jobs.stats()).counts.waiting), 1);
      const missing = await runCli(['jobs', 'retry', String(dead)], t.env);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /job \d+ not found|not found/);
      for (const bad of [['jobs', 'retry'], ['jobs', 'retry', 'x'], ['jobs', 'list', '--state', 'gone'], ['jobs', 'purge']]) {
        assert.equal((await runCli(bad, t.env)).code, 2, bad.join(' '));
      }
      assert.match((await runCli(['jobs', '--help'], t.env)).stdout, /usage:\n  dateline jobs/);
    });
  });
}
