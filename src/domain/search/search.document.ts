import { facetsText } from '../../storage/migrations/0008-search-speed.ts';
import { nameTokens, transliterationKey } from '../transliteration/index.ts';
import { stripControls } from './search.query.ts';
import type { SearchDocument } from './search.types.ts';

export interface DocumentSource {
  id: number;
  status: string;
  publishedAt: string;
  sectionId: number | null;
  headline: string;
  dek: string;
  bodyText: string;
  people: string[];
  /** Ids of the byline's people, for the author filter. */
  personIds: number[];
  tags: string[];
}

/**
 * Statuses kept in the index: published only. Every status change passes
 * through the indexer (a scheduled story is indexed by publishDue when it goes
 * live), so no query has to test a status; published_at <= now is still
 * checked at query time, as a range of the order key.
 */
export const INDEXED_STATUSES: ReadonlySet<string> = new Set(['published']);

/**
 * The keys of a story's name-like words, each once, in order of first use.
 * A key of several words (Jean-Luc → `jn lk`) stays together so a phrase
 * over the names column matches it.
 */
// Names recur across stories; keying is the costly part of building a document (reindex, bulk
// loads) and of marking the other spellings of a name in a page of snippets.
const keyMemo = new Map<string, string>();
export function memoKey(name: string): string {
  let k = keyMemo.get(name);
  if (k === undefined) {
    if (keyMemo.size >= 50_000) keyMemo.clear();
    keyMemo.set(name, (k = transliterationKey(name)));
  }
  return k;
}

export function nameKeys(...texts: string[]): string {
  const keys = new Set<string>();
  for (const text of texts) {
    for (const t of nameTokens(text)) {
      const k = memoKey(t.text);
      if (k.replace(/\s+/g, '').length >= 2) keys.add(k);
    }
  }
  return [...keys].join(' ; ');
}

const ID_SPACE = 2 ** 20;

/**
 * Publication order as one integer, unique per story: whole seconds of
 * published_at × 2^20, plus the id modulo 2^20 (two stories in the same
 * second would need ids a multiple of 2^20 apart to collide, and the unique
 * index would refuse it rather than corrupt the index). SQLite uses it as
 * the FTS5 rowid, so newest-first is a reverse walk of the index and a
 * date range or "published by now" is a rowid range that FTS5 prunes itself.
 */
export function orderKey(publishedAtIso: string, articleId: number): number {
  return Math.floor(Date.parse(publishedAtIso) / 1000) * ID_SPACE + (articleId % ID_SPACE);
}

/** The smallest order key at or after an instant (`after`: strictly after its second). */
export function orderKeyAt(iso: string, after = false): number {
  return (Math.floor(Date.parse(iso) / 1000) + (after ? 1 : 0)) * ID_SPACE;
}

export function buildSearchDocument(src: DocumentSource): SearchDocument {
  const clean = (s: string) => stripControls(s).replace(/[ \t]+/g, ' ').trim();
  const headline = clean(src.headline);
  const dek = clean(src.dek);
  const body = clean(src.bodyText);
  const people = clean(src.people.join(', '));
  const tags = clean(src.tags.join(', '));
  return {
    articleId: src.id,
    orderKey: orderKey(src.publishedAt, src.id),
    status: src.status,
    publishedAt: src.publishedAt,
    sectionId: src.sectionId,
    headline,
    dek,
    body,
    people,
    tags,
    names: nameKeys(headline, dek, body, people),
    facets: facetsText(src.sectionId, src.personIds),
  };
}
