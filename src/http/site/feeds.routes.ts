import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FeedsService, type FeedDocument, type FeedFormat } from '../../domain/feeds/index.ts';
import { notFound } from '../../domain/shared/errors.ts';
import type { HttpDeps } from '../deps.ts';
import { sendError } from '../errors.ts';
import { cacheTag } from '../../domain/changes/index.ts';
import { CHROME_TAGS } from './page-tags.ts';
import { sendPage } from './respond.ts';

const FORMATS: Array<[file: string, format: FeedFormat]> = [
  ['feed.xml', 'rss'],
  ['atom.xml', 'atom'],
  ['feed.json', 'json'],
];

/**
 * The news sitemap depends on the clock as well as on content: a story
 * leaves it 48 hours after publication with no change to purge it, so its
 * cache key changes every ten minutes.
 */
const NEWS_BUCKET_MS = 10 * 60_000;

const STORY_SITEMAP = /^stories-([1-9]\d{0,6})\.xml$/;

/** Feeds and sitemaps (RSS 2.0, Atom, JSON Feed, sitemap index, Google News). */
export async function registerFeedRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  const feeds = new FeedsService({
    siteUrl: deps.config.siteUrl,
    clock: deps.clock,
    queries: deps.queries,
    sections: deps.sections,
    tags: deps.tags,
    people: deps.people,
    settings: deps.settings,
    pages: deps.pages,
  });

  /**
   * Every document goes through the page cache. Feeds carry whole stories,
   * authors, tags and captions, sitemaps every story's address and date:
   * rather than a tag per story (thousands, past any header's size), each
   * carries one tag that every public story change names.
   */
  async function serve(req: FastifyRequest, reply: FastifyReply, key: string, render: () => Promise<FeedDocument>) {
    const tags = [...CHROME_TAGS, key.startsWith('feed:') ? cacheTag.feeds : cacheTag.sitemaps];
    try {
      const page = await deps.pageCache.get(key, async () => {
        const doc = await render();
        return { body: doc.body, contentType: doc.contentType, lastModified: doc.lastModified, tags };
      });
      return sendPage(req, reply, page, deps.pageCache);
    } catch (err) {
      return sendError(req, reply, err);
    }
  }

  for (const [file, format] of FORMATS) {
    app.get(`/${file}`, (req, reply) => serve(req, reply, `feed:${format}`, () => feeds.feed(format)));
    app.get<{ Params: { slug: string } }>(`/section/:slug/${file}`, (req, reply) =>
      serve(req, reply, `feed:${format}:section:${req.params.slug}`, () => feeds.feed(format, req.params.slug)),
    );
  }

  app.get('/sitemap.xml', (req, reply) => serve(req, reply, 'sitemap:index', () => feeds.sitemapIndex()));

  app.get<{ Params: { file: string } }>('/sitemaps/:file', (req, reply) => {
    const { file } = req.params;
    if (file === 'sections.xml') return serve(req, reply, 'sitemap:sections', () => feeds.sectionsSitemap());
    if (file === 'news.xml') {
      const bucket = Math.floor(deps.clock.now().getTime() / NEWS_BUCKET_MS);
      return serve(req, reply, `sitemap:news:${bucket}`, () => feeds.newsSitemap());
    }
    const m = STORY_SITEMAP.exec(file);
    if (m) return serve(req, reply, `sitemap:stories:${m[1]}`, () => feeds.storySitemap(Number(m[1])));
    return sendError(req, reply, notFound(`sitemap ${file}`));
  });
}
