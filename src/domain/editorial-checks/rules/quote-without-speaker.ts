import { hasAttribution, hasDanglingAttribution, saysIn, type AttributionOptions } from '../attribution.ts';
import type { CheckContext, RawFinding, Rule, StoryBlock } from '../editorial-checks.types.ts';
import { outsideQuotes, scanQuotes, wordCountOf, type QuoteSpan } from '../quotes.ts';
import { unattributedFieldQuotes } from '../field-quotes.ts';
import { orphanPronoun } from '../pronouns.ts';
import { personNoun } from '../speaker-kind.ts';
import { carriesSpeaker, firstSentence, lastSentence, namedSubject, paragraphSubject, sentencesOf, statementForm } from '../speakers.ts';
import { blockRange, proseBlocks } from '../story-blocks.ts';

/**
 * A direct quote (3+ words in double quotes) must have a speaker: an
 * attribution (a verb of saying, or `in a statement`) in its own paragraph
 * or, by a person, in the next one (attribution after a quote is common in
 * news style, but `The department said…` beside it does not say whose it is); a
 * named person as the subject of the sentence before it; or a previous
 * paragraph that introduces it (ends with a colon), opens a quote this one
 * continues, or names a speaker without quoting them in full (`speakers.ts`).
 * A neighbour paragraph speaks only when no narration of the quote's own
 * paragraph stands between them (`neighboursOf`); a named person as the
 * subject of one of the paragraph's own sentences speaks for it.
 * Unclosed quotes are judged leniently (see `attributed`), and a paragraph
 * with a dangling `according to.` is left to that rule: one fault, one finding.
 * Pull quotes carry their speaker in an attribute; headings are not quotes.
 * Titles of works in quotes ("The Long Night Home") are skipped.
 */
const MIN_WORDS = 3;

