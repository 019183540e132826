import { foldScript } from './script-fold.ts';

/**
 * Transliteration key: one string shared by the spellings of a name that wire
 * services, newsrooms and governments produce from Arabic, Persian and
 * Russian (Qaani / Ghaani / Qa'ani → `kani`). Search and the editorial
 * checks index by this key, so *equality of keys* is the contract.
 *
 * Shape of a word's key: consonant classes in order, plus at most two vowel
 * slots: the first vowel (where it stands) and a final vowel if the word ends
 * in one. Middle vowels are dropped because they are exactly what
 * transliterations disagree on (Hizb-o-llah / Hizb-a-llah / Hizb-u-llah,
 * Moham-e-d / Muham-a-d); the first vowel is kept because it separates
 * Gaza/Giza and Hassan/Hussein, and the final one separates Malik/Maliki.
 * The price, measured in docs/transliteration.md: names that differ only
 * in a middle vowel (Hamid/Hamad, Rashid/Rashad) share a key.
 */

const MAX_INPUT = 256;

/**
 * Consonant classes. Each digraph/letter maps to one class letter; the
 * classes merge letters that transliterations of one Arabic/Persian/Russian
 * sound swap for each other:
 *  k: q k g gh ck c(hard)   (ق is q in Arabic, gh in Persian, g in Egyptian/Libyan)
 *  h: h kh                  (ح/خ/х: Mikhail/Mihail, Russian Khasan for Hassan)
 *  d: d dh z                (ذ/ظ/ض: Gadhafi/Gaddafi, Kadhim/Kazim)
 *  t: t th · x: sh sch shch · c: ch tch tsch cz · j: j dj dzh zh
 *  f: f ph · v: v w · s: s c(soft) — s stays apart from z so Hamas ≠ Hamad.
 */
const DIGRAPHS: Array<[RegExp, string]> = [
  [/^tsch/, 'c'], [/^shch/, 'x'], [/^sch/, 'x'], [/^dzh/, 'j'], [/^tch/, 'c'],
  [/^sh/, 'x'], [/^ch/, 'c'], [/^cz/, 'c'], [/^kh/, 'h'], [/^gh/, 'k'], [/^ck/, 'k'],
  [/^dj/, 'j'], [/^zh/, 'j'], [/^dh/, 'd'], [/^th/, 't'], [/^ph/, 'f'], [/^c(?=[eiy])/, 's'], [/^x/, 'ks'],
];
const LETTER: Record<string, string> = {
  q: 'k', k: 'k', g: 'k', c: 'k', h: 'h', d: 'd', z: 'd', t: 't', s: 's', j: 'j', f: 'f', v: 'v', w: 'v',
};
const VOWELS = 'aeiouy';
const isVowel = (ch: string | undefined): boolean => ch !== undefined && 'aeiou'.includes(ch);

type Unit = { c: string } | { v: string };

/** Spelling conventions undone before the letters are classed. */
function respell(w: string): string {
  return w
    .replace(/(?<=[oe])ff$/, 'v') // Russian -off/-eff: Rachmaninoff, Smirnoff
    .replace(/(?<=[ei])j$/, 'y') // Slavic j = y: Alexej, Sergej
    .replace(/^ou(?=[aei])/, 'w') // French ou before a vowel is w: Oualid, Ouattara
    .replace(/(.)\1+/g, '$1') // gemination: Qassem/Qasem, Mohammed/Mohamed
    .replace(/eh(?=[aeiou])/g, 'e') // Persian silent he before a vowel: Khamenehi
    .replace(/eh$/, 'a') // Persian final -eh is Arabic -a: Fatemeh/Fatima, Haniyeh/Haniya
    .replace(/(?<=[aeiou])h$/, '') // final h after a vowel: Abdullah/Abdulla
    .replace(/(?<=[^aeiouy])e$/, '') // silent final e (English, French): Anne ≠ Anna, Prigojine
    .replace(/^ye(?=[^aeiou])/, 'e') // Russian initial Е: Yeltsin/Eltsin, Yevgeny/Evgeny
    .replace(/(?<=[ie])y(?=[aeiou])/g, '') // glide after i: Ziyad/Ziad, Haniyeh/Haniyah
    .replace(/(?<=[oe])y(?=e)/g, '') // Russian е after a vowel: Dostoyevsky/Dostoevsky, Mendeleyev
    .replace(/(?<=[aiu])y(?=ev)/g, '') // and in -ayev/-iyev/-uyev (Basayev/Basaev); not before other letters: Sayed ≠ Saeed
    .replace(/(?<=[ou])w(?=[aeiou])/g, ''); // glide after u: Tuwaitha-style spellings
}

