import type { FastifyInstance } from 'fastify';
import type { HttpDeps } from '../deps.ts';
import { adminApiV1, type AdminApiOptions } from './admin-context.ts';
import { registerCommentContentRoutes } from './comments.routes.ts';
import { registerContentSearchRoutes } from './content-search.routes.ts';

/** JSON APIs, registered by the server under `/api`. Each API is its own encapsulated context. */
export function createApi(deps: HttpDeps, opts: AdminApiOptions = {}) {
  return {
    async register(app: FastifyInstance) {
      await app.register(async (admin) => adminApiV1(admin, deps, opts), { prefix: '/admin/v1' });
      // The Content API is public: no key, read-only, published stories only.
      await app.register(async (content) => {
        registerContentSearchRoutes(content, deps, { path: '/content/v1/search' });
        await content.register(async (c) => registerCommentContentRoutes(c, deps), { prefix: '/content/v1' });
      });
    },
  };
}
