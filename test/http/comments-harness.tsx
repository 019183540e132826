import type { FastifyInstance } from 'fastify';
import { basicMeta } from '../../src/http/site/templates/head.tsx';
import { renderPage } from '../../src/http/site/templates/layout.tsx';
import { loadSiteContext, siteAssets } from '../../src/http/site/context.ts';
import { CommentsSection } from '../../src/http/site/comments/comments-section.tsx';
import { loadCommentsSection, parseCommentOrder } from '../../src/http/site/comments/load.ts';
import { registerCommentRoutes } from '../../src/http/site/comments.routes.ts';
import { registerCommentApiRoutes, registerCommentContentRoutes } from '../../src/http/api/comments.routes.ts';
import { adminApiV1 } from '../../src/http/api/admin-context.ts';
import { buildServer } from '../../src/http/server.ts';
import { createAdmin } from '../../src/http/admin/index.ts';
import { commentsDeskRoutes } from '../../src/http/admin/comments/index.tsx';
import { createSite } from '../../src/http/site/index.ts';
import { sendPage } from '../../src/http/site/respond.ts';
import { fixedClock, systemClock } from '../../src/domain/shared/clock.ts';
import { createApp, type App } from '../../src/main.ts';
import path from 'node:path';
import { createTestDb, testConfig } from '../helpers/dialects.ts';
import type { DialectName } from '../../src/storage/index.ts';

export interface CommentsTestApp extends App {
  clock: ReturnType<typeof fixedClock>;
  /** A server with the comment routes mounted the way docs/comments.md tells the lead to. */
  web: FastifyInstance;
  cleanup(): Promise<void>;
}

/**
 * The whole app plus the comment routes. Until the lead wires them into
 * createSite/createApi, a second server is built from the same services
 * with the real site, the real Admin API context, and a minimal story route
 * (`/test/story/:id`) that renders CommentsSection through the page cache,
 * as the story page will.
 */
export async function createCommentsTestApp(dialect: DialectName, env: NodeJS.ProcessEnv = {}, start = new Date('2026-05-21T10:00:00Z'), realClock = false): Promise<CommentsTestApp> {
  const t = await createTestDb(dialect);
  const clock = fixedClock(start);
  // A browser needs real time: the widget's challenge and the minimum time-to-submit run on the wall clock.
  const app = await createApp(testConfig(t.dataDir, env), { db: t.db, clock: realClock ? systemClock : clock, jobs: false });
  await app.comments.settings.updateRules({ powCost: 10, powMaxCounter: 40, storyPerMinute: 10_000 });
  const wired = app.server.hasRoute({ method: 'POST', url: '/news/:id/comments' });
  const web = wired ? app.server : await buildWeb(app);
  await web.ready();
  return Object.assign(app, {
    clock,
    web,
    async cleanup() {
      if (web !== app.server) await web.close();
      await app.close();
      await t.cleanup();
    },
  });
}

async function buildWeb(deps: App): Promise<FastifyInstance> {
  const site = createSite(deps);
  const assets = siteAssets();
  return buildServer({
    logLevel: 'silent',
    trustProxy: deps.config.trustProxy,
    publicDir: path.resolve(import.meta.dirname, '../../public'),
    mediaDir: path.join(deps.config.dataDir, 'media'),
    site: {
      async register(app) {
        await site.register(app);
        await registerCommentRoutes(app, deps);
        app.get<{ Params: { id: string } }>('/test/story/:id', async (req, reply) => {
          const order = parseCommentOrder(req.query);
          const id = Number(req.params.id);
          const page = await deps.pageCache.get(`test:${id}:${order}`, async () => {
            const a = await deps.articles.get(id);
            const ctx = await loadSiteContext(deps, assets);
            const props = await loadCommentsSection(deps, a, order);
            const body = renderPage(ctx, basicMeta(ctx, { title: a.headline, description: '', path: `/test/story/${id}` }), <><h1>{a.headline}</h1><CommentsSection {...props} /></>);
            return { body, contentType: 'text/html; charset=utf-8', lastModified: a.updatedAt };
          });
          return sendPage(req, reply, page);
        });
      },
      notFound: site.notFound,
    },
    admin: createAdmin(deps, { plugins: [commentsDeskRoutes] }),
    api: {
      async register(api) {
        await api.register(async (admin) => {
          await adminApiV1(admin, deps);
          registerCommentApiRoutes(admin, deps);
        }, { prefix: '/admin/v1' });
        await api.register(async (content) => registerCommentContentRoutes(content, deps), { prefix: '/content/v1' });
      },
    },
  });
}