function isTitle(inner: string): boolean {
  // Years and numbers ("River Levels, 1990–2025") are neither capitalised nor lower case.
  const words = inner.match(/\p{L}[\p{L}\p{N}'’-]*/gu) ?? [];
  const long = words.filter((w) => w.length > 3);
  return long.length > 0 && long.every((w) => /^\p{Lu}/u.test(w)) && !/[.!?,]\s*$/.test(inner);
}

/** Quoted words shown, not spoken: `a banner reading “…”`, `leaflets titled “…”`. */
const DISPLAY = /\b(?:reading|saying|titled|entitled|headlined|captioned|labell?ed|marked|inscribed|printed|published as|billed as|the words|the slogan)\s*[:,]?\s*$/iu;

/**
 * `has been described as “…”`, `was called “…”`: a verb of saying in the
 * passive hangs the quote on no one, unless an agent or a medium follows
 * (`… by critics`, `… on social media`, `… in a review`).
 */
const PASSIVE =
  /\b(?:been|was|were|is|are|be|being)\s+(?:\p{L}+ly\s+)?(?:described|called|dubbed|hailed|branded|labell?ed|termed|touted|nicknamed|billed)(?:\s+as)?\s*$/iu;
const AGENT_AFTER = /^[\s,.]*(?:by\s+\p{L}|(?:on|in)\s+(?:\p{L}+\s+){0,3}(?:media|press|review|reviews|report|reports|newspapers?|posts?|forums?))/iu;

function passiveBefore(text: string, q: QuoteSpan): boolean {
  return PASSIVE.test(text.slice(Math.max(0, q.start - 60), q.start));
}

/**
 * The quote's own attribution, in the sentence around it: a verb of saying
 * in the six words before it (`Okafor said: “…”`, `called the film “…”`), or
 * in the five after it when the quote ends on , ? or ! (`“…,” one mother
 * said`, `“…?” she asked`), or `came the reply`.
 */
function locallyAttributed(text: string, q: QuoteSpan): boolean {
  if (passiveBefore(text, q)) return AGENT_AFTER.test(text.slice(q.end, q.end + 60));
  const before = (text.slice(Math.max(0, q.start - 80), q.start).match(/[\p{L}\p{N}'’:-]+/gu) ?? []).slice(-6).join(' ');
  if (saysIn(before)) return true;
  if (!q.closed) return false;
  const after = text.slice(q.end, q.end + 80);
  const tagged = /[,?!…]\s*$/u.test(q.inner) || /^\s*,/u.test(after);
  if (!tagged) return false;
  const next = (after.match(/[\p{L}\p{N}'’-]+/gu) ?? []).slice(0, 5).join(' ');
  return saysIn(next) || /^(?:came|was) the (?:reply|answer|response)\b/iu.test(next);
}

/**
 * An unclosed quote has no known end, so its words are searched as well:
 * `“Good day, said Ruth Okafor.` is reported once, by unbalanced-quotes.
 */
function attributed(text: string, opts: AttributionOptions = {}): boolean {
  const closed = scanQuotes(text).spans.filter((s) => s.closed);
  const narrated = outsideQuotes(text, closed);
  return hasAttribution(narrated, opts) || statementForm(narrated);
}

/**
 * Which neighbours may speak for a quote: a paragraph beside it speaks only
 * when no narration of the quote's own paragraph stands between them. The
 * paragraph before speaks for a quote that opens its paragraph; the one after,
 * for a paragraph of quotes only. `Admission will be free on Fridays. “This
 * collection belongs to the people…”` after a paragraph about the curator does
 * not say whose the words are (tune-3: t3-02, t3-05, t3-29, t3-37 and five more).
 */
interface Neighbours {
  prev: boolean;
  next: boolean;
}

const narration = (s: string): boolean => /[\p{L}\p{N}]/u.test(s);

function neighboursOf(text: string, q: QuoteSpan): Neighbours {
  const narrated = outsideQuotes(text, scanQuotes(text).spans);
  const lead = narrated.slice(0, q.start).trim();
  // One sentence ending in a colon is the quote's lead-in, not narration standing between
  // it and the paragraph before (`The street has burned before: “Every time, we rebuilt…”`, t2-17).
  const leadIn = /:$/.test(lead) && sentencesOf(lead).length === 1;
  const before = narration(lead) && !leadIn;
  return { prev: !before, next: !narration(lead) && !narration(narrated.slice(q.end)) };
}

/**
 * `unclosed`: the paragraph's quote has no closing mark, so unbalanced-quotes
 * already reports it and where it ends is unknown; any attribution in the
 * next paragraph is taken, as before, rather than a second finding.
 */
function speakerNearby(prose: StoryBlock[], i: number, unclosed = false, may: Neighbours = { prev: true, next: true }): boolean {
  const b = prose[i];
  const prev = prose[i - 1];
  const next = prose[i + 1];
  if (attributed(b.text) || paragraphSubject(b.text)) return true;
  // Beside a quote paragraph of its own, only a person's attribution says whose voice it is, and
  // only in the next paragraph's first sentence: one further on reports what someone else said (tune-2, t2-13).
  if (next && (may.next || unclosed) && attributed(unclosed ? next.text : firstSentence(next.text), { person: !unclosed })) return true;
  if (!prev || !(may.prev || unclosed)) return false;
  if (carriesSpeaker(prev.text)) return true;
  // A lead-in ending in a colon ("Officials issued advice:") names the source of the quote below it.
  const prevIntroduces = /:\s*$/.test(prev.text);
  const prevOpen = scanQuotes(prev.text).spans.some((s) => !s.closed);
  // A continued quote inherits the speaker of the paragraph where it opened (or that one's next).
  return prevIntroduces || (prevOpen && speakerNearby(prose, i - 1));
}

/** The sentence before the quote, in its paragraph, has a named person (or he/she) as its subject. */
function subjectBefore(text: string, q: QuoteSpan): boolean {
  const before = text.slice(0, q.start).trim();
  return before !== '' && namedSubject(lastSentence(before));
}

/**
 * Quoted words followed by what they are (`among them “The city that never stops”, a 1960s
 * comedy`, t2-31) name a thing, as a title does; `“…”, a spokesman said` is attributed instead.
 */
function namedThing(text: string, s: QuoteSpan): boolean {
  const after = text.slice(s.end, s.end + 60);
  return /^,\s+(?:a|an)\s/iu.test(after) && !saysIn((after.match(/[\p{L}\p{N}'’-]+/gu) ?? []).slice(0, 6).join(' '));
}

/** Quotes long enough to need a speaker: not a title of a work, not a sign (`a banner reading “…”`). */
function spokenQuotes(text: string): QuoteSpan[] {
  return scanQuotes(text).spans.filter(
    (s) => wordCountOf(s.inner) >= MIN_WORDS && !isTitle(s.inner) && !DISPLAY.test(text.slice(Math.max(0, s.start - 40), s.start)) && !namedThing(text, s),
  );
}

function quotesNeedingSpeaker(text: string): QuoteSpan[] {
  return spokenQuotes(text).filter((s) => !locallyAttributed(text, s) && !subjectBefore(text, s));
}

/**
 * A partial quote inside a sentence (`the jury praised its “patience and
 * its hands”`) nearly always belongs to the sentence's subject, whatever
 * the verb; reported, but under the default threshold. Not in the passive
 * (`has been described as “…”`), where the subject is not the speaker.
 */
const PARTIAL_CONFIDENCE = 0.4;
const QUOTE_CONFIDENCE = 0.8;

/**
 * Someone in the sentence who could own a partial quote: a person noun or a
 * capitalised word past the sentence's first. `The new carpet will be “…”`
 * has no one (tune-2, t2-32), `the jury praised its “…”` has.
 */
function someoneIn(sentence: string): boolean {
  const ws = sentence.match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? [];
  return ws.some((w, i) => personNoun(w) || /^(?:jury|panel|critics?|board|crowd|audience|reviewers?)$/i.test(w) || (i > 0 && /^\p{Lu}/u.test(w)));
}

function confidenceOf(text: string, q: QuoteSpan): number {
  // A passive sentence's subject is what is described, not who describes it.
  if (passiveBefore(text, q)) return QUOTE_CONFIDENCE;
  const inSentence = lastSentence(text.slice(0, q.start));
  const partial = /^\s*\p{Ll}/u.test(q.inner) && wordCountOf(inSentence) >= 3 && !/[.!?:]\s*$/.test(text.slice(0, q.start));
  return partial && someoneIn(inSentence) ? PARTIAL_CONFIDENCE : QUOTE_CONFIDENCE;
}

const MESSAGE = 'Direct quote with no speaker in this or the next paragraph';
const SUGGESTION = 'attribute the quote (… she said)';

/** The body's quotes that lack a speaker, and the inner text of those that have one (for the headline and dek). */
function bodyFindings(blocks: readonly StoryBlock[]): { findings: RawFinding[]; spoken: string[] } {
  const findings: RawFinding[] = [];
  const spoken: string[] = [];
  // A table cell is a label or a figure, not a sentence whose speaker would follow it.
  const prose = proseBlocks(blocks).filter((b) => b.kind !== 'heading' && b.kind !== 'pullQuote' && b.kind !== 'tableCell');
  prose.forEach((b, i) => {
    const prev = prose[i - 1]?.text;
    const needing = quotesNeedingSpeaker(b.text);
    const unclosed = needing.every((q) => !q.closed);
    const missing = hasDanglingAttribution(b.text) ? [] : needing.filter((q) => !speakerNearby(prose, i, unclosed, neighboursOf(b.text, q)));
    // A bare `he said` with no one before it for `he` to be: reported even when a neighbour names someone.
    // Not in a story's first paragraph: the labelled excerpts (`labelled-sentences.ts`) start mid-story.
    const orphans = prev === undefined ? [] : spokenQuotes(b.text).filter((q) => !missing.includes(q) && orphanPronoun(b.text, q, prev));
    const flagged = [...missing, ...orphans].sort((x, y) => x.start - y.start);
    for (const q of flagged) {
      findings.push({
        message: MESSAGE, range: blockRange(b, q.start, q.end), suggestion: SUGGESTION,
        confidence: orphans.includes(q) ? QUOTE_CONFIDENCE : confidenceOf(b.text, q), match: q.inner.slice(0, 80),
      });
    }
    for (const q of scanQuotes(b.text).spans) if (!flagged.some((f) => f.start === q.start)) spoken.push(q.inner);
  });
  return { findings, spoken };
}

export const quoteWithoutSpeaker: Rule = {
  id: 'quote-without-speaker',
  severity: 'warning',
  check({ story, blocks }: Pick<CheckContext, 'story' | 'blocks'>): RawFinding[] {
    const { findings, spoken } = bodyFindings(blocks);
    const fields = unattributedFieldQuotes(story, spoken, isTitle).map((q): RawFinding => ({
      message: `Quote in the ${q.field} that no one in the story says`, range: { field: q.field, start: q.start, end: q.end },
      suggestion: 'name the speaker, or quote them in the body', confidence: QUOTE_CONFIDENCE, match: q.inner.slice(0, 80),
    }));
    return [...fields, ...findings];
  },
};
