import { institutionSource, personSpeaks } from './speaker-kind.ts';

/**
 * Attribution: a verb of saying next to someone who says it. Shared by the
 * dangling-attribution and quote-without-speaker rules.
 */
const STRONG = [
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'asked', 'asks', 'wrote', 'writes', 'stated', 'states',
  'explained', 'explains', 'noted', 'notes', 'recalled', 'recalls', 'insisted', 'insists', 'argued', 'argues',
  'warned', 'warns', 'replied', 'replies', 'declared', 'announced', 'admitted', 'acknowledged', 'joked', 'remarked',
  'responded', 'conceded', 'observed', 'suggested', 'commented', 'cautioned', 'urged', 'claimed', 'complained',
  'shouted', 'whispered', 'recounted',
];
/**
 * Verbs that report speech only in some uses: "she agreed." does, "the board
 * agreed without a vote" does not. Away from a quote they count only at the
 * end of a clause; right before a quote ("called it “…”", "fans sang “…”")
 * they hang the quoted words on a subject.
 */
const WEAK = [
  'agreed', 'confirmed', 'continued', 'continues', 'promised', 'laughed', 'predicted', 'posted',
  'called', 'calls', 'described', 'describes', 'dubbed', 'sang', 'sings', 'chanted', 'read', 'reads',
];
export const SPEECH_VERB = new RegExp(`\\b(?:${[...STRONG, ...WEAK].join('|')})\\b`, 'giu');
const STRONG_SET = new Set(STRONG);

/** Words that can stand for the speaker next to the verb (pronouns, determiners of a noun phrase). */
const SPEAKERISH = /^(?:he|she|they|it|i|we|you|who|the|a|an|his|her|their|its|our|my|one|some|several|many|both|each|another|officials?|police|organi[sz]ers)$/i;

function wordsAround(text: string, from: number, to: number): string[] {
  const before = text.slice(Math.max(0, from - 60), from).match(/[\p{L}\p{N}'’.-]+/gu) ?? [];
  const after = text.slice(to, to + 60).match(/[\p{L}\p{N}'’.-]+/gu) ?? [];
  return [...before.slice(-4), ...after.slice(0, 4)];
}

/** A weak verb reports speech when its clause ends right after it: `she agreed.`, `the poet laughed,`. */
function clauseFinal(text: string, end: number): boolean {
  return /^\s*(?:[.,;:!?”"’]|$)/u.test(text.slice(end));
}

/**
 * `asked` as a request, not a question: `had asked the city for late boats`,
 * `asked them to stay`. A request reports no words, so it names no one's
 * voice (tune-2, t2-04).
 */
function request(text: string, at: number, end: number): boolean {
  if (!/^ask/i.test(text.slice(at, end))) return false;
  return /^\s+(?:[\p{L}\p{N}’'-]+\s+){0,4}?(?:for|to)\s/iu.test(text.slice(end, end + 60)) || /\b(?:had|have|has)\s+$/i.test(text.slice(Math.max(0, at - 8), at));
}

/**
 * A participle of saying used as an adjective: `its declared cargo`, `the
 * stated aim`, `a noted author`. It stands after an article or possessive and
 * reports no one's words (tune-3, t3-35: `did not match its declared cargo.`
 * was taken for the attribution of the quote after it).
 */
function adjective(text: string, at: number): boolean {
  return /\b(?:the|a|an|its|his|her|their|our|my|your)\s+$/i.test(text.slice(Math.max(0, at - 8), at));
}

/** A verb of saying in `text` that is not an adjective (`…,” she said`, not `its declared cargo`). */
export function saysIn(text: string): boolean {
  for (const m of text.matchAll(SPEECH_VERB)) if (!adjective(text, m.index ?? 0)) return true;
  return false;
}

export interface AttributionOptions {
  /**
   * Only a person counts as the speaker (`speaker-kind.ts`). A quote standing
   * in a paragraph of its own reads as a person's voice; an institution's
   * statement in the paragraph beside it (`The department said pullers would
   * be offered…`) does not say whose voice it is.
   */
  person?: boolean;
}

/** True when `text` (quotes already blanked) holds a verb of saying with a speaker within four words. */
export function hasAttribution(text: string, opts: AttributionOptions = {}): boolean {
  const according = /\baccording to\s+([\p{L}\p{N}][^,.;:!?]{0,40})/iu.exec(text);
  if (according && !(opts.person && institutionSource(according[1]))) return true;
  for (const m of text.matchAll(SPEECH_VERB)) {
    const at = m.index ?? 0;
    if (!STRONG_SET.has(m[0].toLowerCase()) && !clauseFinal(text, at + m[0].length)) continue;
    if (request(text, at, at + m[0].length)) continue;
    if (adjective(text, at)) continue;
    if (opts.person && !personSpeaks(text, at, at + m[0].length)) continue;
    const near = wordsAround(text, at, at + m[0].length);
    if (near.some((w) => SPEAKERISH.test(w) || /^\p{Lu}/u.test(w))) return true;
  }
  return false;
}

/** `according to` with no source after it, and `, said.` with no speaker (the dangling-attribution rule). */
export const NO_SOURCE = /\baccording to(?:\s+(?:the|a|an|his|her|their|its))?(?=\s*(?:$|[.,;:!?)\]”"’—–]|-\s))/giu;
/**
 * `, said.` closing an appositive is not dangling: `one teacher, Huda Sabah,
 * said.`, `the mayor, 54, said.` name the speaker between the two commas.
 */
export const NO_SPEAKER =
  /(?<!,\s*(?:(?:\p{Lu}[\p{L}\p{M}'’.-]*\s+){0,3}\p{Lu}[\p{L}\p{M}'’.-]*|\d{1,3})),\s*(?:said|says|added|told reporters)(?=\s*[.!?]|\s*$)/giu;

/**
 * A paragraph whose attribution was cut in editing: its quote has lost its
 * speaker, and dangling-attribution already reports that one fault.
 */
export function hasDanglingAttribution(text: string): boolean {
  return new RegExp(NO_SOURCE.source, 'iu').test(text) || new RegExp(NO_SPEAKER.source, 'iu').test(text);
}
