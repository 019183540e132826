import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HttpDeps } from '../deps.ts';
import { actorOf, requireCap } from './auth.ts';
import { pageOf, parseId, parseListQuery } from './query.ts';
import { personJson, sectionJson, tagJson } from './serialize.ts';

/** What the routes need of a sections/tags/people service: they validate raw JSON themselves. */
interface TaxonomyService<T> {
  list(): Promise<T[]>;
  get(ref: number): Promise<T>;
  create(raw: unknown, actor: string): Promise<T>;
  update(id: number, raw: unknown, actor: string): Promise<T>;
  remove(id: number, actor: string): Promise<void>;
}

interface Resource<T> {
  path: string;
  /** Response envelope key for one item. */
  one: string;
  service: TaxonomyService<T>;
  toJson(t: T): unknown;
  listJson?(t: T): unknown;
}

/** Same five routes for each resource: reads need articles:read, writes taxonomy:write. */
function registerResource<T>(app: FastifyInstance, r: Resource<T>): void {
  type IdReq = FastifyRequest<{ Params: { id: string } }>;
  const what = r.one;

  app.get(`/${r.path}`, async (req) => {
    requireCap(req, 'articles:read');
    const p = parseListQuery(req.query);
    return pageOf(await r.service.list(), p, r.listJson ?? r.toJson);
  });

  app.post(`/${r.path}`, async (req, reply) => {
    const item = await r.service.create(req.body, actorOf(requireCap(req, 'taxonomy:write')));
    const id = (item as { id: number }).id;
    return reply.code(201).header('location', `${app.prefix}/${r.path}/${id}`).send({ [r.one]: r.toJson(item) });
  });

  app.get(`/${r.path}/:id`, async (req: IdReq) => {
    requireCap(req, 'articles:read');
    return { [r.one]: r.toJson(await r.service.get(parseId(req.params.id, what))) };
  });

  app.patch(`/${r.path}/:id`, async (req: IdReq) => {
    const actor = actorOf(requireCap(req, 'taxonomy:write'));
    return { [r.one]: r.toJson(await r.service.update(parseId(req.params.id, what), req.body, actor)) };
  });

  app.delete(`/${r.path}/:id`, async (req: IdReq, reply) => {
    const actor = actorOf(requireCap(req, 'taxonomy:write'));
    await r.service.remove(parseId(req.params.id, what), actor);
    return reply.code(204).send();
  });
}

export function registerTaxonomyRoutes(app: FastifyInstance, deps: HttpDeps): void {
  registerResource(app, { path: 'sections', one: 'section', service: deps.sections, toJson: sectionJson });
  registerResource(app, { path: 'tags', one: 'tag', service: deps.tags, toJson: (t) => tagJson(t), listJson: (t) => tagJson(t, false) });
  registerResource(app, { path: 'people', one: 'person', service: deps.people, toJson: personJson });
}
