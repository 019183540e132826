import { PRIVATE_TOKEN } from '../../storage/migrations/0008-search-speed.ts';

/**
 * Common-grams (SQLite; docs/search.md, 0010-search-common-grams): the
 * tokens that stand for "these two common words are adjacent here".
 *
 * A story carries one token per adjacent pair of common words in a text
 * column, made from FTS5's own tokens of that column (read back from a
 * scratch FTS5 table with the same tokenizer, search.grams.repo.sqlite.ts),
 * never from a JS idea of a word. A phrase query tokenizes its text the
 * same way and ANDs each pair's token with the phrase itself, so the tokens
 * only prefilter: any story holding the phrase holds its pairs' tokens, and
 * the phrase match decides. Hence the hash below may collide: two pairs
 * sharing a token make the prefilter a little less selective, never wrong.
 *
 * The token is two U+001F and six base-36 characters, three per word: one
 * token for the unicode61 tokenizer (U+001F is a token character there,
 * ASCII letters and digits fold to themselves), no query word can contain
 * it (queries have no control characters), and it cannot equal a name key
 * or a facet, which have one U+001F.
 */

export const GRAM_PREFIX = PRIVATE_TOKEN + PRIVATE_TOKEN;

/** How a list of common words is chosen (search.grams.service.ts). */
export interface GramListOptions {
  /** The most recent stories whose FTS5 statistics choose the words. */
  sampleStories: number;
  /** A word is common when at least this share of the sample contains it… */
  minShare: number;
  /** …and it is among this many of the most widespread. */
  maxWords: number;
  /** Below this many indexed stories no list is built (phrases are fast on a small index). */
  minStories: number;
}

export const GRAM_LIST_DEFAULTS: GramListOptions = { sampleStories: 20_000, minShare: 0.02, maxWords: 500, minStories: 50_000 };

const BUCKETS = 36 ** 3;

/** Three base-36 characters from a word (FNV-1a over its UTF-16 code units). */
export function wordHash(word: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 0) % BUCKETS).toString(36).padStart(3, '0');
}

/** The private token of the pair `a b` (a directly before b). */
export function gramToken(a: string, b: string): string {
  return GRAM_PREFIX + wordHash(a) + wordHash(b);
}

/** The words of a list and each one's hash, as JSON for the SQL that makes a story's tokens. */
export function wordHashesJson(words: Iterable<string>): string {
  const out: Record<string, string> = {};
  for (const w of words) out[w] = wordHash(w);
  return JSON.stringify(out);
}

/** A token as FTS5 emitted it for a text: its term and position. */
export interface TokenAt {
  term: string;
  offset: number;
}

/**
 * The pair tokens a phrase query may require: one per two adjacent
 * positions (by FTS5's offsets, so a position FTS5 skips never makes a
 * pair) whose terms are both common. Each once, in order.
 */
export function phraseGrams(tokens: readonly TokenAt[], common: ReadonlySet<string>): string[] {
  const byOffset = new Map(tokens.map((t) => [t.offset, t.term]));
  const out = new Set<string>();
  for (const t of tokens) {
    const next = byOffset.get(t.offset + 1);
    if (next !== undefined && common.has(t.term) && common.has(next)) out.add(gramToken(t.term, next));
  }
  return [...out];
}

/**
 * The common words from a sample's statistics: each term's number of
 * documents (FTS5's `fts5vocab` row counts), most widespread first.
 */
export function chooseCommonWords(counts: ReadonlyArray<{ term: string; docs: number }>, sampleStories: number, opts: GramListOptions): string[] {
  const min = Math.max(1, Math.ceil(opts.minShare * sampleStories));
  return counts
    .filter((c) => c.docs >= min && !c.term.startsWith(PRIVATE_TOKEN))
    .sort((a, b) => b.docs - a.docs || (a.term < b.term ? -1 : 1))
    .slice(0, opts.maxWords)
    .map((c) => c.term);
}
