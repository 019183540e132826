import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseAction, parseQueue, type CommentRules, type ModerationItem, type PublicComment, type ThreadedComment } from '../../domain/comments/index.ts';
import { cacheTag } from '../../domain/changes/index.ts';
import { AppError, validationError } from '../../domain/shared/errors.ts';
import { MAX_ID, parseId as idOrNull } from '../../domain/shared/ids.ts';
import type { HttpDeps } from '../deps.ts';
import { actorOf, requireCap } from './auth.ts';
import { parseId } from './query.ts';

type Req = FastifyRequest<{ Params: { id: string }; Querystring: Record<string, unknown> }>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function publicJson(c: PublicComment) {
  return { id: c.id, parentId: c.parentId, authorName: c.authorName, authorUrl: c.authorUrl || null, body: c.body, createdAt: iso(c.createdAt) };
}

/** The moderator's view: no plain email unless asked for one comment; hashes are opaque matching keys. */
function moderationJson(c: ModerationItem) {
  return {
    ...publicJson(c),
    articleId: c.articleId,
    status: c.status,
    heldReasons: c.heldReasons,
    flagCount: c.flagCount,
    flags: c.flags.map((f) => ({ reason: f.reason, createdAt: iso(f.createdAt) })),
    story: c.story,
    parent: c.parent ? publicJson(c.parent) : null,
    history: c.history,
    emailHash: c.emailHash,
    moderatedAt: iso(c.moderatedAt),
    moderatedBy: c.moderatedBy,
  };
}

function intParam(q: Record<string, unknown>, name: string, def: number, min: number, max: number): number {
  const v = q[name];
  if (v === undefined) return def;
  const n = typeof v === 'string' && /^\d{1,7}$/.test(v) ? Number(v) : NaN;
  if (!(n >= min && n <= max)) throw new AppError('BAD_REQUEST', `${name}: must be an integer from ${min} to ${max}`, { field: name });
  return n;
}

function idsOf(body: unknown): number[] {
  const ids = (body as { ids?: unknown } | undefined)?.ids;
  if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'number' && idOrNull(x) !== null)) {
    throw validationError([{ field: 'ids', message: 'must be a list of comment ids' }]);
  }
  return ids as number[];
}

/**
 * Admin API comment moderation, mounted by the lead inside the
 * authenticated Admin API context (`/api/admin/v1`). Every handler also
 * checks the `comments:moderate` capability itself, so mounting it anywhere
 * without the bearer hook answers 401, never an open moderation endpoint.
 */
export function registerCommentApiRoutes(app: FastifyInstance, deps: HttpDeps): void {
  app.get('/comments', async (req: Req) => {
    requireCap(req, 'comments:moderate');
    const q = req.query;
    const queue = parseQueue(q.status ?? 'pending');
    const limit = intParam(q, 'limit', 50, 1, 200);
    const offset = intParam(q, 'offset', 0, 0, 1_000_000);
    const articleId = q.article === undefined ? undefined : intParam(q, 'article', 0, 1, MAX_ID);
    const page = await deps.commentModeration.list(queue, { limit, offset, articleId });
    return { comments: page.items.map(moderationJson), meta: { total: page.total, limit, offset, status: queue } };
  });

  app.get('/comments/:id', async (req: Req) => {
    requireCap(req, 'comments:moderate');
    const c = await deps.commentModeration.get(parseId(req.params.id, 'comment'));
    return { comment: { ...moderationJson(c), authorEmail: c.authorEmail } };
  });

  // {"action": "approve" | "reject" | "spam"}
  app.post('/comments/:id/moderate', async (req: Req) => {
    const key = requireCap(req, 'comments:moderate');
    const id = parseId(req.params.id, 'comment');
    await deps.commentModeration.get(id);
    const changed = await deps.commentModeration.moderate([id], parseAction((req.body as { action?: unknown } | undefined)?.action), actorOf(key));
    return { comment: moderationJson(await deps.commentModeration.get(id)), changed };
  });

  // {"ids": [1, 2, 3], "action": "approve"}
  app.post('/comments/bulk', async (req: Req) => {
    const key = requireCap(req, 'comments:moderate');
    const changed = await deps.commentModeration.moderate(idsOf(req.body), parseAction((req.body as { action?: unknown } | undefined)?.action), actorOf(key));
    return { changed };
  });

  // The site's comment rules (docs/comments.md). PATCH takes any subset; unknown names and bad values are 422, nothing saved.
  app.get('/comments/rules', async (req: Req) => {
    requireCap(req, 'comments:moderate');
    return { rules: await deps.commentModeration.rules() };
  });

  app.patch('/comments/rules', async (req: Req) => {
    const key = requireCap(req, 'comments:moderate');
    const body = req.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new AppError('BAD_REQUEST', 'send a JSON object of rules to change, e.g. {"rejectWords": ["spam"]}');
    return { rules: await deps.commentModeration.updateRules(body as Partial<CommentRules>, actorOf(key)) };
  });

  app.delete('/comments/:id', async (req: Req, reply) => {
    const key = requireCap(req, 'comments:moderate');
    await deps.commentModeration.remove(parseId(req.params.id, 'comment'), actorOf(key));
    return reply.code(204).send();
  });
}

function threadJson(t: ThreadedComment) {
  return { ...publicJson(t), replies: t.replies.map(publicJson) };
}

/**
 * Public Content API: the approved comments of a published story. Mounted
 * by the lead under the Content API prefix (`/api/content/v1`). Only public
 * fields: never an email, hash or status.
 */
export function registerCommentContentRoutes(app: FastifyInstance, deps: HttpDeps): void {
  app.get('/articles/:id/comments', async (req: Req, reply) => {
    const id = parseId(req.params.id, 'article');
    const target = await deps.comments.target(id);
    const order = req.query.order === 'newest' ? 'newest' : 'oldest';
    const { threads, count } = await deps.comments.listForArticle(id, order);
    // Like the story page: browsers revalidate, shared caches are purged when a comment is approved or removed.
    reply.header('cache-control', 'public, max-age=0, s-maxage=3600').header('surrogate-key', `${cacheTag.comments(id)} ${cacheTag.story(id)}`);
    return { comments: threads.map(threadJson), meta: { count, order, open: target.closed === null, mode: target.mode } };
  });
}
