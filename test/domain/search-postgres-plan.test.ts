import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { buildSearchDocument, parseQuery } from '../../src/domain/search/index.ts';
import { postgresSearchRepo, tsquery } from '../../src/domain/search/search.repo.postgres.ts';
import { indexStats, keyForNewest, type IndexStats } from '../../src/domain/search/search.stats.repo.postgres.ts';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/dialects.ts';

/**
 * PostgreSQL reads the newest slice of the order-key range the statistics
 * say holds the matches, then deeper slices (search.stats.repo.postgres.ts).
 * Whatever the slices, the matches must be exactly the newest `limit` the
 * plain query finds: no story twice, none skipped at a slice's edge.
 */

const STORIES = 600;
const FAR = '2100-01-01T00:00:00Z';

/**
 * Story i: every story says "every", one in 2 "half", one in 10 "tenth", one
 * in 50 "fiftieth", the oldest tenth "early" (the statistics say a tenth of
 * stories, the newest slices hold none); "prime minister" in one in 4.
 */
function body(i: number): string {
  const w = ['every', i % 2 ? 'half' : 'other', i % 10 === 3 ? 'tenth' : 'filler', i % 50 === 7 ? 'fiftieth' : 'plain', i <= STORIES / 10 ? 'early' : 'late'];
  return `${w.join(' ')} ${i % 4 === 1 ? 'the prime minister spoke' : 'the minister and the prime'}`;
}

for (const dialect of DIALECTS.filter((d) => d === 'postgres')) {
  describe(`${dialect}: slices of the order-key range find exactly the newest matches`, () => {
    let t: TestDb;
    let st: IndexStats | null;
    before(async () => {
      t = await createTestDb(dialect);
      const db = t.db.kysely;
      for (let i = 1; i <= STORIES; i++) {
        // Uneven publication: the second half of the stories within a tenth of the time, so key shares are not story shares.
        const hours = i <= STORIES / 2 ? i * 10 : (STORIES / 2) * 10 + (i - STORIES / 2);
        const at = new Date(Date.UTC(2020, 0, 1) + hours * 3_600_000).toISOString();
        await sql`insert into articles (id, slug, headline, body, language, status, published_at, created_at, updated_at)
          values (${i}, ${`s-${i}`}, 'x', '{}', 'en', 'published', ${at}, ${at}, ${at})`.execute(db);
        await postgresSearchRepo.upsert(db, buildSearchDocument({ id: i, status: 'published', publishedAt: at, sectionId: null, headline: `Story ${i}`, dek: '', bodyText: body(i), people: [], personIds: [], tags: [] }));
      }
      await sql`analyze search_index`.execute(db);
      st = await indexStats(db);
    });
    after(async () => t?.cleanup());

    test('the statistics are read, and the histogram puts the newest N stories where they are', () => {
      assert.ok(st && st.bounds.length > 2, 'ANALYZE gave a histogram of order_key');
      assert.ok(Math.abs((st.freq.get('half') ?? 0) - 0.5) < 0.05, `half: ${st.freq.get('half')}`);
      const keys = st.bounds;
      const hi = keys[keys.length - 1] + 1;
      assert.equal(keyForNewest(st, hi, STORIES * 2), null, 'more stories than there are: the whole range');
      const k = keyForNewest(st, hi, 60)!;
      // The newest 60 stories fall in the last tenth of the time; a key share would have taken far more.
      assert.ok(k > keys[Math.floor(keys.length * 0.8)], `${k}`);
    });

    test('every query and limit: the same keys as the plain query', async () => {
      const db = t.db.kysely;
      for (const q of ['every', 'half', 'tenth', 'fiftieth', 'early', 'half tenth', 'early tenth', '"prime minister"', '"minister and"', 'nowhere']) {
        for (const limit of [1, 3, 7, 20, 150, 1000]) {
          const parsed = parseQuery(q);
          const got = await postgresSearchRepo.matchKeys(db, { query: parsed, filters: {}, nowIso: FAR, limit });
          const r = await sql<{ k: string }>`select order_key as k from search_index where document @@ (${tsquery(parsed, null, null)})
            order by order_key desc limit ${limit}`.execute(db);
          assert.deepEqual(got, r.rows.map((x) => Number(x.k)), `${q}, limit ${limit}`);
        }
      }
    });
  });
}
