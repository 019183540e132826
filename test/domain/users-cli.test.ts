import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { userCommand } from '../../src/cli/commands/user.ts';
import { SecretBox } from '../../src/domain/secrets/index.ts';
import { fixedClock } from '../../src/domain/shared/clock.ts';
import { UsersService } from '../../src/domain/users/index.ts';
import { DIALECTS, createTestDb, type TestDb } from '../helpers/dialects.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: dateline user create`, () => {
    let t: TestDb;
    let users: UsersService;
    before(async () => {
      t = await createTestDb(dialect);
      users = new UsersService({ db: t.db, clock: fixedClock(new Date('2026-05-21T10:00:00Z')), box: new SecretBox(randomBytes(32)) });
    });
    after(async () => t?.cleanup());

    async function run(args: string[], readPassword?: () => Promise<string | null>) {
      const lines: string[] = [];
      const code = await userCommand(args, (l) => lines.push(l), { users }, { readPassword });
      return { code, text: lines.join('\n') };
    }

    test('creates an admin with --password, and the setup page condition flips', async () => {
      assert.equal(await users.hasAdmin(), false);
      const r = await run(['create', '--email', 'Chief@News.test', '--name', 'Chief Editor', '--role', 'admin', '--password', 'a long admin password']);
      assert.equal(r.code, 0, r.text);
      assert.match(r.text, /created admin chief@news\.test/);
      assert.equal(await users.hasAdmin(), true);
    });

    test('reads the password from the prompt when not given; refuses weak or missing ones', async () => {
      const ok = await run(['create', '--email', 'rep@news.test', '--name', 'Reporter', '--role', 'author'], async () => 'typed at the prompt!');
      assert.equal(ok.code, 0, ok.text);
      const row = (await users.list()).find((u) => u.email === 'rep@news.test')!;
      assert.equal(row.role, 'author');
      const weak = await run(['create', '--email', 'w@news.test', '--name', 'W', '--role', 'author', '--password', 'elevenchars']);
      assert.equal(weak.code, 2);
      assert.match(weak.text, /at least 12 characters/);
      const none = await run(['create', '--email', 'n@news.test', '--name', 'N', '--role', 'author'], async () => null);
      assert.equal(none.code, 2);
      assert.equal((await users.list()).some((u) => u.email === 'w@news.test' || u.email === 'n@news.test'), false);
    });

    test('usage errors exit 2; a taken email exits 1', async () => {
      assert.equal((await run([])).code, 2);
      assert.equal((await run(['create', '--email', 'x@news.test'])).code, 2);
      assert.equal((await run(['create', '--email', 'x@news.test', '--name', 'X', '--role', 'overlord', '--password', 'a long enough one'])).code, 2);
      assert.equal((await run(['create', '--bogus'])).code, 2);
      assert.equal((await run(['create', '--email', 'not-an-email', '--name', 'X', '--role', 'author', '--password', 'a long enough one'])).code, 2);
      const dup = await run(['create', '--email', 'CHIEF@news.test', '--name', 'Again', '--role', 'editor', '--password', 'a long enough one']);
      assert.equal(dup.code, 1);
      assert.match(dup.text, /already exists/);
      assert.equal((await run(['--help'])).code, 0);
    });
  });
}
