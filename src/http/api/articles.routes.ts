import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../domain/access/index.ts';
import type { ApiKey } from '../../domain/apikeys/index.ts';
import { parseArticleInput, type ArticleFilter, type ArticleInput, type ArticleStatus } from '../../domain/articles/index.ts';
import { AppError, validationError } from '../../domain/shared/errors.ts';
import type { HttpDeps } from '../deps.ts';
import { actorOf, requireCap } from './auth.ts';
import { parseId, parseListQuery, type ListParams } from './query.ts';
import { articleJson, articleSummaryJson } from './serialize.ts';

/** Statuses that put a story in front of readers, take it down, or commit it to going live. */
const PUBLISHING: ReadonlySet<ArticleStatus> = new Set(['published', 'scheduled', 'unpublished']);
/** Going live is gated by the editorial checks; taking a story down never is. */
const GOING_LIVE: ReadonlySet<ArticleStatus> = new Set(['published', 'scheduled']);
/** A story readers can see, or will see without anyone acting again. */
const LIVE_OR_COMMITTED: ReadonlySet<ArticleStatus> = new Set(['published', 'scheduled']);

function forbidPublishing(key: ApiKey, why: string): never {
  throw new AppError('FORBIDDEN', `a ${key.role} key cannot ${why} (needs articles:publish)`);
}

/**
 * Draft writers (contributors) may create and edit drafts but never change
 * what readers see. When the decision depends on the stored status, the
 * update is pinned to the version that was checked, so a story published
 * between the check and the write makes the write fail (409) instead of
 * letting a contributor edit a live story.
 */
async function checkDraftOnlyUpdate(deps: HttpDeps, key: ApiKey, id: number, input: ArticleInput): Promise<void> {
  if (can(key.role, 'articles:publish')) return;
  if (input.status && PUBLISHING.has(input.status)) forbidPublishing(key, `set status "${input.status}"`);
  const current = await deps.articles.get(id);
  if (LIVE_OR_COMMITTED.has(current.status)) forbidPublishing(key, `edit a ${current.status} story`);
  input.version ??= current.version;
}

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
    const input = parseArticleInput(req.body, 'create');
    if (input.status && PUBLISHING.has(input.status) && !can(key.role, 'articles:publish')) forbidPublishing(key, `create a story with status "${input.status}"`);
    if (input.status && GOING_LIVE.has(input.status)) await deps.editorialChecks.assertPublishable(null, input);
    const article = await deps.articles.create(input, actorOf(key));
    return reply.code(201).header('location', `${app.prefix}/articles/${article.id}`).send(await json(article));
  });

  app.get('/articles/:id', async (req: IdReq) => {
    requireCap(req, 'articles:read');
    return json(await deps.articles.get(parseId(req.params.id, 'article')));
  });

  app.patch('/articles/:id', async (req: IdReq) => {
    const key = requireCap(req, 'articles:write-draft');
    const id = parseId(req.params.id, 'article');
    const input = parseArticleInput(req.body, 'update');
    await checkDraftOnlyUpdate(deps, key, id, input);
    if (input.status && GOING_LIVE.has(input.status)) await deps.editorialChecks.assertPublishable(await deps.articles.get(id), input);
    return json(await deps.articles.update(id, input, actorOf(key)));
  });

  app.delete('/articles/:id', async (req: IdReq, reply) => {
    const key = requireCap(req, 'articles:delete');
    await deps.articles.remove(parseId(req.params.id, 'article'), actorOf(key));
    return reply.code(204).send();
  });

  // Corrections are editors' work on stories readers have already seen (roles.ts: editor).
  app.post('/articles/:id/corrections', async (req: IdReq, reply) => {
    const key = requireCap(req, 'articles:edit-any');
    const id = parseId(req.params.id, 'article');
    const article = await deps.articles.addCorrection(id, correctionText(req.body), actorOf(key));
    return reply.code(201).send(await json(article));
  });
}
