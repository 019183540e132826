import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql } from 'kysely';
import { buildSearchDocument, parseQuery, type ParsedQuery } from '../../src/domain/search/index.ts';
import { ftsMatchExpression } from '../../src/domain/search/search.fts-match.ts';
import { phraseGrams } from '../../src/domain/search/search.grams.ts';
import { pairLexeme, phrasePairs, postgresGramEngine } from '../../src/domain/search/search.grams.repo.postgres.ts';
import { ftsTokens, sqliteGramEngine } from '../../src/domain/search/search.grams.repo.sqlite.ts';
import { gramListWords, liveGramLists } from '../../src/domain/search/search.grams.repo.ts';
import { buildCommonGrams } from '../../src/domain/search/search.grams.service.ts';
import { matchUnits } from '../../src/domain/search/search.query.ts';
import { postgresSearchRepo, tsquery } from '../../src/domain/search/search.repo.postgres.ts';
import { sqliteSearchRepo } from '../../src/domain/search/search.repo.sqlite.ts';
import type { Db } from '../../src/storage/index.ts';
import { SQLITE_TOKENIZE } from '../../src/storage/migrations/0010-search-common-grams.ts';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/dialects.ts';

/**
 * Common-grams must never change what a phrase finds: with pair tokens
 * ANDed in, matchKeys returns exactly the stories the engine's own phrase
 * match returns (FTS5's, or PostgreSQL's `<->`), for text the engine and JS disagree about (combining marks, RTL, CJK,
 * apostrophes, dashes, digits, U+001F, letters newer than Unicode 6.1), on
 * both ways a story gets its pairs: written with a list active (the
 * indexer's upsert) and rewritten by the backfill of a new list.
 */

const PIECES = [
  'the', 'the', 'of', 'of', 'prime', 'minister', 'interest', 'rates', 'rates', 'a',
  'e\u0301te\u0301', 'café', 'cafe', 'Zu\u0308rich', 'Zürich', 'İstanbul', 'STRASSE', 'straße', 'ΣΟΦΟΣ', 'σοφος', 'ﬁnance', 'finance',
  'السلام', 'عليكم', 'שלום', 'עולם', '\u202eevil\u202c', 'ع\u064e', '東京', '北京市', 'とうきょう', 'ソウル', '서울',
  "don't", 'don’t', 'Qaʼani', "Qa'ani", 'al-Assad', 'al‐Assad', 'state–run', 'well—known', '2024', '٣٤', '١٢٣', '½', '²',
  'x\u001fy', '\u001f', 'ꞮꞮ', '\u{1E900}\u{1E901}', '\u{10D00}\u{10D01}', 'ꬰꬱ', '\u{16E40}', 'a\u200db', 'a\u00adb', '👍🏽', 'ℌ',
  '\u0301', '\u0651', 'ـ', 'ﷺ',
];
const SEPARATORS = [' ', ' ', ' ', '', '-', '’', "'", ', ', '\u00a0', '\n', '. ', '\u3000', '\u200b'];

const text = (max: number) =>
  fc.array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: max }).map((xs) => xs.map(([p, s]) => p + s).join('').trim());
const story = fc.record({ headline: text(8), dek: text(10), body: text(30), people: text(3), tags: text(3) });
const querySpec = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('slice' as const), doc: fc.nat(), col: fc.nat(4), start: fc.nat(), len: fc.integer({ min: 2, max: 4 }), quoted: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('random' as const), text: text(3), quoted: fc.boolean() }) },
);

type Story = { headline: string; dek: string; body: string; people: string; tags: string };
const COLS = ['headline', 'dek', 'body', 'people', 'tags'] as const;
const FAR = '2100-01-01T00:00:00Z';

async function addStory(db: Db, id: number, s: Story): Promise<void> {
  const at = new Date(Date.UTC(2020, 0, 1) + id * 3_600_000).toISOString();
  await sql`insert into articles (id, slug, headline, body, language, status, published_at, created_at, updated_at)
    values (${id}, ${`s-${id}`}, 'x', '{}', 'en', 'published', ${at}, ${at}, ${at})`.execute(db.kysely);
  const doc = buildSearchDocument({ id, status: 'published', publishedAt: at, sectionId: null, headline: s.headline, dek: s.dek, bodyText: s.body, people: [s.people], personIds: [], tags: [s.tags] });
  await engine(db).repo.upsert(db.kysely, doc);
}

const engine = (db: Db) => (db.dialect === 'sqlite' ? { repo: sqliteSearchRepo, grams: sqliteGramEngine } : { repo: postgresSearchRepo, grams: postgresGramEngine });

type QuerySpec = typeof querySpec extends fc.Arbitrary<infer T> ? T : never;

function queryText(spec: QuerySpec, stories: Story[]): string {
  let t: string;
  if (spec.kind === 'random') t = spec.text;
  else {
    const words = stories[spec.doc % stories.length][COLS[spec.col]].split(/\s+/);
    const from = spec.start % words.length;
    t = words.slice(from, from + spec.len).join(' ');
  }
  return spec.quoted ? `"${t.replace(/"/g, '')}"` : t;
}

