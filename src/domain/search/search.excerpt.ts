import type { MatchUnit } from './search.query.ts';
import { MARK_END, MARK_START } from './search.snippet.ts';
import { wordSpans, type WordSpan } from './search.words.ts';

/**
 * The marked headline and body excerpt of a SQLite hit, made in JS from the
 * stored text: MARK_START/MARK_END around each word or phrase of the query,
 * the format FTS5's highlight() and snippet() gave (search.snippet.ts turns
 * it into safe HTML). Made here because for a page of hits FTS5 re-runs the
 * whole MATCH once per row to place its marks, which on a phrase of common
 * words cost several milliseconds a page; these functions cost microseconds.
 */

export const EXCERPT_WORDS = 32;

/** [first word, word after the last) of every occurrence of every unit, and which unit it is. */
function occurrences(spans: WordSpan[], units: readonly MatchUnit[]): Array<{ from: number; to: number; unit: number }> {
  const out: Array<{ from: number; to: number; unit: number }> = [];
  for (let i = 0; i < spans.length; i++) {
    units.forEach((u, unit) => {
      if (i + u.parts.length > spans.length) return;
      for (let j = 0; j < u.parts.length; j++) if (spans[i + j].folded !== u.parts[j]) return;
      out.push({ from: i, to: i + u.parts.length, unit });
    });
  }
  return out;
}

/** `text` from word `from` to before word `to`, with marks around the occurrences inside. */
function marked(text: string, spans: WordSpan[], from: number, to: number, occ: ReturnType<typeof occurrences>): string {
  if (from >= to) return '';
  let out = '';
  let at = spans[from].start;
  const end = to >= spans.length ? text.length : spans[to - 1].end;
  for (const o of occ) {
    if (o.from < from || o.to > to || spans[o.from].start < at) continue;
    out += `${text.slice(at, spans[o.from].start)}${MARK_START}${text.slice(spans[o.from].start, spans[o.to - 1].end)}${MARK_END}`;
    at = spans[o.to - 1].end;
  }
  return out + text.slice(at, end);
}

/** The whole text with the query's words marked (the headline). */
export function markWords(text: string, units: readonly MatchUnit[]): string {
  const spans = wordSpans(text);
  if (!spans.length) return text;
  return `${text.slice(0, spans[0].start)}${marked(text, spans, 0, spans.length, occurrences(spans, units))}`;
}

/**
 * About EXCERPT_WORDS words of the body around the query's words: the
 * window holding the most different units, then the most occurrences, the
 * earliest on a tie, starting a few words before its first match. Without
 * a match in the body (the story matched in its headline, say) it is the
 * body's beginning. An ellipsis marks text left out at either end.
 */
export function excerpt(text: string, units: readonly MatchUnit[], words = EXCERPT_WORDS): string {
  const spans = wordSpans(text);
  if (!spans.length) return '';
  const occ = occurrences(spans, units);
  let best = { from: 0, units: 0, count: 0 };
  for (const o of occ) {
    const from = Math.max(0, Math.min(o.from - 4, spans.length - words));
    const inside = occ.filter((x) => x.from >= from && x.to <= from + words);
    const distinct = new Set(inside.map((x) => x.unit)).size;
    if (distinct > best.units || (distinct === best.units && inside.length > best.count)) best = { from, units: distinct, count: inside.length };
  }
  const to = Math.min(spans.length, best.from + words);
  return `${best.from > 0 ? '…' : ''}${marked(text, spans, best.from, to, occ).trimEnd()}${to < spans.length ? '…' : ''}`;
}
