import { nameTokens } from '../transliteration/index.ts';
import { memoKey } from './search.document.ts';

/**
 * Marked text from the engines → safe HTML. The repos ask FTS5 `snippet()` /
 * `ts_headline` for \u0001 and \u0002 around matches (indexed text has its
 * control characters removed, so a story cannot forge them); here the text is
 * escaped first and only then are the sentinels turned into <mark>. Names
 * found through their transliteration key (the story says Ghaani, the reader
 * typed Qaani) are marked here too, since the engines only know the words typed.
 */
export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

type Range = [number, number];

function splitSentinels(marked: string): { text: string; ranges: Range[] } {
  if (!marked.includes(MARK_START)) return { text: marked.replaceAll(MARK_END, ''), ranges: [] };
  let text = '';
  const ranges: Range[] = [];
  let open = -1;
  // Pieces between sentinels, not characters: a page has forty of these strings.
  for (const piece of marked.split(/(\u0001|\u0002)/)) {
    if (piece === MARK_START) {
      if (open < 0) open = text.length;
    } else if (piece === MARK_END) {
      if (open >= 0 && text.length > open) ranges.push([open, text.length]);
      open = -1;
    } else text += piece;
  }
  if (open >= 0 && text.length > open) ranges.push([open, text.length]);
  return { text, ranges };
}

function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

export interface RenderedSnippet {
  html: string;
  text: string;
}

export function renderMarked(marked: string, keys: ReadonlySet<string>): RenderedSnippet {
  const { text, ranges } = splitSentinels(marked);
  if (keys.size) {
    for (const t of nameTokens(text)) if (keys.has(memoKey(t.text))) ranges.push([t.start, t.end]);
  }
  let html = '';
  let at = 0;
  for (const [s, e] of mergeRanges(ranges)) {
    html += `${escapeHtml(text.slice(at, s))}<mark>${escapeHtml(text.slice(s, e))}</mark>`;
    at = e;
  }
  return { html: html + escapeHtml(text.slice(at)), text };
}
