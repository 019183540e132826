import { transliterationKey, type HouseSpellings } from '../../transliteration/index.ts';
import type { CheckContext, RawFinding, Rule } from '../editorial-checks.types.ts';
import { bareSpelling, nameUnits, type NameText, type NameUnit, type WordOccurrence } from '../name-units.ts';
import { blockRange } from '../story-blocks.ts';

/**
 * One name spelled two ways in one story (Ghaani and Qaani; Yevgeny and
 * Evgeniy Prigozhin), reported once per name with every spelling, its count
 * and every place it stands, so the editor fixes one fault, not a list.
 *
 * Spellings are compared as words of name units (`name-units.ts`): case
 * and an article (`al-`, `el-`) alone never make a second spelling, and two
 * spellings are one name only when the company they keep agrees (below).
 * Suggestion: the house spelling when the dictionary has one that is not
 * another name in this story, else the spelling used most (first seen on a tie).
 */
interface Spelling {
  bare: string;
  key: string;
  loose: string;
  role: WordOccurrence['role'];
  words: WordOccurrence[];
  /** The words that stand in units with no generic word: what is counted and marked when there are any. */
  plainWords: WordOccurrence[];
  /** Keys of the other words and the generic words of the units it stands in. */
  company: Set<string>;
  /** It stands at least once in a unit with no generic word: a person or place, not only `X Group`. */
  plain: boolean;
}

/**
 * How sure the rule is that two spellings are one name:
 * - they share company (`Yevgeny Prigozhin` / `Evgeniy Prigozhin`): sure;
 * - both keep company, but never the same (`Alexei Orlov` / `Aleksei Petrov`;
 *   `Qassem Soleimani` / `al-Qassam Brigades`): two names, no finding;
 * - one stands alone (`Prigozhin` beside `Yevgeny Prigozhin`, `Ghaani` beside
 *   `Qaani`): likely, unless the other only ever names an organisation.
 * A *loose* match (sh/ch, x/ksh, gu/g, ow/ou, a/e as first vowel:
 * Achraf/Ashraf, Laxmi/Lakshmi, Mehdi/Mahdi) is not a transliteration-key
 * match and needs company to be shown. Two words that differ only in a
 * vowel a/i/u (Hamid/Hamad) are usually two names: shown only with company.
 */
export const CONFIDENCE = { sharedCompany: 0.9, sharedCompanyLoose: 0.85, alone: 0.7, aloneLoose: 0.6, bothAloneLoose: 0.45, vowelOnly: 0.4 } as const;

/**
 * The key with the sounds transliterations swap most beyond it merged, and
 * the first vowel reduced to a/i/u; the final vowel stays, because it is what
 * keeps Malik from Maliki and Karim from Karima. Words with fewer than three
 * consonants get none: `Yu` and `Yi` are two names, not one misspelt.
 */
function looseKey(bare: string, key: string): string {
  const w = bare.replace(/gu(?=[ie])/g, 'g').replace(/ksh|x/g, 'ks').replace(/[sc]h/g, 's').replace(/(?<=[aeiou])w(?=[^aeiou]|$)/g, '');
  const first = /[aeiouy]/.exec(w)?.[0] ?? '';
  const vowel = 'ae'.includes(first) ? 'a' : 'iy'.includes(first) ? 'i' : first ? 'u' : '';
  const loose = transliterationKey(w) || key;
  const consonants = loose.replace(/[aeiu ]/g, '');
  if (consonants.length < 3) return `strict:${key}`;
  return `${vowel}:${consonants}:${/[aeiu]$/.exec(loose)?.[0] ?? ''}`;
}

/** Different vowels in the same places, one of them a/i/u against another of a/i/u: Hamid/Hamad, Rashid/Rashad. */
function vowelOnly(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let swapped = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (!'aiu'.includes(a[i]) || !'aiu'.includes(b[i])) return false;
    swapped = true;
  }
  return swapped;
}

function spellingsOf(units: readonly NameUnit[]): Spelling[] {
  const byBare = new Map<string, Spelling>();
  for (const u of units) {
    for (const w of u.words) {
      if (w.bare.length < 2 || !w.key) continue;
      const id = `${w.role}:${w.bare}`;
      const s = byBare.get(id) ?? { bare: w.bare, key: w.key, loose: looseKey(w.bare, w.key), role: w.role, words: [], plainWords: [], company: new Set<string>(), plain: false };
      s.words.push(w);
      if (u.generics.length === 0) s.plainWords.push(w);
      for (const o of u.words) if (o !== w) s.company.add(o.key);
      for (const g of u.generics) s.company.add(`#${g}`);
      if (u.generics.length === 0) s.plain = true;
      byBare.set(id, s);
    }
  }
  return [...byBare.values()];
}

