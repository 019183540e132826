import { foldScript } from './script-fold.ts';

/**
 * A coarse key for Chinese names written in pinyin or in Wade-Giles (and the
 * postal spellings built on it): `Zedong` / `Tse-tung`, `Zhou` / `Chou`,
 * `Xu` / `Hsu`, `Qinghua` / `Tsinghua` share it. The two systems write the
 * same initials with different letters, and copy drops Wade-Giles's
 * apostrophes, so the aspirated and plain pairs cannot be told apart: the
 * key merges them (d/t, b/p, g/k, z/c/zh/ch/j/q/ts, s/sh/x/hs) and writes
 * the finals the way pinyin does (-ung → -ong, -ieh → -ie, -ih → -i).
 *
 * The transliteration key (`transliteration.ts`) cannot do this: it keeps
 * d from t and z from ts on purpose, for Arabic and Persian. So this key is
 * only ever a second opinion, and only for a word that reads, whole, as a
 * run of Chinese syllables; `chineseKey` returns '' for any other word.
 */

/** Longest first, so `zh` wins over `z` and `ts` over `t`. */
const INITIALS: Array<[string, string]> = [
  ['tsz', 'C'], ['zh', 'C'], ['ch', 'C'], ['ts', 'C'], ['tz', 'C'], ['hs', 'S'], ['sh', 'S'], ['ss', 'S'], ['sz', 'S'],
  ['b', 'P'], ['p', 'P'], ['d', 'T'], ['t', 'T'], ['g', 'K'], ['k', 'K'], ['z', 'C'], ['c', 'C'], ['j', 'C'], ['q', 'C'],
  ['s', 'S'], ['x', 'S'], ['m', 'm'], ['f', 'f'], ['n', 'n'], ['l', 'l'], ['h', 'h'], ['r', 'r'], ['w', 'w'], ['y', 'y'],
];

/** Finals of both systems, each with the pinyin-style spelling the key uses. */
const FINALS: Record<string, string> = {
  a: 'a', ai: 'ai', an: 'an', ang: 'ang', ao: 'ao', e: 'e', ei: 'ei', en: 'en', eng: 'eng', er: 'er', o: 'e', ou: 'ou',
  ong: 'ong', ung: 'ong', u: 'u', ua: 'ua', uai: 'uai', uan: 'uan', uang: 'uang', ui: 'ui', uei: 'ui', un: 'un',
  uo: 'uo', i: 'i', ih: 'i', ia: 'ia', ian: 'ian', ien: 'ian', iang: 'iang', iao: 'iao', ie: 'ie', ieh: 'ie', in: 'in',
  ing: 'ing', iong: 'iong', iung: 'iong', iu: 'iu', yu: 'u', ue: 'ue', ueh: 'ue', uen: 'un', ü: 'u',
};
const FINAL_LIST = Object.keys(FINALS).sort((a, b) => b.length - a.length);

/** Syllable keys for `w` from position `at` on, or null when the rest is not a run of syllables. */
function syllables(w: string, at: number): string[] | null {
  if (at === w.length) return [];
  for (const [spelled, cls] of INITIALS) {
    if (!w.startsWith(spelled, at)) continue;
    for (const f of FINAL_LIST) {
      if (!w.startsWith(f, at + spelled.length)) continue;
      const rest = syllables(w, at + spelled.length + f.length);
      if (rest) return [`${cls}${FINALS[f]}`, ...rest];
    }
  }
  // A syllable with no initial (`En-lai`, `Ai`) only opens a word; Wade-Giles `Ing` is pinyin `Ying`.
  if (at === 0) {
    for (const f of FINAL_LIST) {
      if (!w.startsWith(f, at) || f[0] === 'u') continue;
      const rest = syllables(w, f.length);
      if (rest) return [f[0] === 'i' ? `y${FINALS[f]}` : FINALS[f], ...rest];
    }
  }
  return null;
}

/** At most three syllables: Chinese given names have two, and longer runs are mostly other languages. */
const MAX_SYLLABLES = 3;
/** Three of the longest syllables (`zhuang`); longer words are not parsed, which also bounds the search. */
const MAX_LETTERS = 18;

/** The key of one word (`Tse-tung` → `Ce-Tong`), or '' when it does not read as Chinese syllables. */
export function chineseKey(word: string): string {
  const parts = foldScript(word.slice(0, 64)).split(/[\s-]+/).filter(Boolean);
  if (parts.join('').length > MAX_LETTERS) return '';
  const keys: string[] = [];
  for (const p of parts) {
    const s = syllables(p, 0);
    if (!s) return '';
    keys.push(...s);
  }
  return keys.length > 0 && keys.length <= MAX_SYLLABLES ? keys.join('-') : '';
}

/**
 * Letters only Wade-Giles (and the postal spellings) write: a hyphen between
 * syllables, hs/ts/tz, -ieh/-ueh/-uei, and -ung/-ih/-ien at a syllable's end
 * (pinyin writes -ong, -i, -ian). Two pinyin spellings that differ in d/t or
 * b/p (`Li Bing`, `Li Ping`) are two people; a pinyin and a Wade-Giles one
 * (`Tse-tung`, `Zedong`) are one.
 */
export function wadeGiles(word: string): boolean {
  const w = foldScript(word);
  return chineseKey(word) !== '' && (/\p{L}-\p{L}/u.test(w) || /hs|ts|tz|ieh|ueh|uei/.test(w) || /(?:ung|ih|ien)(?=-|$)/.test(w));
}
