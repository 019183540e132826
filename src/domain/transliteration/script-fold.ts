/**
 * Folds any spelling of a name to lower-case ASCII letters (plus whatever
 * non-Latin letters we cannot romanise), so the phonetic rules in
 * `transliteration.ts` see one alphabet.
 *
 * Letters whose diacritic carries a *sound* are spelled out before NFKD,
 * because NFKD would strip š to s and lose the sh/s distinction that keeps
 * names apart. Everything else (ā, ḥ, ṣ, é, ü…) only marks length or
 * emphasis in scholarly romanisation and is folded away.
 */

const SOUND_LETTERS: Record<string, string> = {
  š: 'sh', ş: 'sh', ș: 'sh', ž: 'zh', č: 'ch', ć: 'ch', ç: 'ch', ğ: 'gh', ġ: 'gh', ḫ: 'kh', ẖ: 'kh',
  ṯ: 'th', ḏ: 'dh', ẓ: 'z', ı: 'i', ø: 'o', ß: 'ss', đ: 'd', ð: 'dh', ł: 'l', æ: 'ae', œ: 'oe', þ: 'th', ħ: 'h',
};

/**
 * Russian/Ukrainian Cyrillic to the English-language wire convention, so
 * `Горбачёв` meets `Gorbachev`. Arabic and Persian script are left as they
 * are: without short vowels there is no honest romanisation to make here.
 */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g',
};

/** Apostrophe-like marks that stand for ayn, hamza or a Cyrillic soft sign: dropped. */
const MARKS = /['’‘`´ʼʻʿʾ′]/g;

/** Lower-case, fold diacritics and scripts; keeps letters, digits, hyphens and single spaces. */
export function foldScript(input: string): string {
  let s = input.toLowerCase().replace(MARKS, '');
  s = Array.from(s, (ch) => SOUND_LETTERS[ch] ?? CYRILLIC[ch] ?? ch).join('');
  s = s.normalize('NFKD').replace(/\p{M}+/gu, '');
  // Hyphens survive (an attached `al-` is an article; a free-standing `As` may be a word);
  // anything else that is not a letter or digit separates words.
  s = s.replace(/[\u2010-\u2015\u2212]/g, '-');
  return s.replace(/[^\p{L}\p{N}-]+/gu, ' ').replace(/\s*-[\s-]*/g, '-').trim();
}