function units(w: string): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  while (i < w.length) {
    const rest = w.slice(i);
    const ch = w[i];
    const di = DIGRAPHS.find(([re]) => re.test(rest));
    if (di) {
      for (const c of di[1]) out.push({ c });
      i += (rest.match(di[0]) as RegExpMatchArray)[0].length || 1;
      continue;
    }
    if (ch === 'y') {
      // y is a consonant before a vowel at the start or after a vowel (Yusuf, Sayyid); else a vowel (Sergey, Dmitry).
      const consonant = isVowel(w[i + 1]) && (i === 0 || isVowel(w[i - 1]));
      out.push(consonant ? { c: 'y' } : { v: 'y' });
    } else if (VOWELS.includes(ch)) out.push({ v: ch });
    else out.push({ c: LETTER[ch] ?? ch });
    i += 1;
  }
  return out;
}

/** First vowel: a | e (a/e + i/y diphthong: Faisal/Feisal/Faysal) | i (e, i, y) | u (o, u, ou). */
function firstVowelClass(run: string): string {
  if (run[0] === 'a') return /^a+[eiy]/.test(run) ? 'e' : 'a';
  if (run[0] === 'e') return /^e[iy]/.test(run) ? 'e' : 'i';
  if (run[0] === 'o' || run[0] === 'u') return 'u';
  return 'i';
}

/** Final vowel: the sound the word ends on (a lone silent -e was removed by `respell`). */
function finalVowelClass(run: string): string {
  if (/[ie]e$/.test(run)) return 'i'; // Zareef-style ee, French/English -ie (Julie ≠ Julia)
  const last = run[run.length - 1];
  if (last === 'a' || last === 'e') return 'a';
  if (last === 'o' || last === 'u') return 'u';
  return 'i';
}

/** Key of one folded word (ASCII lower-case, no separators). */
export function wordKey(word: string): string {
  const us = units(respell(word));
  const out: string[] = [];
  let vowelRuns = 0;
  let prev = '';
  for (let i = 0; i < us.length; ) {
    const u = us[i];
    if ('c' in u) {
      // Adjacent equal classes are one sound written twice (dh+d, ck+k); gemination was collapsed earlier.
      if (u.c !== prev) out.push(u.c);
      prev = u.c;
      i += 1;
      continue;
    }
    let run = '';
    while (i < us.length && 'v' in us[i]) run += (us[i++] as { v: string }).v;
    vowelRuns += 1;
    prev = '';
    if (vowelRuns === 1) out.push(firstVowelClass(run));
    else if (i === us.length) out.push(finalVowelClass(run));
  }
  return out.join('');
}

/**
 * Arabic definite article and its sun-letter forms (ad-, as-, ash-, ar-…).
 * Only a hyphen-attached form is unambiguous; standing alone, only al/el/ul
 * are dropped, and only before another word (`Al Quds`), so `As` or `An`
 * in prose is never lost.
 */
const ATTACHED_ARTICLE = /^(?:al|el|il|ul|ad|ed|ar|er|as|es|ash|esh|at|et|az|ez|an|en|ath|adh|ud|us|ur|un)$/;
const FREE_ARTICLE = /^(?:al|el|ul)$/;

function wordsOf(folded: string): string[] {
  const out: string[] = [];
  const spaced = folded.split(' ').filter(Boolean);
  spaced.forEach((w, wi) => {
    const parts = w.split('-').filter(Boolean);
    parts.forEach((p, pi) => {
      const more = pi < parts.length - 1 || wi < spaced.length - 1;
      if (pi < parts.length - 1 && ATTACHED_ARTICLE.test(p)) return;
      if (parts.length === 1 && more && FREE_ARTICLE.test(p)) return;
      out.push(p);
    });
  });
  return out;
}

/**
 * The key of a name: one key per word, joined by single spaces. Articles
 * (al-, el-, as-…) are dropped; ibn/bin/abu are kept because they are part of
 * how the person is named (Abu Bakr ≠ Bakr). Never throws; the input is
 * capped so a pasted essay cannot make a huge key.
 */
export function transliterationKey(name: string): string {
  const folded = foldScript(String(name ?? '').slice(0, MAX_INPUT));
  return wordsOf(folded).map(wordKey).filter(Boolean).join(' ');
}

/** True when two spellings share a key: the same comparison search and the checks make. */
export function sameName(a: string, b: string): boolean {
  const ka = transliterationKey(a);
  return ka !== '' && ka === transliterationKey(b);
}

/**
 * The key of a name written as one word however it is split: `Zayandeh Rud`,
 * `Zayanderud`; `Abdul Rahman`, `Abd al-Rahman`, `Abdulrahman`; `Xiao-ping`,
 * `Xiaoping`. A leading article goes as in `transliterationKey`; an inner one
 * stays, because `Abd al-Rahman` is how `Abdulrahman` is split. A Persian -eh
 * ending a part before another is the e the joined spelling writes.
 */
export function joinedKey(name: string): string {
  const parts = foldScript(String(name ?? '').slice(0, MAX_INPUT)).split(/[\s-]+/).filter(Boolean);
  if (parts.length > 1 && ATTACHED_ARTICLE.test(parts[0])) parts.shift();
  return wordKey(parts.map((p, i) => (i < parts.length - 1 ? p.replace(/eh$/, 'e') : p)).join(''));
}
