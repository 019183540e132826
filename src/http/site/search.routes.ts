import { cacheTag } from '../../domain/changes/index.ts';
import { CHROME_TAGS } from './page-tags.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SEARCH_PAGE_SIZE, type SearchResult } from '../../domain/search/index.ts';
import { AppError } from '../../domain/shared/errors.ts';
import type { HttpDeps } from '../deps.ts';
import { loadSiteContext, siteAssets } from './context.ts';
import { HTML } from './respond.ts';
import { basicMeta } from './templates/head.tsx';
import { renderPage } from './templates/layout.tsx';
import { searchHref, searchPageBody, type SearchForm } from './templates/search-page.tsx';

/**
 * Not in the page cache: every query string would be a key. A shared cache
 * may keep a result page for an hour: every public story change purges the
 * `search` tag, so an unpublished story leaves results there at once.
 * Browsers revalidate.
 */
export const SEARCH_CACHE_CONTROL = 'public, max-age=0, s-maxage=3600';
const SEARCH_SURROGATE_KEY = [cacheTag.search, ...CHROME_TAGS].join(' ');

const FIELDS = ['q', 'section', 'author', 'from', 'to', 'sort'] as const;

/** The form echoed back: only strings, each capped, whatever the query string held. */
function formOf(query: Record<string, unknown>): SearchForm {
  const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '').slice(0, 200);
  return Object.fromEntries(FIELDS.map((f) => [f, one(query[f])])) as unknown as SearchForm;
}

const PARAM_WORDS: Record<string, string> = {
  q: 'the search words', section: 'the section', author: 'the author', from: 'the “from” date', to: 'the “to” date',
  sort: 'the order', offset: 'the page', limit: 'the page size',
};

/** A refused parameter in the reader's words; the message keeps the rule (e.g. YYYY-MM-DD). */
function readerMessage(e: AppError): string {
  if (e.field === 'offset') return 'Results stop after the first 1,000: narrow the search with more words or a filter.';
  const what = PARAM_WORDS[e.field ?? ''] ?? 'a search setting';
  return `Please check ${what}: ${e.message.replace(/^[a-z]+: /, '')}.`;
}

async function handle(deps: HttpDeps, assets: ReturnType<typeof siteAssets>, req: FastifyRequest, reply: FastifyReply) {
  const query = (req.query ?? {}) as Record<string, unknown>;
  const wait = await deps.searchThrottle.wait(req.ip);
  if (wait > 0) return tooMany(deps, assets, reply, wait);
  const form = formOf(query);
  const rawPage = query.page;
  const page = rawPage === undefined ? 1 : typeof rawPage === 'string' && /^[1-9]\d{0,4}$/.test(rawPage) ? Number(rawPage) : 0;
  const [ctx, people] = await Promise.all([loadSiteContext(deps, assets), deps.people.list()]);
  let result: SearchResult | null = null;
  let error: string | null = null;
  if (page === 0) error = 'Please check the page number: it must be a whole number from 1.';
  else {
    try {
      const { q, section, author, from, to, sort } = query;
      result = await deps.search.search({ q: q ?? '', section, author, from, to, sort, limit: SEARCH_PAGE_SIZE, offset: (page - 1) * SEARCH_PAGE_SIZE }, ctx.settings.timeZone);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      error = readerMessage(e);
    }
  }
  const meta = basicMeta(ctx, { title: result?.query ? `Search: ${result.query}` : 'Search', description: `Search the stories of ${ctx.settings.name}.`, path: searchHref(form, 1) });
  // Result pages are endless and thin: keep them out of search engines, but let crawlers follow the stories.
  meta.names.push(['robots', 'noindex, follow']);
  const body = renderPage(ctx, meta, searchPageBody({ ctx, people, form, result, error, page: Math.max(page, 1), pageSize: SEARCH_PAGE_SIZE }));
  return reply.code(error ? 400 : 200).header('content-type', HTML).header('cache-control', SEARCH_CACHE_CONTROL).header('surrogate-key', SEARCH_SURROGATE_KEY).send(body);
}

/** 429 with a page that says when to try again; never cached (the next minute may be fine). */
async function tooMany(deps: HttpDeps, assets: ReturnType<typeof siteAssets>, reply: FastifyReply, waitMs: number) {
  const ctx = await loadSiteContext(deps, assets);
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  const meta = basicMeta(ctx, { title: 'Too many searches', description: '', path: '/search' });
  meta.names.push(['robots', 'noindex, follow']);
  const body = renderPage(ctx, meta, searchPageBody({ ctx, people: [], form: formOf({}), result: null, error: `Too many searches from your address in the last minute. Please try again in ${seconds} seconds.`, page: 1, pageSize: SEARCH_PAGE_SIZE }));
  return reply.code(429).header('retry-after', String(seconds)).header('content-type', HTML).header('cache-control', 'no-store').send(body);
}

/** `/search?q=`: transliteration-aware full-text search (docs/search.md), a plain GET form that works without JS. */
export async function registerSearchRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const assets = siteAssets();
  app.get('/search', (req, reply) => handle(deps, assets, req, reply));
}
