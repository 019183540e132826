import { hasAttribution } from './attribution.ts';
import { lastSentence } from './speakers.ts';
import { GENERICS } from './name-units.ts';
import { outsideQuotes, scanQuotes, type QuoteSpan } from './quotes.ts';
import { personNoun } from './speaker-kind.ts';

/**
 * A quote whose only speaker is a pronoun (`“…,” he said`) needs someone for
 * the pronoun to stand for: a person named or a person noun earlier in its
 * paragraph, or in the paragraph before. tune-2 has `they said` after a
 * paragraph about excavated coins, and `he said` after one about a football
 * club: the reader cannot tell whose words they are. A name does not say
 * whether its bearer is a he or a she, so any person will do for either;
 * `they` needs people (`residents`, `police`, two names joined by `and`).
 * Right after a sentence whose subject is two people, he or she has two
 * antecedents, which is none.
 */
const VERBS = 'said|says|added|adds|told|tells|asked|asks|explained|recalled|insisted|warned|replied';
const TAG_AFTER = new RegExp(String.raw`^[\s,]*(he|she|they)\s+(?:${VERBS})\b`, 'iu');
const TAG_BEFORE = new RegExp(String.raw`\b(he|she|they)\s+(?:${VERBS})\s*[:,]?\s*$`, 'iu');

/** People `they` can stand for, beyond plural person nouns. */
const COLLECTIVE = new Set(['people', 'police', 'officials', 'authorities', 'organisers', 'organizers', 'families', 'children', 'pupils', 'crews', 'staff', 'both', 'they', 'we']);

const words = (s: string): string[] => s.match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? [];

/**
 * Two capitalised words in a row (an article-led `al-Mansouri` is one), none
 * of them generic and the first not a sentence opener: `Rıza Demir`, `Khalid
 * al-Mansouri` (t3-09); not `Jeju National University` (t3-12) or `Galata Tower`.
 */
const WORD = String.raw`(?:(?:al|el|ad|as|an|ar|at|az|ash|ul|ud)-)?\p{Lu}[\p{L}\p{M}'’-]*`;
const RUN = new RegExp(String.raw`${WORD}(?:[ \u00a0]+(?:(?:bin|ibn|al|el|de|van|von|abu)[ \u00a0]+)?${WORD})+`, 'gu');
const NOT_NAMES = new Set(
  ('in on at for after before when while during since from with by of to as but and if the a an this that these those there it ' +
    'mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday january february march april may june july ' +
    'august september october november december').split(' '),
);

function namesPerson(text: string): boolean {
  for (const m of text.matchAll(RUN)) {
    const ws = m[0].split(/[ \u00a0]+/u).filter((w) => /^(?:\p{Ll}+-)?\p{Lu}/u.test(w)).map((w) => possessiveless(w).toLowerCase());
    if (ws.some((w) => GENERICS.has(w))) continue;
    if (ws.filter((w) => !NOT_NAMES.has(w)).length >= 2) return true;
  }
  return false;
}

const possessiveless = (w: string): string => w.replace(/['’]s$/u, '');

function hasAntecedent(text: string, plural: boolean): boolean {
  const narrated = outsideQuotes(text, scanQuotes(text).spans);
  const ws = words(narrated).map(possessiveless);
  if (plural) {
    return ws.some((w) => COLLECTIVE.has(w.toLowerCase()) || (/s$/i.test(w) && personNoun(w))) ||
      /\p{Lu}[\p{L}’'-]+ (?:and|or) \p{Lu}/u.test(narrated);
  }
  // A surname as the subject of a verb of saying is a person (`Pandey told reporters…`, t3-33).
  return namesPerson(narrated) || hasAttribution(narrated, { person: true }) ||
    ws.some((w) => !/s$/i.test(w) && personNoun(w) && !/^(?:they|we|i|who)$/i.test(w));
}

/** The quote's speaker is a bare pronoun with no one before it (this paragraph up to the quote, or the one before) to stand for. */
export function orphanPronoun(text: string, q: QuoteSpan, prev: string | undefined): boolean {
  const after = TAG_AFTER.exec(text.slice(q.end));
  const before = after ? null : TAG_BEFORE.exec(text.slice(0, q.start));
  const tag = after ?? before;
  if (!tag) return false;
  const plural = tag[1].toLowerCase() === 'they';
  // The pronoun of a tag before the quote is not its own antecedent.
  const lead = text.slice(0, q.start - (before ? before[0].length : 0));
  if (!plural && twoPeopleBefore(lead)) return true;
  return !hasAntecedent(lead, plural) && !(prev !== undefined && hasAntecedent(prev, plural));
}

/**
 * The sentence right before the quote has two people as its subject
 * (`Petrenko and Lapin both asked the judge…`, t3-15): a following he or she
 * could be either, and a pronoun with two equally likely antecedents has none.
 */
function twoPeopleBefore(lead: string): boolean {
  const last = lastSentence(outsideQuotes(lead, scanQuotes(lead).spans).trim());
  const m = /^((?:\p{Lu}[\p{L}\p{M}'’-]+\s+){1,3})and\s+(?:\p{Lu}[\p{L}\p{M}'’-]+\s+){0,2}\p{Lu}[\p{L}\p{M}'’-]+\b/u.exec(last);
  return m !== null && !NOT_NAMES.has(m[1].split(/\s+/)[0].toLowerCase()) && !m[0].split(/\s+/).some((w) => GENERICS.has(w.toLowerCase()));
}
