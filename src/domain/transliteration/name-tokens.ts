/**
 * Finds the capitalised, name-like words in prose: what the
 * name-spelled-two-ways check and search highlighting group by key.
 *
 * It is deliberately a word finder, not a named-entity recogniser: every
 * capitalised word that is not a common English function word, month or
 * weekday counts. False candidates are cheap because the check only reports
 * a key that has two *different* spellings in one story.
 */
export interface NameToken {
  text: string;
  start: number;
  end: number;
}

/** `al-Quds`, `Qa'ani`, `Jean-Luc`, `Erdoğan`; a lower-case article prefix is part of the token. */
const TOKEN =
  /(?<![\p{L}\p{N}'’-])(?:(?:al|el|ad|as|an|ar|at|az|ash|ud|ul)[-‐])?\p{Lu}[\p{L}\p{M}]*(?:['’ʼʿ][\p{L}\p{M}]+)*(?:[-‐]\p{Lu}[\p{L}\p{M}]*)*/gu;

/** Capitalised words that begin sentences or headings but are never names. */
const COMMON = new Set(
  (
    'a an the and but or nor so yet for if then than as at by in on of to from with into onto over under after before ' +
    'during since until while when where what which who whom whose why how he she it its they them their we our us you ' +
    'your i me my his her hers this that these those there here both all any each every some many most more much few ' +
    'no not none one two three four five six seven eight nine ten also even just only still now then later today ' +
    'tonight tomorrow yesterday once again about above across against along among around because besides between ' +
    'beyond despite except inside instead near outside per through throughout toward towards upon via within without ' +
    'mr mrs ms dr prof sir st monday tuesday wednesday thursday friday saturday sunday january february march april ' +
    'may june july august september october november december is are was were be been will would can could should ' +
    'shall might must do does did has have had yes ok meanwhile however although though whether such other another ' +
    'said says asked told added according'
  ).split(' '),
);

/** Acronyms (UN, NASA, BBC) are not names with spelling variants. */
const ACRONYM = /^\p{Lu}{1,5}$/u;

export function nameTokens(text: string): NameToken[] {
  const out: NameToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    let word = m[0];
    // A possessive is not part of the name: Qaani's → Qaani.
    word = word.replace(/['’ʼ]s?$/u, '');
    if (word.length < 2 || ACRONYM.test(word) || COMMON.has(word.toLowerCase())) continue;
    const start = m.index ?? 0;
    out.push({ text: word, start, end: start + word.length });
  }
  return out;
}
