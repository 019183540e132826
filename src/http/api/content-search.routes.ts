import type { FastifyInstance } from 'fastify';
import { MAX_QUERY_CHARS, SEARCH_PAGE_SIZE, type SearchResult } from '../../domain/search/index.ts';
import { cacheTag } from '../../domain/changes/index.ts';
import { AppError } from '../../domain/shared/errors.ts';
import type { HttpDeps } from '../deps.ts';

const PARAMS = new Set(['q', 'section', 'author', 'from', 'to', 'sort', 'limit', 'offset']);

function searchJson(siteUrl: string, r: SearchResult) {
  return {
    query: r.query,
    total: r.total,
    totalIsLowerBound: r.totalIsLowerBound,
    limit: r.limit,
    offset: r.offset,
    sort: r.sort,
    notices: r.notices,
    houseSpellings: r.houseSpellings,
    items: r.items.map((h) => ({
      id: h.id,
      url: `${siteUrl}/news/${h.id}/${encodeURIComponent(h.slug)}`,
      headline: h.headline,
      dek: h.dek,
      publishedAt: h.publishedAt.toISOString(),
      section: h.section,
      bylines: h.bylines,
      /** HTML: the text escaped, matches in <mark>. */
      snippet: h.snippetHtml,
      snippetText: h.snippetText,
    })),
  };
}

/**
 * `GET /content/v1/search?q=`: public JSON search over published stories,
 * no key needed. Bad parameters are 400s naming the field (an over-long
 * `q` included, where the site page would shorten it: an API client should
 * know). Cacheable for a minute, like the search page.
 */
export function registerContentSearchRoutes(app: FastifyInstance, deps: HttpDeps, opts: { path?: string } = {}): void {
  app.get(opts.path ?? '/content/v1/search', async (req, reply) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const wait = await deps.searchThrottle.wait(req.ip);
    if (wait > 0) {
      const seconds = Math.max(1, Math.ceil(wait / 1000));
      reply.header('retry-after', String(seconds)).header('cache-control', 'no-store');
      throw new AppError('RATE_LIMITED', `too many searches from this address; retry in ${seconds} s`);
    }
    for (const k of Object.keys(query)) {
      if (!PARAMS.has(k)) throw new AppError('BAD_REQUEST', `${k.slice(0, 40)}: is not a parameter of search`, { field: k.slice(0, 40) });
    }
    const q = query.q;
    if (typeof q !== 'string' || !q.trim()) throw new AppError('BAD_REQUEST', 'q: give the search words once, as ?q=', { field: 'q' });
    if (q.length > MAX_QUERY_CHARS) throw new AppError('BAD_REQUEST', `q: must be at most ${MAX_QUERY_CHARS} characters`, { field: 'q' });
    const settings = await deps.settings.get();
    const result = await deps.search.search({ ...query, limit: query.limit ?? String(SEARCH_PAGE_SIZE) }, settings.timeZone);
    // As the search page: shared caches keep results until a public story change purges `search`.
    return reply.header('cache-control', 'public, max-age=0, s-maxage=3600').header('surrogate-key', cacheTag.search).send(searchJson(deps.config.siteUrl, result));
  });
}
