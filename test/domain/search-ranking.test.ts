import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { privateNames } from '../../src/storage/migrations/0008-search-speed.ts';
import { ftsMatchExpression } from '../../src/domain/search/search.fts-match.ts';
import { matchUnits, parseQuery } from '../../src/domain/search/search.query.ts';
import { inverseDocumentFrequency, rankWindow } from '../../src/domain/search/search.ranking.ts';
import type { LeadRow } from '../../src/domain/search/search.types.ts';
import { COLUMN_SEPARATOR } from '../../src/domain/search/search.words.ts';

/** The embedded engine's relevance, on rows as the covering index returns them (no database needed). */
type Cols = { headline: string; dek: string; people: string; tags: string; names: string };
const row = (key: number, f: Partial<Cols> = {}): LeadRow => {
  const c = { headline: '', dek: '', people: '', tags: '', names: '', ...f };
  return { key, lead: [c.headline, c.dek, c.people, c.tags, c.names].join(COLUMN_SEPARATOR) };
};
const rank = (q: string, rows: LeadRow[], idf?: number[]) => {
  const units = matchUnits(parseQuery(q));
  const window = rows.map((r) => r.key).sort((a, b) => b - a);
  return rankWindow(window, new Map(rows.map((r) => [r.key, r])), units, idf ?? units.map(() => 1));
};

describe('search ranking (both engines)', () => {
  test('headline over bylines and tags over standfirst over body; ties go to the newer story', () => {
    const rows = [
      row(50, { dek: 'Talks on the harbour' }),
      row(40, { headline: 'Harbour strike ends' }),
      row(30, { tags: 'Harbour, Shipping' }),
      row(20),
      row(10),
      row(5, { headline: 'The HARBOUR at dawn', dek: 'harbour' }),
    ];
    assert.deepEqual(rank('harbour', rows), [5, 40, 30, 50, 20, 10]);
  });

  test('words are matched as FTS5 tokenizes them: folded, split at punctuation; phrases in order', () => {
    assert.deepEqual(rank('zurich', [row(2), row(1, { headline: 'Trams of Zürich' })]), [1, 2]);
    assert.deepEqual(rank("Qa'ani", [row(2), row(1, { headline: 'Qa’ani visits' })]), [1, 2]);
    assert.deepEqual(rank('"tram depot"', [row(3, { headline: 'Depot tram' }), row(2), row(1, { headline: 'New tram-depot opens' })]), [1, 3, 2]);
    assert.deepEqual(rank('tram', [row(2, { headline: 'Tramway news' }), row(1, { headline: 'A tram' })]), [1, 2], 'a word, not a prefix');
    assert.deepEqual(rank('"harbour strike"', [row(2), row(1, { headline: 'Storm over the harbour', dek: 'Strike called' })]), [2, 1], 'no phrase across two columns');
    assert.deepEqual(rank('"harbour strike"', [row(2), row(1, { dek: 'Storm over the harbour; strike called' })]), [1, 2]);
  });

  test('a name found through its key among the names counts, less than the spelling typed in the headline', () => {
    const names = (s: string) => privateNames(s);
    const rows = [row(3, { names: names('kani ; bgdd') }), row(2), row(1, { headline: 'Qaani in Baghdad', names: names('kani ; bgdd') })];
    assert.deepEqual(rank('Qaani', rows), [1, 3, 2]);
  });

  test('with two words, the rarer one in the headline counts more (IDF)', () => {
    const rows = [row(2, { headline: 'Harbour news' }), row(1, { headline: 'Quokka news' })];
    const idf = [inverseDocumentFrequency(5000, 10_000), inverseDocumentFrequency(3, 10_000)];
    assert.deepEqual(rank('harbour quokka', rows, idf), [1, 2]);
    assert.deepEqual(rank('harbour quokka', rows, [idf[1], idf[0]]), [2, 1]);
    assert.ok(inverseDocumentFrequency(9000, 10_000) > 0, 'a very common word keeps a tiny positive weight');
    assert.ok(inverseDocumentFrequency(3, 10_000) > inverseDocumentFrequency(300, 10_000));
  });

  test('a candidate whose row is missing ranks as a body match; the order is a permutation of the window', () => {
    const out = rankWindow([9, 8, 7], new Map([[8, row(8, { headline: 'harbour' })]]), matchUnits(parseQuery('harbour')), [1]);
    assert.deepEqual(out, [8, 9, 7]);
  });

  test('MATCH text: words and phrases quoted, keys and facets private, nothing the reader typed is syntax', () => {
    const m = ftsMatchExpression(parseQuery('Qaani "tram depot" AND x*'));
    assert.equal(m, '("qaani" OR "\u001fkani") AND "x" AND "tram depot"');
    for (const q of ['x" OR "y', 'a) OR (b', 'NEAR(a b)', '{headline}: x', "' OR 1=1--"]) {
      const outside = ftsMatchExpression(parseQuery(q)).replace(/"(?:[^"]|"")*"/g, 'S');
      assert.match(outside, /^[S()\s]*(?:(?:AND|OR)[S()\s]+)*$/, `${q} → only quoted strings, AND, OR and brackets`);
    }
  });
});
