import { NO_FEED } from '../../src/domain/changes/index.ts';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Migrator, sql, type Migration } from 'kysely';
import pg from 'pg';
import { HouseSpellingsService } from '../../src/domain/house-spellings/index.ts';
import { buildSearchDocument, SearchService } from '../../src/domain/search/index.ts';
import { foldForIndex } from '../../src/domain/search/search.repo.postgres.ts';
import { fixedClock } from '../../src/domain/shared/clock.ts';
import { createPostgresDb, createSqliteDb, type Db, type DialectName } from '../../src/storage/index.ts';
import { contentMigration } from '../../src/storage/migrations/0001-content.ts';
import { searchMigration } from '../../src/storage/migrations/0002-search.ts';
import { facetsText, privateNames, searchSpeedMigration } from '../../src/storage/migrations/0008-search-speed.ts';
import { searchCommonGramsMigration } from '../../src/storage/migrations/0010-search-common-grams.ts';
import { searchPostgresMigration } from '../../src/storage/migrations/0019-search-postgres.ts';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { RANK_WINDOW } from '../../src/domain/search/search.ranking.ts';
import { createTestApp, DIALECTS, PG_URL, type TestApp } from '../helpers/dialects.ts';

/**
 * 0008-search-speed on a database that has stories indexed the 0002 way:
 * it must keep every published story findable, with its filters, and drop
 * the scheduled ones (publishDue indexes them when they go live).
 */

