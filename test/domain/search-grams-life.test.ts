import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { searchGramsCommand } from '../../src/cli/commands/search-grams.ts';
import { UsageError, type Io } from '../../src/cli/io.ts';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { gramToken } from '../../src/domain/search/search.grams.ts';
import { pairLexeme } from '../../src/domain/search/search.grams.repo.postgres.ts';
import { activateGramList, insertGramList, liveGramLists, pendingGramRows } from '../../src/domain/search/search.grams.repo.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

/**
 * The life of the list of common words: none on a new site, built and
 * made active only once every story carries its pairs, new and edited
 * stories getting the pairs of every live list, a rebuild that queries never
 * see half done, and `off`. Through the articles service and the CLI.
 */

const BODIES = [
  'The prime minister said interest rates would rise.',
  'Interest rates fell; the prime minister was silent.',
  'A minister, prime among equals, spoke of rates of interest.',
  'The minister said the rates were fair.',
  'Prime time television covered the minister.',
  'The central bank held interest rates.',
];
const SMALL = { minShare: 0.3, maxWords: 50, minStories: 0 };

function io(): Io & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l), env: {} };
}

for (const dialect of DIALECTS) describe(`${dialect}: the list of common words, from none to a rebuild`, () => {
  let app: TestApp;
  const story = (bodyMarkdown: string) => app.articles.create(parseArticleInput({ status: 'published', headline: 'Politics today', bodyMarkdown }, 'create'), 'test');
  const ids = async (q: string) => (await app.search.search({ q, sort: 'newest' })).items.map((i) => i.id);
  const rows = () => app.db.kysely.selectFrom('search_documents').select(['article_id', 'grams', 'grams_list']).orderBy('article_id').execute();
  const PHRASES = ['"prime minister"', '"interest rates"', '"the minister"', '"minister said"', '"rates of interest"', '"prime time"', '"the rates"'];
  let expected: Map<string, number[]>;
  // SQLite's pair tokens are hashes, PostgreSQL's lexemes name the words (0019-search-postgres).
  const pair = dialect === 'sqlite' ? gramToken : pairLexeme;

  before(async () => {
    app = await createTestApp(dialect);
    for (const b of BODIES) await story(b);
    expected = new Map();
    for (const p of PHRASES) expected.set(p, await ids(p));
    assert.deepEqual(expected.get('"prime minister"')?.length, 2);
  });
  after(async () => app.cleanup());

  const samePhrases = async (when: string) => {
    for (const p of PHRASES) assert.deepEqual(await ids(p), expected.get(p), `${p} ${when}`);
  };

  test('a new site has no list: below minStories build does nothing, and stories carry no pairs', async () => {
    assert.equal((await app.search.commonGramsStatus())?.active, null);
    const r = await app.search.buildCommonGrams();
    assert.equal(r?.outcome, 'skipped');
    assert.match(r?.outcome === 'skipped' ? r.reason : '', /6 stories indexed, fewer than 50000/);
    for (const row of await rows()) assert.deepEqual([row.grams, row.grams_list], ['', 0]);
    await samePhrases('with no list');
  });

  test('build: the list is active once every story has its pairs; new stories get them on write', async () => {
    const r = await app.search.buildCommonGrams({ options: SMALL });
    assert.equal(r?.outcome, 'built');
    const version = r?.outcome === 'built' ? r.version : 0;
    const status = (await app.search.commonGramsStatus())!;
    assert.equal(status.active?.version, version);
    assert.equal(status.building, null);
    const all = await rows();
    assert.ok(all.every((x) => x.grams_list === version));
    assert.ok(all[0].grams.split(' ').includes(pair('prime', 'minister')), all[0].grams);
    assert.ok(!all[3].grams.includes(pair('prime', 'minister')));
    await samePhrases('with list 1');
    const later = await story('Asked again, the prime minister said nothing.');
    expected.set('"prime minister"', [later.id, ...expected.get('"prime minister"')!]);
    expected.set('"minister said"', [later.id, ...expected.get('"minister said"')!]);
    assert.equal((await rows()).at(-1)?.grams_list, version);
    await samePhrases('after a new story');
    assert.equal((await app.search.buildCommonGrams({ options: SMALL }))?.outcome, 'unchanged');
  });

  test('while a new list is building, queries keep the active one and every write carries both', async () => {
    const db = app.db.kysely;
    const { active } = await liveGramLists(db);
    const v2 = await db.transaction().execute((trx) => insertGramList(trx, ['television', 'covered', 'central', 'bank'], 7, app.clock.now().toISOString()));
    assert.equal(await pendingGramRows(db, v2), 7);
    assert.equal(await db.transaction().execute((trx) => activateGramList(trx, v2, app.clock.now().toISOString())), false, 'not while stories lack its pairs');
    assert.equal((await liveGramLists(db)).active?.version, active?.version);
    const edited = await story('Prime time television covered the prime minister.');
    const row = (await rows()).find((x) => x.article_id === edited.id)!;
    assert.equal(row.grams_list, v2);
    assert.ok(row.grams.includes(pair('prime', 'minister')) && row.grams.includes(pair('television', 'covered')), row.grams);
    for (const p of ['"prime minister"', '"prime time"']) expected.set(p, [edited.id, ...expected.get(p)!]);
    await samePhrases('while list 2 builds');
    const r = await app.search.buildCommonGrams({ batch: 3 });
    assert.deepEqual(r?.outcome === 'built' && [r.version, r.resumed, r.rewritten], [v2, true, 7]);
    const lists = await db.selectFrom('search_gram_lists').select(['version', 'state']).orderBy('version').execute();
    assert.deepEqual(lists.map((l) => l.state), ['retired', 'active']);
    await samePhrases('with list 2');
  });

  test('a story written around the indexer holds the activation back until the backfill has it', async () => {
    const db = app.db.kysely;
    await sql`update search_documents set grams = '', grams_list = 0 where article_id = 1`.execute(db);
    const r = await app.search.buildCommonGrams({ options: SMALL, force: true });
    assert.equal(r?.outcome, 'built');
    assert.equal(await pendingGramRows(db, r?.outcome === 'built' ? r.version : 0), 0);
    await samePhrases('with list 3');
  });

  test('off: no list is used, phrases are matched as before; a later build works', async () => {
    assert.equal(await app.search.retireCommonGrams(), 1);
    assert.equal((await app.search.commonGramsStatus())?.active, null);
    await samePhrases('with every list retired');
    assert.equal((await app.search.buildCommonGrams({ options: SMALL }))?.outcome, 'built');
    await samePhrases('with list 4');
  });

  test('dateline search-grams: status, build, off, and usage errors', async () => {
    const run = async (...args: string[]) => {
      const o = io();
      return { code: await searchGramsCommand(args, o, app), text: o.lines.join('\n') };
    };
    const s = await run('status');
    assert.equal(s.code, 0);
    assert.match(s.text, /stories indexed: 8\nactive list: 4, \d+ words from the 8 most recent stories/);
    assert.match((await run('build')).text, /nothing built: 8 stories indexed, fewer than 50000/);
    assert.match((await run('build', '--force', '--batch', '2')).text, /list 5 active: \d+ words, 8 stories rewritten/);
    assert.match((await run('off')).text, /1 list retired/);
    assert.match((await run('status')).text, /active list: none/);
    await assert.rejects(run('rebuild'), UsageError);
    await assert.rejects(run('status', '--force'), UsageError);
    await assert.rejects(run('build', '--batch', '0'), UsageError);
    await samePhrases('after the CLI');
  });
});
