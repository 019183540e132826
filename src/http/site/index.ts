import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HttpDeps } from '../deps.ts';
import { siteAssets } from './context.ts';
import { registerFeedRoutes } from './feeds.routes.ts';
import { renderAuthorPage, renderHomePage, renderSectionPage, renderTagPage } from './lists.page.tsx';
import type { Rendered } from './page-cache.ts';
import { Redirect, parseId, parsePageParam, sendPage, sendRedirect } from './respond.ts';
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
   * An old address (an imported permalink, `/?p=ID`) before the 404 page.
   * Found ones are cached like pages, tagged `redirects` and with their
   * story (a new slug or an unpublish purges them); misses are one indexed
   * lookup and not cached, so random addresses cannot fill the cache.
   */
  async function redirectOr404(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const path = req.url;
    const key = `r:${path}`;
    const hit = cache.peek(key);
    if (hit) return sendRedirect(reply, hit.body.toString('utf8'));
    const target = req.method === 'GET' || req.method === 'HEAD' ? await deps.redirects.resolve(path) : null;
    if (!target) return notFoundPage(req, reply);
    const location = storyPath({ id: target.articleId, slug: target.slug });
    const page = await cache.get(key, async () => ({
      status: target.status,
      body: location,
      contentType: 'text/plain; charset=utf-8',
      lastModified: deps.clock.now(),
      tags: [cacheTag.redirects, cacheTag.story(target.articleId)],
    }));
    return sendRedirect(reply, page.body.toString('utf8'));
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
