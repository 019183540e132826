import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { cliEnv, runCli, withCliServices, type CliEnv } from './cli-helpers.ts';

describe('dateline: usage and wiring', { timeout: 120_000 }, () => {
  let t: CliEnv;
  before(async () => {
    t = await cliEnv('sqlite');
  });
  after(async () => t.cleanup());

  test('no command prints usage and exits 2; --help exits 0; an unknown command exits 2 with usage', async () => {
    const none = await runCli([], t.env);
    assert.equal(none.code, 2);
    assert.match(none.stdout, /usage: dateline COMMAND/);
    const help = await runCli(['--help'], t.env);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /apikey create --name NAME --role ROLE/);
    const bogus = await runCli(['frobnicate'], t.env);
    assert.equal(bogus.code, 2);
    assert.match(bogus.stderr, /unknown command "frobnicate"/);
    assert.match(bogus.stderr, /usage: dateline COMMAND/);
    assert.equal((await runCli(['__proto__'], t.env)).code, 2, 'no prototype lookups in the command table');
  });

  test('a bad environment is a configuration error with exit 2, before anything opens', async () => {
    const res = await runCli(['migrate'], { ...t.env, DATABASE_URL: 'mysql://x' });
    assert.equal(res.code, 2);
    assert.match(res.stderr, /configuration error: DATABASE_URL must start with postgres:\/\/ or sqlite:/);
    assert.equal(fs.existsSync(path.join(t.dataDir, 'dateline.db')), false);
  });

  test('names is wired to its module (another engineer owns it) and passes its arguments through', async () => {
    const res = await runCli(['names', 'key', 'Ghaani', 'Qaani'], t.env);
    const missing = /not available in this build/.test(res.stderr);
    if (missing) assert.equal(res.code, 2);
    else {
      assert.equal(res.code, 0, res.stderr);
      const [a, b] = res.stdout.trim().split('\n').map((l) => l.split('\t'));
      assert.equal(a[0], 'Ghaani');
      assert.equal(a[1], b[1], 'the two spellings share a key');
    }
  });


  test('backup copies a live SQLite database that opens with the same stories, and refuses to overwrite', async () => {
    assert.equal((await runCli(['migrate'], t.env)).code, 0);
    await withCliServices(t.env, async (s) => {
      await s.sections.create({ name: 'City' });
      for (const headline of ['Council votes', 'Bridge reopens', 'Mayor resigns']) {
        await s.articles.create(parseArticleInput({ headline, section: 'city', status: 'published', bodyMarkdown: 'Text.' }, 'create'), 'test');
      }
    });
    const file = path.join(t.dataDir, 'copy.db');
    const res = await runCli(['backup', file], t.env);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stderr, /backed up 3 stories .*integrity check ok/);
    assert.equal(fs.existsSync(`${file}.partial`), false);
    const copyEnv = { ...t.env, DATABASE_URL: `sqlite:${file}` };
    const copied = await withCliServices(copyEnv, (s) => s.queries.listAll({}, 100, 0, s.likeOp));
    assert.deepEqual(copied.items.map((a) => a.headline).sort(), ['Bridge reopens', 'Council votes', 'Mayor resigns']);

    const before = fs.readFileSync(file);
    const again = await runCli(['backup', file], t.env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists.*--force/);
    assert.deepEqual(fs.readFileSync(file), before, 'the existing file is untouched');
    assert.equal((await runCli(['backup', file, '--force'], t.env)).code, 0);

    const live = await runCli(['backup', path.join(t.dataDir, 'dateline.db')], t.env);
    assert.equal(live.code, 2, 'never onto the live database');
    assert.equal((await runCli(['backup'], t.env)).code, 2);
  });

  test('backup on PostgreSQL that cannot reach the server fails with the reason and leaves no file (test/cli/restore.test.ts runs the real one)', async () => {
    const file = path.join(t.dataDir, 'x.dump');
    const res = await runCli(['backup', file], { ...t.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    assert.equal(res.code, 1);
    assert.match(res.stderr, /ECONNREFUSED/);
    assert.equal(fs.existsSync(file), false);
    assert.equal(fs.existsSync(`${file}.manifest.json`), false);
  });
});