/** Confidence that two spellings are one name, or 0 when they are not (or the same spelling). */
function sameNameConfidence(a: Spelling, b: Spelling): number {
  if (a.role !== b.role || a.bare === b.bare) return 0;
  const strict = a.key === b.key;
  if (!strict && a.loose !== b.loose) return 0;
  const shared = [...a.company].some((c) => b.company.has(c));
  if (shared) return strict ? CONFIDENCE.sharedCompany : CONFIDENCE.sharedCompanyLoose;
  if (a.company.size > 0 && b.company.size > 0) return 0;
  const accompanied = a.company.size > 0 ? a : b.company.size > 0 ? b : null;
  if (accompanied && !accompanied.plain) return 0;
  if (strict) return vowelOnly(a.bare, b.bare) ? CONFIDENCE.vowelOnly : CONFIDENCE.alone;
  return accompanied ? CONFIDENCE.aloneLoose : CONFIDENCE.bothAloneLoose;
}

/** Spellings joined into names (union-find over the pairs that are one name); each name with its best confidence. */
function names(spellings: Spelling[]): Array<{ members: Spelling[]; confidence: number }> {
  const parent = spellings.map((_, i) => i);
  const best = spellings.map(() => 0);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  for (let i = 0; i < spellings.length; i++) {
    for (let j = i + 1; j < spellings.length; j++) {
      const c = sameNameConfidence(spellings[i], spellings[j]);
      if (c === 0) continue;
      const [ri, rj] = [root(i), root(j)];
      parent[rj] = ri;
      best[ri] = Math.max(best[ri], best[rj], c);
    }
  }
  const groups = new Map<number, Spelling[]>();
  spellings.forEach((s, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), s]));
  return [...groups].filter(([, m]) => m.length > 1).map(([r, members]) => ({ members, confidence: best[r] }));
}

/** `Wagner` in `Wagner Group` is another entity's word when `Richard Wagner` is the one misspelt: not marked. */
const marked = (s: Spelling): WordOccurrence[] => (s.plainWords.length ? s.plainWords : s.words);

/** The spelling as most often written (`al-Wazir` rather than `Wazir` if that is how the story has it). */
function written(s: Spelling): string {
  const counts = new Map<string, number>();
  for (const w of marked(s)) counts.set(w.text, (counts.get(w.text) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
}

function suggestionFor(members: Spelling[], all: Spelling[], house: HouseSpellings): { text: string; house: boolean } {
  const others = new Set(all.filter((s) => !members.includes(s)).map((s) => s.bare));
  const fromHouse = house.preferredFor(members[0].key);
  if (fromHouse && !others.has(bareSpelling(fromHouse))) return { text: fromHouse, house: true };
  // Sort is stable: on a tie the spelling seen first stays first.
  const most = [...members].sort((a, b) => marked(b).length - marked(a).length)[0];
  return { text: written(most), house: false };
}

function texts({ story, blocks }: Pick<CheckContext, 'story' | 'blocks'>): NameText[] {
  return [
    ...(['headline', 'dek'] as const).map((field) => ({ text: story[field], rangeOf: (start: number, end: number) => ({ field, start, end }) })),
    ...blocks.map((b) => ({ text: b.text, rangeOf: (start: number, end: number) => blockRange(b, start, end) })),
  ];
}

export const nameSpelledTwoWays: Rule = {
  id: 'name-spelled-two-ways',
  severity: 'warning',
  check({ story, blocks, houseSpellings }: Pick<CheckContext, 'story' | 'blocks' | 'houseSpellings'>): RawFinding[] {
    const spellings = spellingsOf(nameUnits(texts({ story, blocks })));
    return names(spellings).map(({ members, confidence }) => {
      const words = members.flatMap(marked).sort((a, b) => a.order - b.order);
      const { text, house } = suggestionFor(members, spellings, houseSpellings);
      const counts = members.map((m) => `“${written(m)}” ×${marked(m).length}`).join(', ');
      return {
        message: `Name spelled ${members.length} ways: ${counts}; ${house ? 'the house spelling is' : 'the story mostly uses'} “${text}”`,
        range: words[0].range,
        ranges: words.map((w) => w.range),
        suggestion: text,
        confidence,
        match: members.map((m) => m.bare).sort().join('|'),
      };
    });
  },
};
