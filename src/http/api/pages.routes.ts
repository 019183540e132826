import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parsePageInput, type StaticPage } from '../../domain/pages/index.ts';
import { AppError } from '../../domain/shared/errors.ts';
import type { HttpDeps } from '../deps.ts';
import { actorOf, requireCap } from './auth.ts';
import { pageOf, parseId, parseListQuery } from './query.ts';

export function pageJson(p: StaticPage, siteUrl: string) {
  return {
    id: p.id, slug: p.slug, url: `${siteUrl}/${p.slug}`, title: p.title, body: p.body, status: p.status, inMenu: p.menuPosition !== null, menuPosition: p.menuPosition,
    version: p.version, publishedAt: p.publishedAt?.toISOString() ?? null, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(),
  };
}

type IdReq = FastifyRequest<{ Params: { id: string } }>;

/** /pages: static pages (About, Contact) with the story document as body. Reads need articles:read, writes taxonomy:write. */
export function registerPageRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const json = (p: StaticPage) => pageJson(p, deps.config.siteUrl);
  const id = (req: IdReq) => parseId(req.params.id, 'page');

  app.get('/pages', async (req) => {
    requireCap(req, 'articles:read');
    return pageOf(await deps.pages.list(), parseListQuery(req.query), json);
  });
  app.post('/pages', async (req, reply) => {
    const actor = actorOf(requireCap(req, 'taxonomy:write'));
    const page = await deps.pages.create(parsePageInput(req.body, 'create'), actor);
    return reply.code(201).header('location', `${app.prefix}/pages/${page.id}`).send({ page: json(page) });
  });
  app.get('/pages/:id', async (req: IdReq) => {
    requireCap(req, 'articles:read');
    return { page: json(await deps.pages.get(id(req))) };
  });
  app.patch('/pages/:id', async (req: IdReq) => {
    const actor = actorOf(requireCap(req, 'taxonomy:write'));
    return { page: json(await deps.pages.update(id(req), parsePageInput(req.body, 'update'), actor)) };
  });
  app.delete('/pages/:id', async (req: IdReq, reply) => {
    const actor = actorOf(requireCap(req, 'taxonomy:write'));
    await deps.pages.remove(id(req), actor);
    return reply.code(204).send();
  });
  app.get('/pages/:id/revisions', async (req: IdReq) => {
    requireCap(req, 'articles:read');
    return { revisions: (await deps.pages.revisions(id(req))).map((r) => ({ version: r.version, actor: r.actor, createdAt: r.createdAt, title: r.title, slug: r.slug, status: r.status })) };
  });
  /** `{"direction":"up"|"down"}`: one place in the footer menu. */
  app.post('/pages/:id/move', async (req: IdReq) => {
    const actor = actorOf(requireCap(req, 'taxonomy:write'));
    const direction = (req.body as Record<string, unknown> | undefined)?.direction;
    if (direction !== 'up' && direction !== 'down') throw new AppError('VALIDATION_FAILED', 'direction: must be up or down', { field: 'direction' });
    await deps.pages.move(id(req), direction, actor);
    return { page: json(await deps.pages.get(id(req))) };
  });
}
