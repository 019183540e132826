import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { DIALECTS } from '../helpers/dialects.ts';
import { cliEnv, runCli, withCliServices, type CliEnv } from './cli-helpers.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: dateline search-reindex`, { timeout: 120_000 }, () => {
    let t: CliEnv;
    before(async () => {
      t = await cliEnv(dialect);
    });
    after(async () => t.cleanup());

    test('rebuilds entries an index lost (a restore behind its stories); drafts stay out; bad flags exit 2', async () => {
      assert.equal((await runCli(['migrate'], t.env)).code, 0);
      await withCliServices(t.env, async (s) => {
        for (const headline of ['Quarry expansion approved', 'Quarry road closed', 'Tram depot opens']) {
          await s.articles.create(parseArticleInput({ headline, status: 'published', bodyMarkdown: 'Text.' }, 'create'), 'test');
        }
        await s.articles.create(parseArticleInput({ headline: 'Quarry draft', bodyMarkdown: 'Not yet.' }, 'create'), 'test');
        await s.db.kysely.deleteFrom('search_documents').execute();
        assert.equal((await s.search.search({ q: 'quarry' })).total, 0);
      });
      const res = await runCli(['search-reindex', '--batch', '2'], t.env);
      assert.equal(res.code, 0, res.stderr);
      assert.match(res.stdout, /^3 published stories indexed in \d+\.\d s/);
      await withCliServices(t.env, async (s) => {
        const found = await s.search.search({ q: 'quarry' });
        assert.deepEqual(found.items.map((i) => i.headline).sort(), ['Quarry expansion approved', 'Quarry road closed']);
      });
      for (const bad of [['search-reindex', '--batch', '0'], ['search-reindex', '--batch', 'x'], ['search-reindex', 'all']]) {
        assert.equal((await runCli(bad, t.env)).code, 2, bad.join(' '));
      }
      assert.match((await runCli(['search-reindex', '--help'], t.env)).stdout, /usage: dateline search-reindex/);
    });
  });
}
