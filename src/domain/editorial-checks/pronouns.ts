import { nameTokens } from '../transliteration/index.ts';
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
 */
const VERBS = 'said|says|added|adds|told|tells|asked|asks|explained|recalled|insisted|warned|replied';
const TAG_AFTER = new RegExp(String.raw`^[\s,]*(he|she|they)\s+(?:${VERBS})\b`, 'iu');
const TAG_BEFORE = new RegExp(String.raw`\b(he|she|they)\s+(?:${VERBS})\s*[:,]?\s*$`, 'iu');

/** People `they` can stand for, beyond plural person nouns. */
const COLLECTIVE = new Set(['people', 'police', 'officials', 'authorities', 'organisers', 'organizers', 'families', 'children', 'pupils', 'crews', 'staff', 'both', 'they', 'we']);

const words = (s: string): string[] => s.match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? [];

/** Two capitalised words, the second not generic (`Rıza Demir`, `Park Ji-hoon`; not `Galata Tower`). */
function namesPerson(text: string): boolean {
  const tokens = nameTokens(text);
  for (let i = 0; i + 1 < tokens.length; i++) {
    const [a, b] = [tokens[i], tokens[i + 1]];
    if (/^[ \u00a0]+$/u.test(text.slice(a.end, b.start)) && !GENERICS.has(b.text.toLowerCase())) return true;
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
  return namesPerson(narrated) || ws.some((w) => !/s$/i.test(w) && personNoun(w) && !/^(?:they|we|i|who)$/i.test(w));
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
  return !hasAntecedent(lead, plural) && !(prev !== undefined && hasAntecedent(prev, plural));
}
