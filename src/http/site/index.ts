import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HttpDeps } from '../deps.ts';

export function createSite(deps: HttpDeps) {
  return {
    async register(app: FastifyInstance) {
      app.get('/robots.txt', async (_req, reply) => reply.type('text/plain').send(`User-agent: *\nAllow: /\nSitemap: ${deps.config.siteUrl}/sitemap.xml\n`));
    },
    async notFound(_req: FastifyRequest, reply: FastifyReply) {
      return reply.code(404).type('text/plain').send('Not found');
    },
  };
}