async function openBare(dialect: DialectName): Promise<{ db: Db; schema?: string; cleanup(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-0008-'));
    const db = createSqliteDb(path.join(dir, 'test.db'));
    return { db, cleanup: async () => (await db.close(), fs.rmSync(dir, { recursive: true, force: true })) };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  // The schema is dropped by scripts/run-tests.mjs after the run, as for every suite.
  const db = createPostgresDb(PG_URL, { schema, max: 2 });
  return { db, schema, cleanup: () => db.close() };
}

async function migrate(db: Db, schema: string | undefined, migrations: Record<string, Migration>): Promise<void> {
  const migrator = new Migrator({ db: db.kysely, migrationTableSchema: schema, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

const STORIES = [
  { id: 1, section: 1, people: [1], status: 'published', at: '2026-01-05T08:00:00Z', headline: 'Harbour strike ends', body: 'Esmail Ghaani was not at the harbour.' },
  { id: 2, section: 2, people: [1, 2], status: 'published', at: '2026-02-05T08:00:00Z', headline: 'Tunnel under the harbour', body: 'Jean-Luc Picard opened it.' },
  { id: 3, section: 3, people: [2], status: 'published', at: '2026-03-05T08:00:00Z', headline: 'Ferry timetable', body: 'Ferries leave the harbour hourly.' },
  { id: 4, section: 1, people: [], status: 'scheduled', at: '2026-09-05T08:00:00Z', headline: 'Harbour festival', body: 'Next autumn.' },
];

/** Stories written as 0001/0002 left them: the old index format (no facets, names plain, scheduled rows kept). */
async function seedOldFormat(db: Db): Promise<void> {
  const k = db.kysely;
  const now = '2026-01-01T00:00:00Z';
  for (const [slug, parent] of [['city', null], ['world', null], ['middle-east', 2]] as const) {
    await sql`insert into sections (slug, name, parent_id, created_at, updated_at) values (${slug}, ${slug}, ${parent}, ${now}, ${now})`.execute(k);
  }
  for (const slug of ['sara-ahmadi', 'reza-karimi']) await sql`insert into people (slug, name, created_at, updated_at) values (${slug}, ${slug.replace('-', ' ')}, ${now}, ${now})`.execute(k);
  for (const s of STORIES) {
    await sql`insert into articles (id, slug, headline, dek, body, body_text, language, section_id, status, published_at, created_at, updated_at)
      values (${s.id}, ${`story-${s.id}`}, ${s.headline}, '', '{}', ${s.body}, 'en', ${s.section}, ${s.status}, ${s.at}, ${now}, ${now})`.execute(k);
    for (const [i, p] of s.people.entries()) await sql`insert into article_bylines (article_id, person_id, position) values (${s.id}, ${p}, ${i})`.execute(k);
    const d = buildSearchDocument({ id: s.id, status: s.status, publishedAt: s.at, sectionId: s.section, headline: s.headline, dek: '', bodyText: s.body, people: [], personIds: s.people, tags: [] });
    const cols = sql`${d.articleId}, ${d.orderKey}, ${d.status}, ${d.publishedAt}, ${d.sectionId}, ${d.headline}, ${d.dek}, ${d.body}, ${d.people}, ${d.tags}, ${d.names}`;
    if (db.dialect === 'sqlite') {
      await sql`insert into search_documents (article_id, order_key, status, published_at, section_id, headline, dek, body, people, tags, names) values (${cols})`.execute(k);
    } else {
      // 0002's tsvector: name keys as parsed words of weight C, no facets.
      const v = sql`setweight(to_tsvector('dateline_search', ${foldForIndex(d.headline)}), 'A') || setweight(to_tsvector('dateline_search', ${d.names}), 'C')
        || setweight(to_tsvector('dateline_search', ${foldForIndex(d.body)}), 'D')`;
      await sql`insert into search_documents (article_id, order_key, status, published_at, section_id, headline, dek, body, people, tags, names, document) values (${cols}, ${v})`.execute(k);
    }
  }
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: 0008-search-speed reindexes an existing index`, () => {
    let bare: Awaited<ReturnType<typeof openBare>>;
    let search: SearchService;

    before(async () => {
      bare = await openBare(dialect);
      await migrate(bare.db, bare.schema, { '0001-content': contentMigration(dialect), '0002-search': searchMigration(dialect) });
      await seedOldFormat(bare.db);
      await migrate(bare.db, bare.schema, {
        '0001-content': contentMigration(dialect), '0002-search': searchMigration(dialect), '0008-search-speed': searchSpeedMigration(dialect),
        // The later search migrations carry the reindexed entries on (0019 moves PostgreSQL's tsvectors to search_index).
        '0010-search-common-grams': searchCommonGramsMigration(dialect), '0019-search-postgres': searchPostgresMigration(dialect),
      });
      const clock = fixedClock(new Date('2026-06-01T00:00:00Z'));
      search = new SearchService({ db: bare.db, clock, houseSpellings: new HouseSpellingsService({ db: bare.db, clock, changes: NO_FEED }) });
    });
    after(async () => bare.cleanup());

    const ids = async (p: Record<string, unknown>) => (await search.search({ sort: 'newest', ...p })).items.map((i) => i.id);

    test('the backfill writes what the indexer writes: facets, private name keys, published rows only', async () => {
      const rows = await bare.db.kysely.selectFrom('search_documents').select(['article_id', 'facets', 'names']).orderBy('article_id').execute();
      assert.deepEqual(rows.map((r) => r.article_id), [1, 2, 3]);
      for (const r of rows) {
        const s = STORIES[r.article_id - 1];
        assert.equal(r.facets, facetsText(s.section, s.people));
        const names = buildSearchDocument({ id: s.id, status: s.status, publishedAt: s.at, sectionId: s.section, headline: s.headline, dek: '', bodyText: s.body, people: [], personIds: s.people, tags: [] }).names;
        assert.equal(r.names, dialect === 'sqlite' ? privateNames(names) : names);
      }
    });

    test('every published story is found again, with transliteration, filters and snippets', async () => {
      assert.deepEqual(await ids({ q: 'harbour' }), [3, 2, 1]);
      assert.deepEqual(await ids({ q: 'Qaani' }), [1]);
      assert.deepEqual(await ids({ q: 'harbour', section: 'world' }), [3, 2], 'a section and its subsections');
      assert.deepEqual(await ids({ q: 'harbour', author: 'reza-karimi' }), [3, 2]);
      assert.deepEqual(await ids({ q: 'harbour', author: 'sara-ahmadi', section: 'city' }), [1]);
      assert.deepEqual(await ids({ q: 'harbour', from: '2026-02-01', to: '2026-02-28' }), [2]);
      assert.deepEqual(await ids({ q: 'festival' }), [], 'the scheduled story left the index');
      assert.match((await search.search({ q: 'Qaani' })).items[0].snippetHtml, /<mark>Ghaani<\/mark>/);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: search facets, private tokens and the relevance window`, () => {
    let app: TestApp;
    const story = (f: Record<string, unknown>) => app.articles.create(parseArticleInput({ status: 'published', ...f }, 'create'), 'test');
    const ids = async (p: Record<string, unknown>) => (await app.search.search(p)).items.map((i) => i.id);

    before(async () => {
      app = await createTestApp(dialect);
      await app.sections.create({ name: 'City', slug: 'city' });
      await app.sections.create({ name: 'Sport', slug: 'sport' });
      await app.people.create({ name: 'Sara Ahmadi' });
      await app.people.create({ name: 'Reza Karimi' });
    });
    after(async () => app.cleanup());

    test('facets follow edits of section and byline; unknown slugs find nothing', async () => {
      const a = await story({ headline: 'Velodrome reopens', section: 'city', bylines: ['sara-ahmadi'] });
      assert.deepEqual(await ids({ q: 'velodrome', section: 'city', author: 'sara-ahmadi' }), [a.id]);
      await app.articles.update(a.id, parseArticleInput({ section: 'sport', bylines: ['reza-karimi'] }, 'update'), 'test');
      assert.deepEqual(await ids({ q: 'velodrome', section: 'city' }), []);
      assert.deepEqual(await ids({ q: 'velodrome', author: 'sara-ahmadi' }), []);
      assert.deepEqual(await ids({ q: 'velodrome', section: 'sport', author: 'reza-karimi' }), [a.id]);
      assert.deepEqual(await ids({ q: 'velodrome', author: 'nobody' }), []);
    });

    test('the facet tokens cannot be searched for; a name still finds its spellings', async () => {
      const a = await story({ headline: 'Ghaani in Baghdad', section: 'city', bylines: ['sara-ahmadi'] });
      const row = await app.db.kysely.selectFrom('search_documents').select(['facets', 'section_id']).where('article_id', '=', a.id).executeTakeFirstOrThrow();
      const tokens = row.facets.split(' ').map((t) => t.replace('\u001f', ''));
      assert.ok(tokens.includes(`section${row.section_id}`));
      for (const t of tokens) assert.deepEqual(await ids({ q: t }), [], t);
      assert.deepEqual(await ids({ q: 'Qaani' }), [a.id]);
    });

    test('a phrase matches inside one column, never from the headline into the standfirst', async () => {
      const a = await story({ headline: 'Storm over the harbour', dek: 'Strike called at dawn', bodyMarkdown: 'Quiet night.' });
      const b = await story({ headline: 'Calm day', dek: 'The harbour strike goes on', bodyMarkdown: 'Quiet day.' });
      assert.deepEqual(await ids({ q: '"harbour strike"' }), [b.id]);
      assert.deepEqual((await ids({ q: 'harbour strike', sort: 'newest' })).sort((x, y) => x - y), [a.id, b.id]);
    });

    test('relevance ranks the most recent matches, then the older ones follow newest first, page after page', async () => {
      const n = RANK_WINDOW + 30;
      const made: number[] = [];
      for (let i = 0; i < n; i++) {
        const headline = i % 50 === 0 ? `Lantern festival ${i}` : `Evening notes ${i}`;
        made.push((await story({ headline, bodyMarkdown: 'A lantern was lit.', publishedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() })).id);
      }
      const newestFirst = [...made].reverse();
      const pages: number[] = [];
      for (let offset = 0; offset < n; offset += 50) pages.push(...(await ids({ q: 'lantern', limit: 50, offset })));
      assert.equal(pages.length, n);
      assert.equal(new Set(pages).size, n, 'no story twice, none missing');
      const headlined = newestFirst.slice(0, RANK_WINDOW).filter((id) => made.indexOf(id) % 50 === 0);
      assert.deepEqual(pages.slice(0, headlined.length), headlined, 'headline matches of the window first, newest first');
      assert.deepEqual(pages.slice(RANK_WINDOW), newestFirst.slice(RANK_WINDOW), 'after the window, date order');
      assert.equal((await app.search.search({ q: 'lantern' })).total, n);
    });
  });
}
