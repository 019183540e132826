import { hasAttribution } from './attribution.ts';
import { GENERICS } from './name-units.ts';
import { outsideQuotes, scanQuotes, type QuoteSpan } from './quotes.ts';

/**
 * Speakers a quote may lean on beyond a verb of saying next to it: the ways
 * news copy names who is talking that issue 13 listed. Each was measured on
 * the tuning set before it was kept (docs/editorial-checks.md).
 */

/** `in a statement`, `in an interview`, `in a post on X`: the source is the sentence's subject. */
const STATEMENT =
  /\bin (?:a|an|its|his|her|their|the|a joint|a written|a short) (?:\p{L}+ )?(?:statement|interview|post|letter|email|message|speech|briefing|video|communiqu[ée]|press release|news release|note)\b/iu;

/**
 * `That was the promise from the mayor`, `the verdict of one farmer`: a noun
 * of saying with its source, where no verb of saying stands.
 */
const FROM_SOURCE =
  /\b(?:the|that|this|his|her|their|its) (?:promise|message|words|verdict|reply|answer|warning|plea|response|advice|view|assessment|prediction|description|comment) (?:of|from) (?:the |a |an |one )?\p{L}/iu;

export function statementForm(text: string): boolean {
  return STATEMENT.test(text) || FROM_SOURCE.test(text);
}

/**
 * A sentence whose subject is a named person (`Fatemeh Sadeghi has picked
 * flowers there for forty years.`, `The curator, Nour Khoury, was blunt.`)
 * or a pronoun standing for one: the quote right after it is theirs.
 * A name of two capitalised words, so `Commuters at the station` and
 * `The project` are not speakers; generic words (`Metro Line`) are not names.
 */
const NAME_WORD = String.raw`\p{Lu}[\p{L}\p{M}'’-]+`;
const SUBJECT = new RegExp(
  String.raw`^(?:(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s[^,.;:!?“”"]{0,80},\s+)?(?:(${NAME_WORD}(?:\s+(?:bin|ibn|al|el|de|van|von|abu))?\s+${NAME_WORD})|(?:He|She)\b)`,
  'u',
);

/** Capitalised words that open a sentence without being a name: `In Bihar, where…` has no named subject (t3-13). */
const OPENERS = new Set('in on at for after before when while during since from with by of to as but and if this that these those there'.split(' '));

export function namedSubject(sentence: string): boolean {
  const m = SUBJECT.exec(sentence.trim());
  if (!m) return false;
  if (!m[1]) return true;
  const ws = m[1].split(/\s+/).map((w) => w.toLowerCase());
  return !ws.some((w) => GENERICS.has(w)) && !OPENERS.has(ws[0]);
}

/** The sentences of `text`, quoted ones included. */
export function sentencesOf(text: string): string[] {
  return text.trim().split(/(?<=[.!?…][”"’]?)\s+(?=[“"\p{Lu}])/u);
}

/** The first sentence of `text`: where a paragraph after a quote names its speaker, if it does. */
export function firstSentence(text: string): string {
  return sentencesOf(text)[0] ?? '';
}

/** The last sentence of `text` (quoted passages included), where a quote that follows would find its speaker. */
export function lastSentence(text: string): string {
  const parts = sentencesOf(text);
  return parts[parts.length - 1] ?? '';
}

/**
 * A named person is the subject of one of the paragraph's own sentences
 * (`“My father painted film stars…” Syed Ahmed Hossain, 62, has painted
 * rickshaw panels since 1979.`): the paragraph is about them, so its quote is
 * theirs (issue 13's list: the subject of the paragraph counts).
 */
export function paragraphSubject(text: string): boolean {
  return sentencesOf(text).some((s) => !/^[“"„«]/u.test(s) && namedSubject(s));
}

/**
 * The paragraph before names a speaker the quote can continue: an
 * attribution outside its quotes, and no full quote of its own. A closed
 * full quote with its speaker, then a new quote paragraph, reads in news
 * style as a new speaker, so that one does not carry over; nor does an
 * institution's statement (`The municipality said the line cost…`): the
 * quote that follows is someone's voice, and it does not say whose.
 */
export function carriesSpeaker(prev: string): boolean {
  const spans = scanQuotes(prev).spans;
  const fullQuote = spans.some((s: QuoteSpan) => s.closed && /^\s*\p{Lu}/u.test(s.inner));
  if (fullQuote) return false;
  const narrated = outsideQuotes(prev, spans.filter((s) => s.closed));
  // The paragraph's subject (its first sentence's) is who a quote paragraph after it reads as (tune-2, t2-15).
  return hasAttribution(narrated, { person: true }) || statementForm(narrated) || namedSubject(lastSentence(narrated)) ||
    namedSubject(firstSentence(narrated));
}
