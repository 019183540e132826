import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HttpDeps } from '../deps.ts';
import { siteAssets } from './context.ts';
import { registerFeedRoutes } from './feeds.routes.ts';
import { renderAuthorPage, renderHomePage, renderSectionPage, renderTagPage } from './lists.page.tsx';
import type { Rendered } from './page-cache.ts';
import { Redirect, parseId, parsePageParam, sendAddressRedirect, sendPage, sendRedirect } from './respond.ts';
import { renderGonePage, renderStaticPage } from './static-page.page.tsx';
import { registerSearchRoutes } from './search.routes.ts';
import { registerCommentRoutes } from './comments.routes.ts';
import { parseCommentOrder } from './comments/load.ts';
import { renderErrorPage, renderStoryPage } from './story.page.tsx';
import { storyPath } from './paths.ts';
import { cacheTag } from '../../domain/changes/index.ts';

type SlugParams = { slug: string };

/**
 * The public site. Every GET page is served from the page cache, keyed by
 * its normalised path (and page number) only: never by Host or any other
 * header, so nothing a client sends can change what others are served.
 */
export function createSite(deps: HttpDeps) {
  const assets = siteAssets();
  const cache = deps.pageCache;

  async function serve(req: FastifyRequest, reply: FastifyReply, key: string, render: () => Promise<Rendered>): Promise<FastifyReply> {
    try {
      return sendPage(req, reply, await cache.get(key, render), cache);
    } catch (e) {
      if (e instanceof Redirect) return sendRedirect(reply, e.location);
      throw e;
    }
  }

  const notFoundPage = (req: FastifyRequest, reply: FastifyReply) => serve(req, reply, '404', () => renderErrorPage(deps, assets, 404));

  /**
   * An address no route answers, before the 404 page: an editor's redirect
   * rule (301/302/410), else an imported story's old address (`/?p=ID`
   * too). Found exact answers are cached like pages, tagged `redirects` (and
   * with their story), so a rule written on any instance reaches every
   * instance through the change feed; prefix answers and misses are one
   * indexed lookup and not cached, so random addresses cannot fill the cache.
   */
  async function redirectOr404(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const url = req.url;
    const key = `r:${url}`;
    const hit = cache.peek(key);
    if (hit) return sendAddressRedirect(reply, hit);
    const found = req.method === 'GET' || req.method === 'HEAD' ? await deps.redirects.where(url) : null;
    if (!found) return pageWithSlash(req, reply);
    if (found.kind === 'rule' && found.status === 410) return serve(req, reply, 'gone', () => renderGonePage(deps, assets));
    const location = found.kind === 'story' ? storyPath({ id: found.articleId, slug: found.slug }) : found.location;
    const page = {
      status: found.status,
      body: location,
      contentType: 'text/plain; charset=utf-8',
      lastModified: deps.clock.now(),
      tags: found.kind === 'story' ? [cacheTag.redirects, cacheTag.story(found.articleId)] : [cacheTag.redirects],
    };
    const keep = found.kind === 'story' || (found.rule.match === 'exact' && !url.includes('?'));
    return sendAddressRedirect(reply, keep ? await cache.get(key, async () => page) : { ...page, surrogateKey: page.tags.join(' ') });
  }

  /** `/about/` is the page at `/about`; anything else unknown is the 404 page. */
  async function pageWithSlash(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const m = /^\/([^/?#]+)\/$/.exec(req.url);
    const slug = m ? safeDecode(m[1]) : null;
    if (slug && (req.method === 'GET' || req.method === 'HEAD') && (await deps.pages.publicBySlug(slug))) return sendRedirect(reply, `/${m![1]}`);
    return notFoundPage(req, reply);
  }

  /**
   * The page at `/{slug}`. A miss is not cached: it falls through to the
   * redirects and the 404 page, exactly as an address no route knows.
   */
  async function servePageOr(req: FastifyRequest, reply: FastifyReply, key: string, slug: string): Promise<FastifyReply> {
    const page = await deps.pages.publicBySlug(slug);
    if (!page) return redirectOr404(req, reply);
    return serve(req, reply, key, async () => {
      // Read again inside the render, so a purge landing meanwhile discards it; a page unpublished in
      // between is a 404 tagged `pages`, which the next page to appear purges.
      const fresh = await deps.pages.publicBySlug(slug);
      return fresh ? renderStaticPage(deps, assets, fresh) : renderErrorPage(deps, assets, 404, [cacheTag.pages]);
    });
  }

  /** A list page with `?page=N`; a malformed page number is the 404 page. */
  function listRoute(prefix: string, render: (slug: string, page: number) => Promise<Rendered>) {
    return (req: FastifyRequest<{ Params: SlugParams }>, reply: FastifyReply) => {
      const page = parsePageParam(req.query);
      if (page === null) return notFoundPage(req, reply);
      const slug = req.params.slug;
      return serve(req, reply, `${prefix}${page}:${slug}`, () => render(slug, page));
    };
  }

  return {
    async register(app: FastifyInstance) {
      app.get<{ Params: { id: string; slug: string } }>('/news/:id/:slug', (req, reply) => {
        // The warm path: one regex, one map lookup, the cached bytes.
        const { id, slug } = req.params;
        const order = parseCommentOrder(req.query);
        const key = order === 'newest' ? `n:${id}/${slug}?newest` : `n:${id}/${slug}`;
        const hit = cache.peek(key);
        if (hit) return sendPage(req, reply, hit, cache);
        const n = parseId(id);
        if (n === null) return notFoundPage(req, reply);
        return serve(req, reply, key, () => renderStoryPage(deps, assets, n, slug, order));
      });
      app.get<{ Params: { id: string } }>('/news/:id', (req, reply) => {
        const n = parseId(req.params.id);
        if (n === null) return notFoundPage(req, reply);
        return serve(req, reply, `n:${n}`, () => renderStoryPage(deps, assets, n, null));
      });
      app.get('/', (req, reply) => {
        // WordPress's own short address, `/?p=ID`: the home page never takes `p`.
        if (Object.hasOwn((req.query ?? {}) as object, 'p')) return redirectOr404(req, reply);
        const page = parsePageParam(req.query);
        if (page === null) return notFoundPage(req, reply);
        return serve(req, reply, `h:${page}`, () => renderHomePage(deps, assets, page));
      });
      app.get<{ Params: SlugParams }>('/:slug', (req, reply) => {
        // Static pages at the root (`/about`); the site's own routes are static and always win.
        const key = `p:${req.params.slug}`;
        const hit = cache.peek(key);
        if (hit) return sendPage(req, reply, hit, cache);
        return servePageOr(req, reply, key, req.params.slug);
      });
      app.get('/section/:slug', listRoute('s:', (slug, page) => renderSectionPage(deps, assets, slug, page)));
      app.get('/tag/:slug', listRoute('t:', (slug, page) => renderTagPage(deps, assets, slug, page)));
      app.get('/author/:slug', listRoute('a:', (slug, page) => renderAuthorPage(deps, assets, slug, page)));
      app.get('/robots.txt', (req, reply) => serve(req, reply, 'robots', async () => robotsTxt(deps.config.siteUrl, deps.clock.now())));
      await registerFeedRoutes(app, deps);
      await registerSearchRoutes(app, deps);
      await registerCommentRoutes(app, deps);
    },
    async notFound(req: FastifyRequest, reply: FastifyReply) {
      return redirectOr404(req, reply);
    },
  };
}

function robotsTxt(siteUrl: string, now: Date): Rendered {
  return {
    body: `User-agent: *\nAllow: /\nDisallow: /admin\nDisallow: /api\n\nSitemap: ${siteUrl}/sitemap.xml\n`,
    contentType: 'text/plain; charset=utf-8',
    lastModified: now,
  };
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
