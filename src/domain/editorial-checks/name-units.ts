import { chineseKey, foldScript, nameTokens, transliterationKey, type NameToken } from '../transliteration/index.ts';
import type { FindingRange } from './editorial-checks.types.ts';

/**
 * Names as units, for the name-spelled-two-ways rule. A *name unit* is a
 * run of capitalised words with only a space (or a connector such as `bin`,
 * `de`) between them: `Yevgeny Prigozhin`, `Wagner Group`, `Jazeera Airways`.
 * Leading titles (`President`, `Sheikh`) are split off: `Sheikh Jassim` and
 * `Jassim` name one man, and a title is compared only with titles. Words
 * like `Group`, `Airways`, `Day` are *generic*: they say what kind of thing
 * the unit names and are never compared as spellings themselves, but they
 * keep `al-Qassam Brigades` apart from `Qassem Soleimani`.
 */
export interface WordOccurrence {
  /** As written, possessive dropped: `al-Jazeera`. */
  text: string;
  /** Folded, article dropped: `jazeera`. What "a different spelling" means. */
  bare: string;
  key: string;
  range: FindingRange;
  role: 'core' | 'title';
  /** Index of the unit this word stands in (titles form their own unit). */
  unit: number;
  /** Position in reading order (headline, dek, then the body). */
  order: number;
}

export interface NameUnit {
  words: WordOccurrence[];
  /** Lower-case generic words of the unit (`group`, `airways`). */
  generics: string[];
}

/** Words that place or rank a person rather than name them; leading only. */
export const TITLES = new Set(
  (
    'president prime minister foreign interior defence defense transport health finance deputy vice chief general gen ' +
    'lieutenant colonel col major brigadier commander captain admiral sergeant judge justice senator governor mayor ' +
    'speaker ambassador secretary king queen prince princess emir sheikh shaikh sheik shaykh cheikh imam ayatollah grand crown ' +
    'sultan pope cardinal archbishop bishop father rabbi professor doctor coach director chairman chairwoman ' +
    'councillor councilor lord lady dame supreme leader agriculture labour economy education culture environment ' +
    'energy oil trade sports sport interior mullah hojatoleslam mufti'
  ).split(' '),
);

/** Common nouns that name a kind of thing inside a proper name. */
export const GENERICS = new Set(
  (
    'group force forces day days airways airlines air brigade brigades battalion regiment division corps army guard guards ' +
    'front movement party ministry council committee commission office authority directorate department agency service ' +
    'services university college academy school institute institution foundation trust fund bank company corporation ' +
    'holdings industries motors network news times post channel tv radio press mosque church cathedral temple shrine ' +
    'tomb hospital province district region governorate county oblast state city town village street road avenue square ' +
    'bridge port airport station line metro railway railways highway expressway corridor river lake sea gulf island ' +
    'islands mountain mountains valley desert canal dam park garden gardens palace tower hall gate market bazaar ' +
    'brewery winery stadium club team cup league federation union association society organisation organization festival prize award ' +
    'museum library archive theatre theater orchestra opera ballet exhibition fair centre center court assembly ' +
    'parliament republic kingdom emirate base'
  ).split(' '),
);

/** A space, or a lower-case connector that stays inside a name (`Jassim bin Abdulaziz`, `Khan al Ahmar`). */
const JOIN = /^[ \u00a0]+(?:(?:bin|ibn|bint|al|el|de|da|di|du|van|von|der|den|ul|ud)[ \u00a0]+)?$/u;
const ARTICLE = /^(?:al|el|il|ul|ad|ed|ar|er|as|es|ash|at|et|az|an|en|ath|adh|ud|us|ur|un)-/;

