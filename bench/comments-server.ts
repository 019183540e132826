import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { App } from '../src/main.ts';
import { buildServer } from '../src/http/server.ts';
import { createSite } from '../src/http/site/index.ts';
import { registerCommentRoutes } from '../src/http/site/comments.routes.ts';

/** The site plus the comment routes, for as long as the lead has not wired them into createSite. */
export async function buildCommentsServer(app: App): Promise<FastifyInstance> {
  const site = createSite(app);
  const web = await buildServer({
    logLevel: 'silent',
    trustProxy: app.config.trustProxy,
    publicDir: path.resolve(import.meta.dirname, '../public'),
    mediaDir: path.join(app.config.dataDir, 'media'),
    site: {
      async register(s) {
        await site.register(s);
        await registerCommentRoutes(s, app);
      },
      notFound: site.notFound,
    },
    api: { async register() {} },
  });
  await web.ready();
  return web;
}
