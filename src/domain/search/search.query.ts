import { transliterationKey } from '../transliteration/index.ts';
import type { ParsedQuery, QueryTerm } from './search.types.ts';

/**
 * Reader query → a small structure of words and quoted phrases. Nothing the
 * reader typed reaches the FTS engine as syntax: the dialect repos build the
 * MATCH / tsquery text from these parts, each quoted as a string. So
 * `AND OR NOT NEAR * ^ : ( )`, unbalanced quotes and `' OR 1=1--` are just
 * words or separators, never operators.
 */

export const MAX_QUERY_CHARS = 200;
const MAX_TERMS = 10;
const MAX_PHRASES = 3;
const MAX_PHRASE_WORDS = 8;

/** A word: letters, digits and marks, joined by apostrophes or hyphens inside (Qa'ani, al-Assad). */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’ʼʿ‐-][\p{L}\p{N}\p{M}]+)*/gu;
const PART_SPLIT = /[^\p{L}\p{N}\p{M}]+/u;
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'NEAR']);

/**
 * Diacritics off Latin, Greek and Cyrillic letters, then lower case: what
 * SQLite's `unicode61 remove_diacritics 2` does, done in JS for PostgreSQL.
 * Marks on other scripts (Devanagari vowel signs, Arabic harakat kept as
 * written) are left alone, since removing them would change the word.
 */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu, '$1')
    .normalize('NFC')
    .toLowerCase();
}

/** Control and format characters (bidi overrides, zero-width, NUL) become spaces. */
export function stripControls(s: string): string {
  return s.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, ' ');
}

/** Cleans and caps the raw query; the notices say what was changed. */
function cleanQuery(raw: unknown, notices: string[]): string {
  const s = typeof raw === 'string' ? raw : '';
  let text = stripControls(s.slice(0, 4 * MAX_QUERY_CHARS).normalize('NFKC')).replace(/\s+/g, ' ').trim();
  if (text.length > MAX_QUERY_CHARS || s.length > 4 * MAX_QUERY_CHARS) {
    text = text.slice(0, MAX_QUERY_CHARS).replace(/\s+\S*$/, '').trim() || text.slice(0, MAX_QUERY_CHARS);
    notices.push(`Your search was too long; only its first ${MAX_QUERY_CHARS} characters were used.`);
  }
  return text;
}

function termOf(word: string): QueryTerm | null {
  const parts = foldText(word).split(PART_SPLIT).filter(Boolean);
  if (!parts.length) return null;
  const letters = (word.match(/\p{L}/gu) ?? []).length;
  // Short words and numbers have no spelling variants worth widening to.
  const key = letters >= 3 ? transliterationKey(word) : '';
  return { parts, key: key.replace(/\s+/g, '').length >= 2 ? key : '', original: word };
}

function splitPhrases(text: string, notices: string[]): { rest: string; phrases: string[] } {
  const quoted = text.replace(/[“”„‟«»]/g, '"');
  const phrases: string[] = [];
  const rest = quoted.replace(/"([^"]*)"/g, (_m, inner: string) => {
    phrases.push(inner);
    return ' ';
  });
  if (rest.includes('"')) notices.push('An unmatched quotation mark was ignored.');
  return { rest: rest.replace(/"/g, ' '), phrases };
}

export function parseQuery(raw: unknown): ParsedQuery {
  const notices: string[] = [];
  const text = cleanQuery(raw, notices);
  const { rest, phrases: rawPhrases } = splitPhrases(text, notices);
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  const addTerm = (t: QueryTerm | null): void => {
    const id = t?.parts.join(' ');
    if (!t || !id || seen.has(id)) return;
    seen.add(id);
    terms.push(t);
  };

  const phrases: string[][] = [];
  for (const p of rawPhrases) {
    const words = p.match(WORD) ?? [];
    const parts = words.flatMap((w) => foldText(w).split(PART_SPLIT).filter(Boolean));
    // A one-word phrase is just a word, and keeps its spelling variants.
    if (words.length === 1) addTerm(termOf(words[0]));
    else if (parts.length > 1) phrases.push(parts.slice(0, MAX_PHRASE_WORDS));
  }

  let droppedOperators = false;
  for (const w of rest.match(WORD) ?? []) {
    if (OPERATORS.has(w)) droppedOperators = true;
    else addTerm(termOf(w));
  }

  if (droppedOperators) notices.push('Search operators (AND, OR, NOT, NEAR) are not supported: every word is searched.');
  if (terms.length > MAX_TERMS || phrases.length > MAX_PHRASES) {
    notices.push(`Only the first ${MAX_TERMS} words and ${MAX_PHRASES} quoted phrases were searched.`);
  }
  return { text, terms: terms.slice(0, MAX_TERMS), phrases: phrases.slice(0, MAX_PHRASES), notices };
}

/** A word or quoted phrase of the query: it matches its text, or (words only) its transliteration key among the names. */
export interface MatchUnit {
  parts: string[];
  key: string;
}

/** The words, then the phrases; every one must match. */
export function matchUnits(q: ParsedQuery): MatchUnit[] {
  return [...q.terms.map((t) => ({ parts: t.parts, key: t.key })), ...q.phrases.map((p) => ({ parts: p, key: '' }))];
}

export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.terms.length === 0 && q.phrases.length === 0;
}
