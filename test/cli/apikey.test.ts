import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../helpers/dialects.ts';
import { cliEnv, runCli, withCliServices, type CliEnv } from './cli-helpers.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: dateline migrate and apikey`, { timeout: 120_000 }, () => {
    let t: CliEnv;
    before(async () => {
      t = await cliEnv(dialect);
    });
    after(async () => t.cleanup());

    test('migrate runs the migrations once, then finds nothing to do', async () => {
      const first = await runCli(['migrate'], t.env);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /^ran 0001-content$/m);
      assert.match(first.stdout, /migrations? applied/);
      const again = await runCli(['migrate'], t.env);
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /no migrations ran/);
      assert.doesNotMatch(again.stdout, /^ran /m);
    });

    test('apikey create prints only the key on stdout, and the key verifies with its role', async () => {
      const res = await runCli(['apikey', 'create', '--name', 'Wire importer', '--role', 'editor'], t.env);
      assert.equal(res.code, 0, res.stderr);
      const key = res.stdout.trim();
      assert.equal(res.stdout, `${key}\n`, 'one line, the key alone');
      assert.match(key, /^dl_[A-Za-z0-9_-]{40,}$/);
      assert.match(res.stderr, /shown only this once/);
      const verified = await withCliServices(t.env, (s) => s.apiKeys.verify(key));
      assert.equal(verified?.role, 'editor');
      assert.equal(verified?.name, 'Wire importer');

      const list = await runCli(['apikey', 'list'], t.env);
      assert.equal(list.code, 0, list.stderr);
      assert.match(list.stdout, /Wire importer\teditor\t/);
      assert.equal(list.stdout.includes(key), false, 'the secret is never listed');

      const revoke = await runCli(['apikey', 'revoke', String(verified!.id)], t.env);
      assert.equal(revoke.code, 0, revoke.stderr);
      assert.equal(await withCliServices(t.env, (s) => s.apiKeys.verify(key)), null);
      assert.match((await runCli(['apikey', 'list'], t.env)).stdout, /\trevoked /);
      const twice = await runCli(['apikey', 'revoke', String(verified!.id)], t.env);
      assert.equal(twice.code, 1);
      assert.match(twice.stderr, /not found/);
    });

    test('bad role, missing name and bad ids exit 2 with a message and create nothing', async () => {
      const before = await withCliServices(t.env, (s) => s.apiKeys.list());
      const cases: Array<[string[], RegExp]> = [
        [['apikey', 'create', '--name', 'x', '--role', 'superuser'], /--role must be one of contributor, author, editor, moderator, admin/],
        [['apikey', 'create', '--role', 'admin'], /--name is required/],
        [['apikey', 'create', '--name', 'x', '--role', 'admin', '--expires', 'never'], /Unknown option '--expires'/],
        [['apikey', 'revoke', '1;DROP TABLE api_keys'], /give one key id/],
        [['apikey', 'rotate'], /unknown apikey command/],
      ];
      for (const [args, message] of cases) {
        const res = await runCli(args, t.env);
        assert.equal(res.code, 2, args.join(' '));
        assert.match(res.stderr, message);
        assert.equal(res.stdout, '');
      }
      assert.deepEqual(await withCliServices(t.env, (s) => s.apiKeys.list()), before);
    });
  });
}
