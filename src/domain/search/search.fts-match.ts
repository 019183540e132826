import { PRIVATE_TOKEN } from '../../storage/migrations/0008-search-speed.ts';
import { matchUnits, type MatchUnit } from './search.query.ts';
import type { ParsedQuery } from './search.types.ts';

/**
 * FTS5 MATCH text built from a parsed query (search.query.ts). Nothing the
 * reader typed becomes syntax: every word or phrase is one FTS5 string, with
 * its quotes doubled, so `AND`, `*`, `:` or `(` inside it are just text.
 *
 * No column filters: the name keys and the facets are private tokens
 * (0008-search-speed), which no query word can equal, so a word can only
 * match the text columns. A column filter would make FTS5 decode every
 * candidate's position list; on a phrase of two common words that doubles
 * the cost.
 */

/** An FTS5 string: the tokenizer splits it like the indexed text, and no character in it is syntax. */
export function ftsString(words: readonly string[]): string {
  return `"${words.join(' ').replace(/"/g, '""')}"`;
}

/** A key as the index holds it: every word of it private. */
const keyString = (key: string): string => ftsString(key.split(' ').map((w) => PRIVATE_TOKEN + w));

/**
 * One word (its text, or its key among the names) or one phrase. `grams`
 * are the pair tokens of its text (search.grams.ts): ANDed with the phrase
 * they only let FTS5 skip to the stories that can hold it; the phrase match
 * still decides.
 */
export function unitExpression(u: MatchUnit, grams: readonly string[] = []): string {
  const phrase = ftsString(u.parts);
  const text = grams.length ? `(${[...grams.map((g) => ftsString([g])), phrase].join(' AND ')})` : phrase;
  return u.key ? `(${text} OR ${keyString(u.key)})` : text;
}

/** Every word and phrase must match (AND); `grams[i]` are the pair tokens of the i-th unit of matchUnits(q). */
export function ftsMatchExpression(q: ParsedQuery, grams: ReadonlyArray<readonly string[]> = []): string {
  return matchUnits(q).map((u, i) => unitExpression(u, grams[i])).join(' AND ');
}

/** The filter terms: any of the sections (a section and its subsections), and the author; '' when none. */
export function facetExpression(sectionTokens: readonly string[] | null, authorToken: string | null): string {
  const parts: string[] = [];
  if (sectionTokens) parts.push(`(${sectionTokens.map((t) => ftsString([t])).join(' OR ')})`);
  if (authorToken) parts.push(ftsString([authorToken]));
  return parts.join(' AND ');
}
