import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiKey } from '../../domain/apikeys/index.ts';
import { parseArticleInput, type ArticleFilter, type KeyActor } from '../../domain/articles/index.ts';
import { AppError, validationError } from '../../domain/shared/errors.ts';
import type { HttpDeps } from '../deps.ts';
import { requireCap } from './auth.ts';
import { parseId, parseListQuery, type ListParams } from './query.ts';
import { articleJson, articleSummaryJson } from './serialize.ts';

/**
 * Story writes go through the StoryWorkflow, as the admin pages' do: who may
 * create, edit, move, delete and correct which story is decided there, once,
 * with the key as the actor (its role, and the stories it started as its own).
 * This file only parses requests and shapes answers.
 */
const keyActor = (key: ApiKey): KeyActor => ({ keyId: key.id, role: key.role });

async function filterOf(deps: HttpDeps, p: ListParams): Promise<ArticleFilter> {
  const filter: ArticleFilter = {};
  if (p.status) filter.status = p.status;
  if (p.q) filter.search = p.q;
  if (p.section !== undefined) {
    const section = await deps.sections.get(p.section).catch(() => null);
    if (!section) throw new AppError('BAD_REQUEST', `section: no section "${p.section}"`, { field: 'section' });
    filter.sectionIds = await deps.sections.withDescendants(section.id);
  }
  return filter;
}

function correctionText(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw validationError([{ field: 'body', message: 'send {"body": "the correction text"}' }]);
  }
  const unknown = Object.keys(raw).filter((k) => k !== 'body');
  if (unknown.length) throw validationError(unknown.map((field) => ({ field, message: 'is not a field of a correction' })));
  const body = (raw as { body?: unknown }).body;
  if (typeof body !== 'string') throw validationError([{ field: 'body', message: 'must be a string' }]);
  return body;
}

export function registerArticleRoutes(app: FastifyInstance, deps: HttpDeps): void {
  // Every article response carries its editorial-check findings (dismissed ones left out).
  const json = async (a: Parameters<typeof articleJson>[2]) => ({
    article: articleJson(deps.config.siteUrl, deps.clock.now(), a),
    checks: await deps.editorialChecks.findingsFor(a),
  });
  type IdReq = FastifyRequest<{ Params: { id: string } }>;

  app.get('/articles', async (req) => {
    requireCap(req, 'articles:read');
    const p = parseListQuery(req.query, ['status', 'section', 'q', 'sort']);
    const page = await deps.queries.listAll(await filterOf(deps, p), p.limit, p.offset, deps.likeOp);
    const now = deps.clock.now();
    return { items: page.items.map((a) => articleSummaryJson(deps.config.siteUrl, now, a)), total: page.total, limit: page.limit, offset: page.offset };
  });

  app.post('/articles', async (req, reply) => {
    const key = requireCap(req, 'articles:write-draft');
    const article = await deps.workflow.create(keyActor(key), parseArticleInput(req.body, 'create', deps.embeds));
    return reply.code(201).header('location', `${app.prefix}/articles/${article.id}`).send(await json(article));
  });

  app.get('/articles/:id', async (req: IdReq) => {
    requireCap(req, 'articles:read');
    return json(await deps.articles.get(parseId(req.params.id, 'article')));
  });

  app.patch('/articles/:id', async (req: IdReq) => {
    const key = requireCap(req, 'articles:write-draft');
    const id = parseId(req.params.id, 'article');
    return json(await deps.workflow.save(keyActor(key), id, parseArticleInput(req.body, 'update', deps.embeds)));
  });

  app.delete('/articles/:id', async (req: IdReq, reply) => {
    const key = requireCap(req, 'articles:delete');
    await deps.workflow.remove(keyActor(key), parseId(req.params.id, 'article'));
    return reply.code(204).send();
  });

  // Corrections are editors' work on stories readers have already seen (roles.ts: editor).
  app.post('/articles/:id/corrections', async (req: IdReq, reply) => {
    const key = requireCap(req, 'articles:edit-any');
    const id = parseId(req.params.id, 'article');
    const article = await deps.workflow.correct(keyActor(key), id, correctionText(req.body));
    return reply.code(201).send(await json(article));
  });
}
