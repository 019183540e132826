import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../src/cli/cli.ts';
import { databaseLine } from '../../src/cli/commands/services.ts';
import { DIALECTS } from '../helpers/dialects.ts';
import { cliEnv, type CliEnv } from './cli-helpers.ts';

/**
 * Run from another folder, the default data/ is another database, so every
 * command that opens one names it on stderr, and says when it is new (made
 * empty just now) rather than creating it quietly.
 */
async function run(args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env });
  return { code, out, err };
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: the CLI names its database`, { timeout: 120_000 }, () => {
    let t: CliEnv;
    before(async () => {
      t = await cliEnv(dialect);
    });
    after(async () => t.cleanup());

    test('every command that opens the database says which, first', async () => {
      const file = path.join(t.dataDir, 'dateline.db');
      const first = await run(['migrate'], t.env);
      assert.equal(first.code, 0, first.err.join('\n'));
      if (dialect === 'sqlite') assert.match(first.err[0], new RegExp(`^database: SQLite ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(new: `));
      else assert.match(first.err[0], /^database: PostgreSQL postgres(ql)?:\/\/.+search_path/);
      for (const args of [['apikey', 'list'], ['jobs'], ['search-grams', 'status'], ['user', 'create', '--email', 'x@news.test', '--name', 'X', '--role', 'editor', '--password', 'correct horse battery staple']]) {
        const r = await run(args, t.env);
        assert.equal(r.code, 0, `${args.join(' ')}: ${r.err.join('\n')}`);
        assert.equal(r.err[0], dialect === 'sqlite' ? `database: SQLite ${file}` : first.err[0], args.join(' '));
        assert.ok(r.out.every((l) => !l.startsWith('database:')), 'stdout stays the command’s results');
      }
    });
  });
}

test('a PostgreSQL password is never printed', () => {
  const line = databaseLine({ dialect: 'postgres', databaseUrl: 'postgres://news:s3cret-pw@db.internal:5432/dateline' });
  assert.equal(line, 'database: PostgreSQL postgres://news:***@db.internal:5432/dateline');
});
