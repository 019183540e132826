/**
 * Double quotation marks in one block of text. Curly “ opens and ” closes;
 * a straight " opens when no quote is open and closes otherwise, so mixed
 * typing (“We will," she said) still pairs up. A " right after a digit is
 * an inch or seconds mark, not a quote. Single quotes are ignored: ’ is
 * far more often an apostrophe than a closing quote.
 */
export interface QuoteSpan {
  /** Offset of the opening mark. */
  start: number;
  /** Offset just past the closing mark, or the text's length if the quote is still open. */
  end: number;
  inner: string;
  closed: boolean;
}

export interface QuoteScan {
  spans: QuoteSpan[];
  /** Offsets of closing marks with no opening mark before them. */
  strayCloses: number[];
}

const OPEN = '“„«';
const CLOSE = '”»';

export function scanQuotes(text: string): QuoteScan {
  const spans: QuoteSpan[] = [];
  const strayCloses: number[] = [];
  let openAt = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const straight = ch === '"' && !/\d/.test(text[i - 1] ?? '');
    // With nothing open, a straight quote glued to the word before it (`there," she said`) is a closer.
    const closerShaped = straight && /[^\s([{—–-]/.test(text[i - 1] ?? ' ') && /[\s.,;:!?)\]—–]|^$/.test(text[i + 1] ?? '');
    const opens = OPEN.includes(ch) || (straight && openAt < 0 && !closerShaped);
    const closes = CLOSE.includes(ch) || (straight && (openAt >= 0 || closerShaped));
    if (opens && openAt < 0) openAt = i;
    else if (closes && openAt >= 0) {
      spans.push({ start: openAt, end: i + 1, inner: text.slice(openAt + 1, i), closed: true });
      openAt = -1;
    } else if (closes) strayCloses.push(i);
    // A second opener inside an open quote is a typing slip the unclosed check will catch.
  }
  if (openAt >= 0) spans.push({ start: openAt, end: text.length, inner: text.slice(openAt + 1), closed: false });
  return { spans, strayCloses };
}

/** True when the text starts with an opening double quote (a continued multi-paragraph quote). */
export function opensWithQuote(text: string): boolean {
  return /^\s*[“„«"]/.test(text);
}

/** The text with every quoted passage blanked to spaces (offsets preserved): what a narrator says. */
export function outsideQuotes(text: string, spans: readonly QuoteSpan[]): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

export function wordCountOf(text: string): number {
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
}
