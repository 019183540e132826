import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { evaluateSplit, houseSpellingsFromList, nameTokens, sameName, transliterationKey } from './index.ts';

// The newsroom's list lives in ../shared beside the repository (as CI lays it out); a clone
// elsewhere uses the copy taken of it on 2026-12-01 (test/fixtures), so `npm test` runs anywhere.
const SHARED = new URL('../../../../shared/data/transliteration-variants.json', import.meta.url);
const COPY = new URL('../../../test/fixtures/transliteration-variants.json', import.meta.url);
const shared = JSON.parse(readFileSync(existsSync(SHARED) ? SHARED : COPY, 'utf8')) as {
  same: string[][];
  distinct: Array<[string, string]>;
};

describe('transliterationKey: shared newsroom list', () => {
  for (const group of shared.same) {
    it(`one key for ${group.join(' / ')}`, () => {
      const keys = new Set(group.map(transliterationKey));
      assert.equal(keys.size, 1, `${group.map((n) => `${n}=${transliterationKey(n)}`).join(' ')}`);
    });
  }
  for (const [a, b] of shared.distinct) {
    it(`${a} and ${b} stay apart`, () => assert.notEqual(transliterationKey(a), transliterationKey(b)));
  }
});

describe('transliterationKey: rules', () => {
  it('drops attached and free-standing articles but keeps ibn/abu', () => {
    assert.equal(transliterationKey('al-Quds'), transliterationKey('Quds'));
    assert.equal(transliterationKey('as-Sisi'), transliterationKey('el-Sisi'));
    assert.equal(transliterationKey('Abu Bakr').split(' ').length, 2);
  });
  it('keys multi-word names word by word', () => {
    assert.equal(transliterationKey('Esmail Ghaani'), transliterationKey('Ismail Qaani'));
    assert.equal(transliterationKey('Qasem Soleimani'), `${transliterationKey('Qasem')} ${transliterationKey('Soleimani')}`);
  });
  it('romanises Cyrillic the wire way', () => assert.equal(transliterationKey('Горбачёв'), transliterationKey('Gorbachev')));
  it('drops the y of Russian -ayev, and only there', () => {
    assert.equal(transliterationKey('Basayev'), transliterationKey('Basaev'));
    assert.equal(transliterationKey('Nikolayev'), transliterationKey('Nikolaev'));
    assert.notEqual(transliterationKey('Sayed'), transliterationKey('Saeed'));
  });
  it('gives an empty key to text with no letters', () => {
    assert.equal(transliterationKey(' -- '), '');
    assert.equal(sameName('', ''), false);
  });
});

describe('transliterationKey: properties', () => {
  it('ignores case, diacritics and ayn/hamza marks', () => {
    for (const v of ["Qa'ani", 'QAANI', 'Qāʿānī', 'qa’ani', 'Qaani']) assert.equal(transliterationKey(v), transliterationKey('Qaani'), v);
  });
  it('is unchanged by upper-casing and NFC/NFD for any Latin name', () => {
    const name = fc.stringMatching(/^[A-Za-z' -]{1,30}$/);
    fc.assert(
      fc.property(name, (n) => {
        const k = transliterationKey(n);
        assert.equal(transliterationKey(n.toUpperCase()), k);
        assert.equal(transliterationKey(n.normalize('NFD')), k);
        assert.equal(transliterationKey(n.replace(/'/g, '’')), k);
      }),
    );
  });
  it('never throws on arbitrary unicode and stays bounded', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (s) => {
        const k = transliterationKey(s);
        assert.equal(typeof k, 'string');
        assert.ok(k.length <= 512, `key of length ${k.length}`);
        assert.equal(transliterationKey(s), k);
      }),
    );
  });
});

describe('labelled evaluation (docs/transliteration.md)', () => {
  // Thresholds sit just under the measured figures so a regression fails loudly.
  it('tune split', () => {
    const e = evaluateSplit('tune');
    assert.ok(e.recall >= 0.88 && e.precision >= 0.98, JSON.stringify({ r: e.recall, p: e.precision }));
  });
  it('holdout split', () => {
    const e = evaluateSplit('holdout');
    assert.ok(e.recall >= 0.95 && e.precision >= 0.97, JSON.stringify({ r: e.recall, p: e.precision }));
  });
});

describe('nameTokens and house spellings', () => {
  it('finds capitalised names with offsets, skipping acronyms, stop words and possessives', () => {
    const text = "The UN said Qaani's deputy met al-Quds officials.";
    const toks = nameTokens(text);
    assert.deepEqual(toks.map((t) => t.text), ['Qaani', 'al-Quds']);
    for (const t of toks) assert.equal(text.slice(t.start, t.end), t.text);
  });
  it('looks up the house spelling by key', () => {
    const house = houseSpellingsFromList(['Qaani', 'Gaddafi']);
    assert.equal(house.preferredFor(transliterationKey('Ghaani')), 'Qaani');
    assert.equal(house.preferredFor(transliterationKey('Kadhafi')), 'Gaddafi');
    assert.equal(house.preferredFor(transliterationKey('Hamas')), undefined);
  });
});
