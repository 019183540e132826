import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../storage/schema.ts';
import type { MatchUnit } from './search.query.ts';

export type Q = Kysely<Database> | Transaction<Database>;

export const SEARCH_SORTS = ['relevance', 'newest'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** One word of the query: the text to match, and the transliteration key it also matches in names. */
export interface QueryTerm {
  /** Folded, lower-cased parts: `Qa'ani` → ['qa', 'ani'] (matched as a phrase, like the tokenizer splits the text). */
  parts: string[];
  /** Transliteration key this term also matches among the story's names ('' when the term is not name-like). */
  key: string;
  /** As typed (after cleaning), for messages. */
  original: string;
}

export interface ParsedQuery {
  /** Cleaned query text, as shown back to the reader. */
  text: string;
  terms: QueryTerm[];
  /** Quoted phrases: each a list of folded words that must appear in order. */
  phrases: string[][];
  /** Human notes about how the query was read (truncated, operators ignored…). */
  notices: string[];
}

/** What the index holds for one published story: plain text, control characters already removed. */
export interface SearchDocument {
  articleId: number;
  /** See `orderKey` in search.document.ts. */
  orderKey: number;
  status: string;
  publishedAt: string;
  sectionId: number | null;
  headline: string;
  dek: string;
  body: string;
  people: string;
  tags: string;
  /** Space-separated word keys of the name-like words of the story. */
  names: string;
  /** Filter tokens: the section and each byline's person, by id (0008-search-speed). */
  facets: string;
}

/** Filters after validation; dates are UTC ISO bounds. */
export interface SearchFilters {
  sectionSlug?: string;
  authorSlug?: string;
  fromIso?: string;
  /** Exclusive upper bound. */
  toIso?: string;
}

export interface RepoSearchArgs {
  query: ParsedQuery;
  filters: SearchFilters;
  sort: SearchSort;
  limit: number;
  offset: number;
  nowIso: string;
  /** Count at most this many matches; beyond it the total is reported as a lower bound. */
  countCap: number;
}

/** A ranked hit before hydration; headline and snippet carry \u0001/\u0002 around matches. */
export interface RepoHit {
  id: number;
  headlineMarked: string;
  snippetMarked: string;
  /** The transliteration keys of the story's names (only those can be marked as another spelling). */
  nameKeys: ReadonlySet<string>;
}

/** What a dialect is asked to find: the matches of a query under its filters, up to `limit`. */
export interface MatchArgs {
  query: ParsedQuery;
  filters: SearchFilters;
  nowIso: string;
  limit: number;
}

/**
 * A candidate's short columns in one string: headline, standfirst, bylines,
 * tags and name keys, COLUMN_SEPARATOR (search.words.ts) between them.
 */
export interface LeadRow {
  key: number;
  lead: string;
}

/** What the page shows of a hit, before marking, and its name keys (as stored). */
export interface PageRow {
  key: number;
  id: number;
  headline: string;
  body: string;
  names: string;
}

/**
 * Per-dialect index and statistics (search.repo.sqlite.ts,
 * search.repo.postgres.ts). Everything else, relevance and excerpts
 * included, is shared (search.find.ts), so both engines answer alike.
 * Stories are identified by their order key (search.document.ts).
 */
export interface SearchRepo {
  upsert(db: Q, doc: SearchDocument): Promise<void>;
  /** Many stories' entries in a fixed few statements (the import's flip, a re-index); `docs` name each story once. */
  upsertMany(db: Q, docs: readonly SearchDocument[]): Promise<void>;
  remove(db: Q, articleId: number): Promise<void>;
  removeMany(db: Q, articleIds: readonly number[]): Promise<void>;
  /** Order keys of the published, due matches, newest first, at most `limit`; [] when a filter names nothing. */
  matchKeys(db: Q, args: MatchArgs): Promise<number[]>;
  leadRows(db: Q, keys: number[]): Promise<Map<number, LeadRow>>;
  pageRows(db: Q, keys: number[]): Promise<Map<number, PageRow>>;
  /** For each word or phrase, its inverse document frequency, from statistics that cost no walk of a whole doclist. */
  unitIdf(db: Q, units: MatchUnit[], nowIso: string): Promise<number[]>;
}

/**
 * What an engine does its own way: count the words of the most recent
 * stories, give a batch of stories the pairs of the live lists, and keep
 * story writes out while a list becomes active (search.grams.repo.sqlite.ts,
 * search.grams.repo.postgres.ts).
 */
export interface GramEngine {
  sampleWordCounts(db: Q, sample: number): Promise<{ stories: number; counts: Array<{ term: string; docs: number }> }>;
  backfillGramRows(trx: Q, after: number, batch: number): Promise<{ rewritten: number; last: number | null }>;
  lockForActivation(trx: Q): Promise<void>;
}

/** The hook ArticlesService calls inside its write transactions. */
export interface SearchIndexer {
  index(trx: Q, articleId: number): Promise<void>;
  /** index() for many stories, in a few statements instead of a read and a write each. */
  indexMany(trx: Q, articleIds: readonly number[]): Promise<void>;
  remove(trx: Q, articleId: number): Promise<void>;
}

export interface SearchParams {
  q?: unknown;
  section?: unknown;
  author?: unknown;
  from?: unknown;
  to?: unknown;
  sort?: unknown;
  limit?: unknown;
  offset?: unknown;
}

export interface SearchHit {
  id: number;
  slug: string;
  headline: string;
  /** Escaped HTML with <mark> around matches: safe to insert as is. */
  headlineHtml: string;
  dek: string;
  publishedAt: Date;
  section: { slug: string; name: string } | null;
  bylines: Array<{ slug: string; name: string }>;
  /** Escaped HTML with <mark> around matches: safe to insert as is. */
  snippetHtml: string;
  /** The same snippet as plain text (for JSON clients that render their own marks). */
  snippetText: string;
}

export interface SearchResult {
  query: string;
  sort: SearchSort;
  limit: number;
  offset: number;
  total: number;
  /** True when there are more than `total` matches (the count stops at a cap). */
  totalIsLowerBound: boolean;
  items: SearchHit[];
  notices: string[];
  /** Terms whose transliteration key has a house spelling different from what was typed. */
  houseSpellings: Array<{ term: string; spelling: string }>;
}