/** The engine's own answer: the same MATCH or tsquery without pair tokens. */
async function plainKeys(db: Db, q: ParsedQuery): Promise<number[]> {
  const r = db.dialect === 'sqlite'
    ? await sql<{ k: number }>`select rowid as k from search_fts where search_fts match ${ftsMatchExpression(q)} order by rowid desc`.execute(db.kysely)
    : await sql<{ k: number }>`select order_key as k from search_index where document @@ (${tsquery(q, null, null)}) order by order_key desc`.execute(db.kysely);
  return r.rows.map((x) => Number(x.k));
}

const matchKeys = (db: Db, q: ParsedQuery) => engine(db).repo.matchKeys(db.kysely, { query: q, filters: {}, nowIso: FAR, limit: 100_000 });
const build = (db: Db, options: typeof EVERY_WORD) => buildCommonGrams(db.kysely, engine(db).grams, { nowIso: FAR, options, force: true });

/**
 * How many units of the query the active list gives pair tokens to, and
 * how many of them PostgreSQL matches by their pair lexeme alone (two words).
 */
async function unitsWithGrams(db: Db, q: ParsedQuery): Promise<{ n: number; exact: number }> {
  const { active } = await liveGramLists(db.kysely);
  if (!active) return { n: 0, exact: 0 };
  const words = await gramListWords(db.kysely, active);
  const units = matchUnits(q).filter((u) => u.parts.length > 1);
  const texts = units.map((u) => u.parts.join(' '));
  const pairs = db.dialect === 'sqlite' ? (await ftsTokens(db.kysely, texts)).map((t) => phraseGrams(t, words)) : await phrasePairs(db.kysely, active, texts);
  const exact = units.filter((u, i) => db.dialect !== 'sqlite' && u.parts.length === 2 && pairs[i].join() === pairLexeme(u.parts[0], u.parts[1])).length;
  return { n: pairs.filter((p) => p.length > 0).length, exact };
}

const EVERY_WORD = { minShare: 0, maxWords: 100_000, minStories: 0, sampleStories: 10_000 };

for (const dialect of DIALECTS) describe(`${dialect}: common-grams never change what a phrase finds`, () => {
  let t: TestDb;
  before(async () => {
    t = await createTestDb(dialect);
  });
  after(async () => t?.cleanup());

  if (dialect === 'sqlite') test('the scratch tokenizer is the index tokenizer', async () => {
    const r = await sql<{ sql: string }>`select sql from sqlite_master where name = 'search_fts'`.execute(t.db.kysely);
    assert.ok(r.rows[0].sql.includes(`tokenize = '${SQLITE_TOKENIZE.replaceAll("'", "''")}'`), r.rows[0].sql);
  });

  test('hostile Unicode: pairs from the upsert and from the backfill, two list versions', async () => {
    const used = { queries: 0, phrases: 0, grams: 0, nonAscii: 0, exact: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(story, { minLength: 4, maxLength: 10 }), fc.array(querySpec, { minLength: 8, maxLength: 16 }), fc.integer({ min: 1, max: 6 }), async (stories, specs, small) => {
        const db = t.db;
        for (const table of ['search_documents', 'articles', 'search_gram_lists']) await sql.raw(`delete from ${table}`).execute(db.kysely);
        const half = Math.ceil(stories.length / 2);
        // Written with no list: these get their pairs from the backfill.
        for (let i = 0; i < half; i++) await addStory(db, i + 1, stories[i]);
        const built = await build(db, EVERY_WORD);
        assert.equal(built.outcome, 'built');
        // Written with a list active: the upsert makes their pairs; one old story is rewritten so.
        for (let i = half; i < stories.length; i++) await addStory(db, i + 1, stories[i]);
        await sql`delete from search_documents where article_id = 1`.execute(db.kysely);
        await sql`delete from articles where id = 1`.execute(db.kysely);
        await addStory(db, 1, stories[0]);
        const check = async () => {
          for (const spec of specs) {
            const q = parseQuery(queryText(spec, stories));
            if (!matchUnits(q).length) continue;
            const { n, exact } = await unitsWithGrams(db, q);
            used.exact += exact ? 1 : 0;
            used.queries++;
            used.phrases += matchUnits(q).some((u) => u.parts.length > 1) ? 1 : 0;
            used.grams += n ? 1 : 0;
            if (n && /[^\x00-\x7f]/.test(q.text)) used.nonAscii++;
            assert.deepEqual(await matchKeys(db, q), await plainKeys(db, q), q.text);
          }
        };
        await check();
        // A second version with fewer words: the backfill rewrites every story, then it replaces the first.
        const second = await build(db, { ...EVERY_WORD, maxWords: small });
        assert.equal(second.outcome, 'built');
        const lists = await liveGramLists(db.kysely);
        assert.equal(lists.active?.wordCount, Math.min(small, lists.active?.wordCount ?? 0));
        assert.equal(lists.building, undefined);
        await check();
      }),
      { numRuns: 30 },
    );
    // The test can fail only if the pairs were really used, on hostile text too.
    console.log(JSON.stringify(used));
    assert.ok(used.grams > used.phrases / 4, JSON.stringify(used));
    assert.ok(used.nonAscii > used.grams / 4, JSON.stringify(used));
    if (dialect !== 'sqlite') assert.ok(used.exact > used.grams / 4, JSON.stringify(used));
  });
});
