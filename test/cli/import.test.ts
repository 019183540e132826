import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../helpers/dialects.ts';
import { cliEnv, runCli, withCliServices, type CliEnv } from './cli-helpers.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../shared/fixtures/import/wordpress');
const skip = fs.existsSync(FIXTURES) ? false : 'no ../shared/fixtures/import (clone without the shared fixtures)';

for (const dialect of DIALECTS) {
  describe(`${dialect}: dateline import wordpress`, { timeout: 180_000, skip }, () => {
    let t: CliEnv;
    before(async () => {
      t = await cliEnv(dialect);
    });
    after(async () => t.cleanup());

    test('imports the export, prints a summary; a re-run updates; a malformed file exits 1 naming the line; bad usage exits 2', async () => {
      const first = await runCli(['import', 'wordpress', path.join(FIXTURES, 'small-export.xml')], t.env);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /6 new stories, 0 updated, 1 comments/);
      assert.match(first.stdout, /5 new pages, 0 pages updated/);
      assert.match(first.stderr, /^100%  6 stories, 1 comments  \d+ stories\/s  0 s left$/m, 'the first batch\'s line is shown at once');
      const again = await runCli(['import', 'wordpress', path.join(FIXTURES, 'small-export.xml')], t.env);
      assert.match(again.stdout, /0 new stories, 6 updated/);
      await withCliServices(t.env, async (s) => {
        assert.equal((await s.queries.listPublic({}, 100, 0)).total, 5);
      });
      const bad = await runCli(['import', 'wordpress', path.join(FIXTURES, 'malformed-simple.xml')], t.env);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /error: line 14: unclosed tag: item/);
      const wxr = path.join(FIXTURES, 'small-export.xml');
      for (const args of [['import'], ['import', 'joomla', 'x.xml'], ['import', 'wordpress'], ['import', 'wordpress', '/nonexistent.xml'], ['import', 'wordpress', wxr, '--media-dir', '/nonexistent-dir']]) {
        assert.equal((await runCli(args, t.env)).code, 2, args.join(' '));
      }
      assert.match((await runCli(['import', '--help'], t.env)).stdout, /usage: dateline import wordpress FILE\.xml/);
      // The export's pictures are on static.ghost.org, not under /content/images/: each is listed as failed, the stories come in.
      const ghost = await runCli(['import', 'ghost', path.join(FIXTURES, '../ghost/v4_export.json'), '--media-dir', fs.mkdtempSync(path.join(t.dataDir, 'uploads-'))], t.env);
      assert.equal(ghost.code, 0, ghost.stderr);
      assert.match(ghost.stdout, /7 new stories/);
      assert.match(ghost.stderr, /^100%  7 stories, 0 comments  \d+ stories\/s  0 s left$/m, 'Ghost shows the progress line too');
      assert.match(ghost.stdout, /images: 0 imported, 0 reused from an earlier run, [1-9]\d* failed/);
      assert.match(ghost.stdout, /image failed: https:\/\/static\.ghost\.org\/\S+: not under \/content\/images\/, so not in the media folder/);
    });
  });
}

test('the progress line shows the share read, counts, rate and time left', async () => {
  const { progressLine } = await import('../../src/cli/commands/import.ts');
  const counts = { stories: 900, updated: 100, comments: 3000, sections: 0, tags: 0, people: 0, redirects: 0, pages: 0, pagesUpdated: 0, skipped: {} };
  assert.equal(progressLine({ counts, bytesRead: 25, bytesTotal: 100, elapsedMs: 10_000 }), '25%  1,000 stories, 3,000 comments  100 stories/s  30 s left');
});