/** Apostrophe-like marks (ayn, hamza): not a spelling difference on their own, as in `foldScript`. */
const MARKS = /['’‘`´ʼʻʿʾ′]/g;

/**
 * Letters of their own in an alphabet (Turkish ı ş ç ğ ö ü, German ö ü),
 * not accents: `Kadıköy` beside `Kadikoy` is a name typed once with its
 * letters and once without. An accent (`Hédi` / `Hedi`, `ā`) is not a
 * spelling difference (tune-41 is labelled so).
 */
const OWN_LETTERS = /[ışçğöü]/u;

/**
 * The spelling a reader compares: folded and without its article, but with
 * its own letters kept (`kadikoy~kadıköy`), so a name written with and
 * without them is two spellings (tune-2). The key still folds them away.
 */
export function bareSpelling(word: string): string {
  const folded = foldScript(word).replace(ARTICLE, '');
  const written = word.normalize('NFC').toLowerCase().replace(MARKS, '').replace(/[\u2010-\u2015\u2212]/g, '-').replace(ARTICLE, '');
  return OWN_LETTERS.test(written) ? `${folded}~${written}` : folded;
}

/**
 * The word as typed on a keyboard without its letters (`Şükrü` → `sukru`,
 * `Çelik` → `celik`): folding sounds out `ş` as `sh`, so only this meets the
 * plain-ASCII spelling of a Turkish name.
 */
export function keyboardSpelling(word: string): string {
  return word.toLowerCase().replace(/ı/g, 'i').normalize('NFKD').replace(/\p{M}+/gu, '').replace(MARKS, '').replace(ARTICLE, '');
}

export interface NameText {
  text: string;
  rangeOf(start: number, end: number): FindingRange;
}

/**
 * Wade-Giles writes a given name's second syllable after a hyphen in lower
 * case (`Tse-tung`, `En-lai`), which the word finder stops before; the
 * syllable is put back when the whole reads as Chinese syllables, so
 * `Tehran-based` stays `Tehran`.
 */
function withSyllables(text: string, tokens: NameToken[]): NameToken[] {
  return tokens.map((t) => {
    const tail = /^[-‐]\p{Ll}+(?![\p{L}\p{M}-])/u.exec(text.slice(t.end))?.[0];
    if (!tail || !(chineseKey(t.text + tail) || koreanGivenName(t.text + tail))) return t;
    return { text: t.text + tail, start: t.start, end: t.end + tail.length };
  });
}

/**
 * One syllable of romanised Korean (Revised or McCune-Reischauer, without
 * breves): an initial, a vowel with its glide, a final. `hoon`, `seo`, `woo`.
 */
const KOREAN_SYLLABLE = /^(?:kk|tt|pp|ss|jj|ch|[gkndtrlmbpsjh])?(?:[wy])?(?:ae|eo|eu|oe|ui|oo|ee|ou|[aeiou])(?:ng|[kgnlrmpbt])?$/;

/**
 * Korean writes a given name as two syllables after a hyphen in lower case
 * (`Ji-hoon`, `Min-seo`, `Sang-woo`), which the word finder stops before:
 * `Ji` alone would never meet `Jihoon`. Both halves must read as syllables,
 * so `Tehran-based` or `Seoul-bound` stay one word.
 */
export function koreanGivenName(word: string): boolean {
  const parts = word.toLowerCase().split(/[-‐]/);
  return parts.length === 2 && parts.every((p) => KOREAN_SYLLABLE.test(p));
}

/** The name units of some texts, in order, with every word's spelling and key. */
export function nameUnits(texts: readonly NameText[]): NameUnit[] {
  const units: NameUnit[] = [];
  for (const { text, rangeOf } of texts) {
    const tokens = withSyllables(text, nameTokens(text));
    let run: typeof tokens = [];
    const flush = () => {
      if (run.length) addUnit(units, run, rangeOf, text.slice(Math.max(0, run[0].start - 40), run[0].start), text.slice(run[run.length - 1].end, run[run.length - 1].end + 60));
      run = [];
    };
    for (const t of tokens) {
      const prev = run[run.length - 1];
      if (prev && !JOIN.test(text.slice(prev.end, t.start))) flush();
      run.push(t);
    }
    flush();
  }
  return units;
}

/**
 * A lower-case noun right before a name that says a firm is named
 * (`electronics maker Samsung`, `the carrier Jazeera`): it counts as the
 * unit's generic word, so the name is an organisation's, never merged with a
 * person or place whose name shares its key (`Samseong` station, tune-2).
 */
const ORGANISATION_BEFORE =
  /\b(?:maker|makers|carrier|firm|company|conglomerate|manufacturer|retailer|broadcaster|brand|chain|airline|automaker|carmaker|shipbuilder|developer|lender|insurer|telecoms operator)\s+$/u;

/**
 * What follows a name can say what it names, as a descriptor before it does:
 * `Lijiang, a tourist city in the north-west` is a place, `Ramadan, which
 * begins in February` a thing, so neither is merged with a person whose name
 * shares its key (`Li Jiang, 41`; `Ramazan Öztürk`, tune-3).
 */
const THING_AFTER = new RegExp(
  String.raw`^,\s+(?:which\b|(?:a|an|the)\s+(?:[\p{Ll}-]+\s+){0,2}(?:city|town|village|province|region|district|county|port|river|lake|island|mountain|valley|festival|holiday|month|brand|company|firm)\b)`,
  'u',
);

function addUnit(units: NameUnit[], run: Array<{ text: string; start: number; end: number }>, rangeOf: NameText['rangeOf'], before = '', after = ''): void {
  let order = units.reduce((n, u) => n + u.words.length, 0);
  const word = (t: (typeof run)[number], role: WordOccurrence['role'], unit: number): WordOccurrence => ({
    text: t.text, bare: bareSpelling(t.text), key: transliterationKey(t.text), range: rangeOf(t.start, t.end), role, unit, order: order++,
  });
  let i = 0;
  // Leading titles, but never the whole unit: `General` alone may be a name's only word in a headline.
  while (i < run.length - 1 && TITLES.has(run[i].text.toLowerCase())) {
    units.push({ words: [word(run[i], 'title', units.length)], generics: [] });
    i++;
  }
  const index = units.length;
  const unit: NameUnit = { words: [], generics: [] };
  for (const t of run.slice(i)) {
    if (GENERICS.has(t.text.toLowerCase())) unit.generics.push(t.text.toLowerCase());
    else unit.words.push(word(t, 'core', index));
  }
  if (i === 0 && ORGANISATION_BEFORE.test(before)) unit.generics.push('company');
  else if (THING_AFTER.test(after)) unit.generics.push('described');
  units.push(unit);
}
