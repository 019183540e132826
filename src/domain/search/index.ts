export * from './search.types.ts';
export { SearchService, REINDEX_JOB, validateSearch, SEARCH_PAGE_SIZE, MAX_SEARCH_LIMIT, MAX_SEARCH_OFFSET, SEARCH_COUNT_CAP, type SearchDeps } from './search.service.ts';
export { parseQuery, foldText, MAX_QUERY_CHARS } from './search.query.ts';
export { escapeHtml } from './search.snippet.ts';
export { buildSearchDocument, type DocumentSource } from './search.document.ts';
export { GRAM_LIST_DEFAULTS, type GramListOptions } from './search.grams.ts';
export type { GramBuildArgs, GramBuildResult, GramStatus } from './search.grams.service.ts';
export { SearchThrottle } from './search.throttle.ts';
