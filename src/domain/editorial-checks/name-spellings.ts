import { chineseKey, joinedKey, transliterationKey, wadeGiles } from '../transliteration/index.ts';
import { keyboardSpelling, koreanGivenName, type NameUnit, type WordOccurrence } from './name-units.ts';

/**
 * Spellings of name words and when two of them are one name, for the
 * name-spelled-two-ways rule (`rules/name-spelled-two-ways.ts`).
 */
export interface Spelling {
  bare: string;
  key: string;
  loose: string;
  /** The key of the spelling written as one word (`Abdul Rahman` → that of `Abdulrahman`). */
  joined: string;
  /** Chinese syllable key (`chineseKey`), '' when the spelling is not a run of Chinese syllables. */
  chinese: string;
  /** Two adjacent words of a unit taken as one (`Abdul Rahman`), compared only with single words. */
  pair: boolean;
  role: WordOccurrence['role'];
  words: WordOccurrence[];
  /** The words that stand in units with no generic word: what is counted and marked when there are any. */
  plainWords: WordOccurrence[];
  /** Keys of the other words and the generic words of the units it stands in. */
  company: Set<string>;
  /** Chinese keys of the other words of its units: company for a Chinese comparison (`Chou` beside `En-lai`). */
  chineseCompany: Set<string>;
  /** It is written the Wade-Giles way (`wadeGiles`): `Tse-tung`, `Hsu`. */
  wadeGiles: boolean;
  /** A word beside it is: `Chou` (valid pinyin too) in `Chou En-lai`. */
  wadeGilesUnit: boolean;
  /** `keyboardSpelling`: `sukru` for `Şükrü` and `Sukru`. */
  keyboard: string;
  /** It stands beside a Korean given name (`Lee` in `Lee Sang-woo`): Korean surname spellings apply. */
  koreanUnit: boolean;
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
 * A *loose* match (sh/ch, x/ksh, gu/g, ow/ou, w/v between vowels, a/e and au/ou as first vowel:
 * Achraf/Ashraf, Laxmi/Lakshmi, Mehdi/Mahdi, Chaudhary/Choudhary, Sharipova/Sharipowa) is not a transliteration-key
 * match: sure only with company; two lone words (places, mostly: Marrakech/Marrakesh, Gilan/Guilan) are
 * shown at the lowest confidence the default shows, which tune-3 supported (3 right, none wrong on the
 * three tuning sets once `brewery` was a generic word). Two words that differ only in a
 * vowel a/i/u (Hamid/Hamad) are usually two names: shown only with company.
 */
export const CONFIDENCE = { sharedCompany: 0.9, sharedCompanyLoose: 0.85, alone: 0.7, aloneLoose: 0.6, bothAloneLoose: 0.55, vowelOnly: 0.4 } as const;

/**
 * The key with the sounds transliterations swap most beyond it merged, and
 * the first vowel reduced to a/i/u; the final vowel stays, because it is what
 * keeps Malik from Maliki and Karim from Karima. Words with fewer than three
 * consonants get none: `Yu` and `Yi` are two names, not one misspelt.
 */
function looseKey(bare: string, key: string): string {
  // Sayyid, Sayed, Syed, Seyed, Seyyed: one Arabic title-name, written by Arabic, Urdu and Persian habits (not Saeed).
  const w = bare.replace(/^s(?:a|e)?yy?(?:e|i)d$/, 'sayid').replace(/(?<=[aeiou])w(?=[aeiou])/g, 'v').replace(/gu(?=[ie])/g, 'g').replace(/ksh|x/g, 'ks').replace(/[sc]h/g, 's').replace(/(?<=[aeiou])w(?=[^aeiou]|$)/g, '');
  const first = /[aeiouy]+/.exec(w)?.[0] ?? '';
  // au and ou are one Hindi/Bengali vowel written two ways (Chaudhary/Choudhary, Saurav/Sourav).
  const vowel = /^(?:au|ou|o|u)/.test(first) ? 'u' : 'ae'.includes(first[0] ?? 'u') ? 'a' : 'i';
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

/** Two words of a unit written with one space between them: `Abdul Rahman`, `Zayandeh Rud`, as one spelling. */
function pairsOf(u: NameUnit): WordOccurrence[] {
  const out: WordOccurrence[] = [];
  for (let i = 0; i + 1 < u.words.length; i++) {
    const [x, y] = [u.words[i], u.words[i + 1]];
    const text = `${x.text} ${y.text}`;
    // `Al Ain` against `Ain` is an article, not a spelling: the issue's rule, kept for pairs too.
    if (x.role !== 'core' || y.range.start - x.range.end !== 1 || joinedKey(text) === joinedKey(y.text)) continue;
    out.push({ ...x, text, bare: `${x.bare} ${y.bare}`, key: joinedKey(text), range: { ...x.range, end: y.range.end } });
  }
  return out;
}

function add(byBare: Map<string, Spelling>, u: NameUnit, w: WordOccurrence, pair: WordOccurrence[] | null): void {
  const id = `${w.role}:${pair ? 'pair' : 'word'}:${w.bare}`;
  const s = byBare.get(id) ?? {
    bare: w.bare, key: w.key, loose: pair ? `pair:${w.key}` : looseKey(w.bare, w.key), joined: pair ? w.key : joinedKey(w.text),
    chinese: pair ? '' : chineseKey(w.text), pair: pair !== null, role: w.role, words: [], plainWords: [],
    company: new Set<string>(), chineseCompany: new Set<string>(), wadeGiles: !pair && wadeGiles(w.text), wadeGilesUnit: false,
    keyboard: pair ? '' : keyboardSpelling(w.text), koreanUnit: false, plain: false,
  };
  if (!pair && u.words.some((o) => wadeGiles(o.text))) s.wadeGilesUnit = true;
  if (!pair && u.words.some((o) => o !== w && koreanGivenName(o.text))) s.koreanUnit = true;
  s.words.push(w);
  if (u.generics.length === 0) s.plainWords.push(w);
  const inPair = (o: WordOccurrence) => o === w || (pair !== null && pair.some((p) => p.range.start <= o.range.start && o.range.end <= p.range.end));
  const others = u.words.filter((o) => !inPair(o));
  // A companion written split or joined (`Abdel Fattah` / `Abdel-Fattah`) is the same company.
  others.forEach((o, i) => {
    s.company.add(`joined:${joinedKey(o.text)}`);
    if (i + 1 < others.length) s.company.add(`joined:${joinedKey(`${o.text} ${others[i + 1].text}`)}`);
  });
  for (const o of others) {
    s.company.add(o.key);
    // `Çelik` and `Celik` are the same company for `Şükrü` and `Sukru`.
    s.company.add(transliterationKey(keyboardSpelling(o.text)));
    const c = chineseKey(o.text);
    if (c) s.chineseCompany.add(c);
  }
  for (const g of u.generics) s.company.add(`#${g}`);
  if (u.generics.length === 0) s.plain = true;
  byBare.set(id, s);
}

export function spellingsOf(units: readonly NameUnit[]): Spelling[] {
  const byBare = new Map<string, Spelling>();
  for (const u of units) {
    for (const w of u.words) if (w.bare.length >= 2 && w.key) add(byBare, u, w, null);
    const pairs = pairsOf(u);
    for (const p of pairs) add(byBare, u, p, [p]);
  }
  return [...byBare.values()];
}

/**
 * Korean surnames romanised differently (Revised, McCune-Reischauer, and
 * the spellings families chose): `Lee` / `Yi` / `Rhee` are one surname that
 * no transliteration key can meet. A short list, because the surnames are a
 * closed set; only pairs the key misses. Used only beside a Korean given
 * name (`Lee Sang-woo`), since `Yi`, `Chang` or `Sin` are other names in
 * Chinese or Arabic copy.
 */
const KOREAN_SURNAMES: readonly string[][] = [
  ['lee', 'yi', 'rhee', 'ri', 'rhie', 'yee'], ['park', 'pak', 'bak', 'bahk'], ['jung', 'jeong', 'chung', 'joung', 'cheong'],
  ['shin', 'sin', 'shinn'], ['lim', 'im', 'rim'], ['cho', 'jo'], ['jang', 'chang'], ['seo', 'suh', 'so'], ['roh', 'noh'],
  ['oh', 'o'], ['ahn', 'an'], ['yoon', 'yun'], ['choi', 'choe'],
];
const koreanSurname = new Map(KOREAN_SURNAMES.flatMap((g, i) => g.map((n) => [n, i] as const)));

/**
 * Ukrainian given names and their Russian forms (`Mykola` / `Nikolai`,
 * `Volodymyr` / `Vladimir`): one person's name in copy from two desks, which
 * no key meets. A short list of the common ones; trusted only with shared
 * company (`Mykola Bondarenko` / `Nikolai Bondarenko`, tune-3), as two
 * people may well be a Mykola and a Nikolai.
 */
const EAST_SLAVIC_GIVEN: readonly string[][] = [
  ['mykola', 'nikolai', 'nikolay'], ['oleksandr', 'aleksandr', 'alexandr', 'alexander'], ['volodymyr', 'vladimir'],
  ['oleksiy', 'oleksii', 'alexei', 'aleksei', 'alexey', 'aleksey'], ['serhiy', 'serhii', 'sergei', 'sergey'],
  ['andriy', 'andrii', 'andrei', 'andrey'], ['dmytro', 'dmitry', 'dmitri', 'dmitriy'], ['mykhailo', 'mikhail'],
  ['petro', 'pyotr', 'petr'], ['pavlo', 'pavel'], ['hryhoriy', 'hryhorii', 'grigory', 'grigoriy'], ['vasyl', 'vasily', 'vasiliy'],
  ['oleh', 'oleg'], ['ihor', 'igor'], ['yuriy', 'yurii', 'yuri', 'yury'], ['yevhen', 'yevgeny', 'evgeny', 'evgeniy'],
  ['olha', 'olga'], ['kateryna', 'yekaterina', 'ekaterina'], ['halyna', 'galina'], ['tetiana', 'tetyana', 'tatiana', 'tatyana'],
];
const eastSlavicGiven = new Map(EAST_SLAVIC_GIVEN.flatMap((g, i) => g.map((n) => [n, i] as const)));

function eastSlavicMatch(a: Spelling, b: Spelling): boolean {
  const [x, y] = [eastSlavicGiven.get(a.bare), eastSlavicGiven.get(b.bare)];
  return x !== undefined && x === y;
}

function koreanMatch(a: Spelling, b: Spelling): boolean {
  if (!(a.koreanUnit || b.koreanUnit)) return false;
  const [x, y] = [koreanSurname.get(a.bare), koreanSurname.get(b.bare)];
  return x !== undefined && x === y;
}

/**
 * How a pair of spellings matches: `strict` (same transliteration key, or the
 * same written as one word: `Xiao-ping` / `Xiaoping`), `loose`, `chinese`
 * (pinyin against Wade-Giles, which needs company), or not at all. A pair of
 * words is compared only with a single word, and only written as one.
 */
/**
 * Looser still, and trusted only with shared company: an initial j against y
 * (`Yusuf` / `Jusuf`, `Yelena` / `Jelena`: Slavic and Bosnian spellings).
 * Alone, `Jamal` and `Yamal` are a man and a peninsula; like the loose key it
 * needs three consonants (`Jan` / `Yan` are two names). A y between vowels
 * (`Aisha` / `Ayesha`) was tried and dropped: it merged Sayed with Saeed.
 */
function companyOnlyKey(s: Spelling): string {
  const w = s.bare.replace(/~.*$/, '').replace(/^j(?=[aeiou])/, 'y');
  const k = looseKey(w, transliterationKey(w));
  return s.pair || k.startsWith('strict:') ? `none:${s.bare}` : k;
}

function matchOf(a: Spelling, b: Spelling): 'strict' | 'loose' | 'chinese' | 'company' | null {
  if (a.pair && b.pair) return null;
  if (a.pair || b.pair) return a.joined === b.joined ? 'strict' : null;
  if (a.key === b.key || a.joined === b.joined || a.keyboard === b.keyboard || koreanMatch(a, b)) return 'strict';
  if (a.loose === b.loose) return 'loose';
  // Only one system against the other: two pinyin spellings that differ (`Li Bing`, `Li Ping`) are two people.
  const systems = a.wadeGiles !== b.wadeGiles || a.wadeGilesUnit !== b.wadeGilesUnit;
  if (a.chinese !== '' && a.chinese === b.chinese && systems) return 'chinese';
  return companyOnlyKey(a) === companyOnlyKey(b) || eastSlavicMatch(a, b) ? 'company' : null;
}

const sharesAny = (a: Set<string>, b: Set<string>): boolean => [...a].some((c) => b.has(c));

/** Confidence that two spellings are one name, or 0 when they are not (or the same spelling). */
export function sameNameConfidence(a: Spelling, b: Spelling): number {
  if (a.role !== b.role || a.bare === b.bare) return 0;
  const match = matchOf(a, b);
  if (!match) return 0;
  const strict = match === 'strict';
  const shared = sharesAny(a.company, b.company) || (match === 'chinese' && sharesAny(a.chineseCompany, b.chineseCompany));
  if (shared) return strict ? CONFIDENCE.sharedCompany : CONFIDENCE.sharedCompanyLoose;
  if (match === 'company' || (a.company.size > 0 && b.company.size > 0)) return 0;
  const accompanied = a.company.size > 0 ? a : b.company.size > 0 ? b : null;
  if (accompanied && !accompanied.plain) return 0;
  if (strict) return vowelOnly(a.bare, b.bare) ? CONFIDENCE.vowelOnly : CONFIDENCE.alone;
  // Pinyin against Wade-Giles merges too many initials to be trusted without company.
  if (match === 'chinese') return CONFIDENCE.bothAloneLoose;
  return accompanied ? CONFIDENCE.aloneLoose : CONFIDENCE.bothAloneLoose;
}
