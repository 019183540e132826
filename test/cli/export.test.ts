import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../helpers/dialects.ts';
import { cliEnv, runCli, withCliServices, type CliEnv } from './cli-helpers.ts';

/**
 * `dateline export` and `dateline import dateline` as an operator runs
 * them: what the file holds (and never holds), accounts only when asked,
 * and the file read back into a fresh install by another process.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: dateline export, then import dateline`, { timeout: 180_000 }, () => {
    let from: CliEnv;
    let to: CliEnv;
    before(async () => {
      from = await cliEnv(dialect);
      to = await cliEnv(dialect);
    });
    after(async () => {
      await from.cleanup();
      await to.cleanup();
    });

    test('no secrets without --with-accounts; accounts with their hashes and roles with it; read back into a fresh install', async () => {
      assert.equal((await runCli(['seed-demo'], from.env)).code, 0);
      assert.equal((await runCli(['user', 'create', '--email', 'ed@news.test', '--name', 'Ed Itor', '--role', 'editor', '--password', 'a long enough password 1'], from.env)).code, 0);
      const key = await runCli(['apikey', 'create', '--name', 'wire', '--role', 'editor'], from.env);
      assert.equal(key.code, 0, key.stderr);
      const secrets = await withCliServices(from.env, async (s) => {
        const rows = await s.db.kysely.selectFrom('settings').select(['key', 'value']).execute();
        const hashes = await s.db.kysely.selectFrom('api_keys').select('hash').execute();
        const user = await s.db.kysely.selectFrom('users').select(['password_hash']).executeTakeFirstOrThrow();
        // The comment salts and keys exist once comments are configured: make them.
        await s.comments.settings.hash('email', 'x');
        const comments = await s.db.kysely.selectFrom('settings').select('value').where('key', '=', 'comments.secrets').executeTakeFirstOrThrow();
        return { keys: rows.map((r) => r.key), apiKeyHash: hashes[0].hash, passwordHash: user.password_hash, commentSecrets: JSON.parse(comments.value) as Record<string, string> };
      });

      const file = path.join(from.dataDir, 'site.jsonl');
      const plain = await runCli(['export', file], from.env);
      assert.equal(plain.code, 0, plain.stderr);
      assert.match(plain.stdout, /exported in [\d.]+ s to .*site\.jsonl \(media in .*site\.jsonl\.media\/\): 1 setting, 0 house-spelling, 18 image, .* 46 article/);
      const text = fs.readFileSync(file, 'utf8');
      for (const secret of [secrets.apiKeyHash, secrets.passwordHash, ...Object.values(secrets.commentSecrets), key.stdout.trim().split(/\s+/).pop()!]) {
        assert.ok(!text.includes(secret), `the export holds a secret (${secret.slice(0, 8)}…)`);
      }
      assert.doesNotMatch(text, /"type":"user"|password_hash|comments\.secrets|secrets\.key-check|accounts:setup-done|"ip_hash"|"email_hash"/);
      assert.equal(fs.readdirSync(`${file}.media`).length, 18, 'one folder per image beside the file');

      assert.equal((await runCli(['export', file], from.env)).code, 2, 'an existing file is not replaced without --force');
      const withAccounts = await runCli(['export', file, '--with-accounts', '--force'], from.env);
      assert.equal(withAccounts.code, 0, withAccounts.stderr);
      const users = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.includes('"type":"user"')).map((l) => JSON.parse(l).row);
      assert.deepEqual(users.map((u) => [u.email, u.role, u.password_hash]), [['ed@news.test', 'editor', secrets.passwordHash]]);

      const imported = await runCli(['import', 'dateline', file], to.env);
      assert.equal(imported.code, 0, imported.stderr);
      assert.match(imported.stdout, /imported in [\d.]+ s: .*18 image.*1 user, 46 article/);
      await withCliServices(to.env, async (s) => {
        assert.equal((await s.queries.listPublic({}, 1, 0)).total, 45);
        const user = await s.db.kysely.selectFrom('users').select(['email', 'role', 'password_hash', 'totp_secret']).executeTakeFirstOrThrow();
        assert.deepEqual(user, { email: 'ed@news.test', role: 'editor', password_hash: secrets.passwordHash, totp_secret: null });
        assert.equal((await s.db.kysely.selectFrom('api_keys').select('id').execute()).length, 0, 'no API key travelled');
      });
      const again = await runCli(['import', 'dateline', file], to.env);
      assert.equal(again.code, 0, 'a re-run of the same file is allowed');

      const future = path.join(from.dataDir, 'future.jsonl');
      fs.writeFileSync(future, fs.readFileSync(file, 'utf8').replace('"version":1', '"version":9'));
      const refused = await runCli(['import', 'dateline', future, '--media', `${file}.media`], to.env);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /error: line 1: a Dateline export of version 9; this Dateline reads version 1 only/);
      for (const args of [['export'], ['export', 'a', 'b'], ['export', file, '--format', 'csv'], ['import', 'wordpress', file, '--media', 'x']]) {
        assert.equal((await runCli(args, from.env)).code, 2, args.join(' '));
      }
    });
  });
}
