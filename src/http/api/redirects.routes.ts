import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_CSV_BYTES, type RedirectRule } from '../../domain/redirects/index.ts';
import { AppError } from '../../domain/shared/errors.ts';
import type { HttpDeps } from '../deps.ts';
import { actorOf, requireCap } from './auth.ts';
import { pageOf, parseId, parseListQuery } from './query.ts';

export const redirectJson = (r: RedirectRule) => ({ id: r.id, match: r.match, source: r.source, target: r.target, status: r.status, createdAt: r.createdAt, updatedAt: r.updatedAt });

type IdReq = FastifyRequest<{ Params: { id: string } }>;

/**
 * /redirects: the redirects manager's rules (docs/redirects.md). Reads need
 * articles:read, writes taxonomy:write. CSV comes in as `text/csv` (this
 * context alone parses it) and goes out the same way.
 */
export async function registerRedirectRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: MAX_CSV_BYTES }, (_req, body, done) => {
    try {
      done(null, new TextDecoder('utf-8', { fatal: true }).decode(body as Buffer));
    } catch {
      done(new AppError('BAD_REQUEST', 'the CSV is not UTF-8 text', { field: 'body' }));
    }
  });

  app.get('/redirects', async (req) => {
    requireCap(req, 'articles:read');
    return pageOf(await deps.redirectRules.list(), parseListQuery(req.query), redirectJson);
  });

  app.post('/redirects', async (req, reply) => {
    const rule = await deps.redirectRules.create(req.body, actorOf(requireCap(req, 'taxonomy:write')));
    return reply.code(201).header('location', `${app.prefix}/redirects/${rule.id}`).send({ redirect: redirectJson(rule) });
  });

  /** Where the public site sends a path: the rule or old address that answers it, or null. */
  app.get('/redirects/test', async (req) => {
    requireCap(req, 'articles:read');
    const path = (req.query as Record<string, unknown>)?.path;
    if (typeof path !== 'string' || !path.startsWith('/')) throw new AppError('BAD_REQUEST', 'path: give a path starting with /', { field: 'path' });
    const found = await deps.redirects.where(path);
    if (!found) return { path, redirect: null };
    if (found.kind === 'story') return { path, redirect: { status: found.status, location: `/news/${found.articleId}/${found.slug}`, by: 'import' } };
    return { path, redirect: { status: found.status, location: found.status === 410 ? null : found.location, by: 'rule', rule: { match: found.rule.match, source: found.rule.source } } };
  });

  app.get('/redirects/export', async (req, reply) => {
    requireCap(req, 'articles:read');
    return reply.header('content-type', 'text/csv; charset=utf-8').send(await deps.redirectRules.exportCsv());
  });

  /** `text/csv` (ours), or Ghost's redirects.json as `application/json` (`?external=true` keeps targets on other hosts). */
  app.post('/redirects/import', async (req) => {
    const actor = actorOf(requireCap(req, 'taxonomy:write'));
    if (typeof req.body === 'string') return deps.redirectRules.importCsv(req.body, actor);
    if (Array.isArray(req.body)) {
      const external = (req.query as Record<string, unknown>)?.external === 'true';
      return deps.redirectRules.importGhost(JSON.stringify(req.body), { external }, actor);
    }
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send our CSV as text/csv, or Ghost\'s redirects.json as application/json', { field: 'body' });
  });

  app.get('/redirects/:id', async (req: IdReq) => {
    requireCap(req, 'articles:read');
    return { redirect: redirectJson(await deps.redirectRules.get(parseId(req.params.id, 'redirect'))) };
  });

  app.patch('/redirects/:id', async (req: IdReq) => {
    const actor = actorOf(requireCap(req, 'taxonomy:write'));
    return { redirect: redirectJson(await deps.redirectRules.update(parseId(req.params.id, 'redirect'), req.body, actor)) };
  });

  app.delete('/redirects/:id', async (req: IdReq, reply) => {
    const actor = actorOf(requireCap(req, 'taxonomy:write'));
    await deps.redirectRules.remove(parseId(req.params.id, 'redirect'), actor);
    return reply.code(204).send();
  });
}
