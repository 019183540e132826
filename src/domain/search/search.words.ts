import { foldText } from './search.query.ts';

/**
 * Words as the SQLite index sees them, in JS: runs of letters, digits and
 * marks, folded (diacritics off Latin, Greek and Cyrillic, lower case), like
 * FTS5's `unicode61 remove_diacritics 2`. Relevance and the marked excerpts
 * use this to find the query's words in a handful of stories' text; which
 * stories match at all is always decided by FTS5 itself.
 */

const NON_ASCII = /[^\x00-\x7f]/;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** Between two columns in one string (search.repo.sqlite.ts reads the short columns so): no phrase spans it. */
export const COLUMN_SEPARATOR = '\u001e';

/** Folded for matching: most text is ASCII, and only needs lower case. */
export function foldForMatch(text: string): string {
  return NON_ASCII.test(text) ? foldText(text) : text.toLowerCase();
}

function isWordChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  return WORD_CHAR.test(s.charAt(i));
}

/** Whether the folded parts of a word or phrase occur, as whole words and in order, in `folded` between `from` and `to`. */
export function hasWords(folded: string, parts: readonly string[], from = 0, to = folded.length): boolean {
  if (!parts.length) return false;
  for (let at = folded.indexOf(parts[0], from); at >= 0 && at < to; at = folded.indexOf(parts[0], at + 1)) {
    if (at > from && isWordChar(folded, at - 1)) continue;
    let end = at + parts[0].length;
    let ok = end <= to;
    for (let j = 1; ok && j < parts.length; j++) {
      if (end < to && isWordChar(folded, end)) ok = false;
      let next = end;
      while (next < to && !isWordChar(folded, next) && folded[next] !== COLUMN_SEPARATOR) next++;
      ok = ok && next > end && folded.startsWith(parts[j], next);
      end = next + parts[j].length;
      ok = ok && end <= to;
    }
    if (ok && (end >= to || !isWordChar(folded, end))) return true;
  }
  return false;
}

export interface WordSpan {
  start: number;
  end: number;
  folded: string;
}

/** The words of a text with their offsets in it, for marking. */
export function wordSpans(text: string): WordSpan[] {
  const ascii = !NON_ASCII.test(text);
  const out: WordSpan[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    out.push({ start, end: start + m[0].length, folded: ascii ? m[0].toLowerCase() : foldText(m[0]) });
  }
  return out;
}
