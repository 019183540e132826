import { SPEECH_VERB } from './attribution.ts';
import type { StoryInput } from './editorial-checks.types.ts';
import { scanQuotes, wordCountOf } from './quotes.ts';

/**
 * Quotes in the headline and the dek. Headlines quote in single marks
 * (`‘We lost the whole harvest’: hail strips …`), deks in either. A field has
 * no room for an attribution, so the convention is that the body carries it:
 * a field quote is fine when the field names its speaker (`…, says mayor`,
 * `Mayor: “…”`) or when its words stand inside a quote in the body, where
 * that quote's own speaker is checked. tune-2 has a headline and two deks
 * quoting no one in the story.
 */
export interface FieldQuote {
  field: 'headline' | 'dek';
  start: number;
  end: number;
  inner: string;
}

/** `‘…’` (or `'…'`): an opening mark at a word's start, a closing one not followed by a letter (so `Hafez’s` is an apostrophe). */
const SINGLE = /(?<![\p{L}\p{N}])[‘'](\p{L}[^‘’']*?[^\s‘'])[’'](?![\p{L}\p{N}])/gu;

function quotesIn(field: 'headline' | 'dek', text: string): FieldQuote[] {
  const out: FieldQuote[] = scanQuotes(text).spans.filter((s) => s.closed).map((s) => ({ field, start: s.start, end: s.end, inner: s.inner }));
  for (const m of text.matchAll(SINGLE)) out.push({ field, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, inner: m[1] });
  return out;
}

const norm = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The field's own words name a speaker: a verb of saying outside the quote, or `Name: ‘…’`. */
function fieldSpeaker(text: string, q: FieldQuote): boolean {
  const outside = text.slice(0, q.start) + ' ' + text.slice(q.end);
  return new RegExp(SPEECH_VERB.source, 'iu').test(outside) || /\p{L}\s*:\s*$/u.test(text.slice(0, q.start));
}

/**
 * The headline and dek quotes of three or more words that name no speaker
 * and whose words no body quote repeats. `isShown` drops titles and signs,
 * as for body quotes; `bodyQuotes` are the inner texts of the body's quotes
 * that have a speaker.
 */
export function unattributedFieldQuotes(story: Pick<StoryInput, 'headline' | 'dek'>, bodyQuotes: readonly string[], isShown: (inner: string) => boolean): FieldQuote[] {
  const said = bodyQuotes.map(norm);
  return (['headline', 'dek'] as const)
    .flatMap((field) => quotesIn(field, story[field] ?? '').map((q) => ({ q, text: story[field] ?? '' })))
    .filter(({ q, text }) => wordCountOf(q.inner) >= 3 && !isShown(q.inner) && !fieldSpeaker(text, q) && !said.some((s) => s.includes(norm(q.inner))))
    .map(({ q }) => q);
}
