import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CommentError, type RawSubmission } from '../../domain/comments/index.ts';
import { AppError } from '../../domain/shared/errors.ts';
import type { HttpDeps } from '../deps.ts';
import { sendError } from '../errors.ts';
import { EMPTY_FORM, type FormState } from './comments/comment-form.tsx';
import { commentFramePath, formPagePath } from './comments/comments-section.tsx';
import { cacheTag } from '../../domain/changes/index.ts';
import { commentsRss } from './comments/feed.ts';
import { errorState, parseStrictForm, rawFromBody, retryAfterOf } from './comments/forms.ts';
import { parseCommentOrder } from './comments/load.ts';
import { renderCommentFormPage, renderCommentFrame, renderNoticePage } from './comments/pages.tsx';
import { securityHeaders } from '../security-headers.ts';
import { altchaVendorFiles } from './comments/vendor.ts';
import { siteAssets } from './context.ts';
import { storyPath } from './paths.ts';
import { toPage } from './page-cache.ts';
import { HTML, parseId, sendPage } from './respond.ts';
import { renderErrorPage } from './story.page.tsx';
import { isDatabaseUnavailable, UNAVAILABLE_RETRY_AFTER_SECONDS } from '../../storage/index.ts';
import { renderUnavailableCommentForm } from './comments/unavailable-form.tsx';

/** 10,000 characters of any script, percent-encoded, fit well inside this; a 2 MB post is 413 before it is read. */
export const COMMENT_BODY_LIMIT = 256 * 1024;
const NO_STORE = 'no-store';

type IdReq = FastifyRequest<{ Params: { id: string }; Querystring: Record<string, string | undefined> }>;

const wantsJson = (req: FastifyRequest) => (req.headers['content-type'] ?? '').startsWith('application/json') || /application\/json/.test(req.headers.accept ?? '');

/**
 * Public comment routes (docs/comments.md), in their own encapsulated context with
 * their own form parser and body limit. GET pages here are uncached and
 * per reader; the cached story page only embeds the list.
 */
export async function registerCommentRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  await app.register(async (c) => commentContext(c, deps));
}

async function commentContext(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  // TRUST_PROXY_HOPS is applied by the server (src/http/server.ts), so req.ip is already the client.
  const ipOf = (req: FastifyRequest) => req.ip;
  await app.register(formbody, { bodyLimit: COMMENT_BODY_LIMIT, parser: parseStrictForm });
  const assets = siteAssets();
  const frameable = securityHeaders({ frameableBySelf: true });
  for (const f of altchaVendorFiles()) {
    app.get(f.path, (_req, reply) => reply.type(f.contentType).header('cache-control', 'public, max-age=86400').send(f.body));
  }

  async function storyOr404(req: FastifyRequest, reply: FastifyReply, id: string) {
    const n = parseId(id);
    const target = n === null ? null : await deps.comments.target(n).catch((e) => (e instanceof AppError && e.status === 404 ? null : Promise.reject(e)));
    if (!target) {
      if (wantsJson(req)) sendError(req, reply, new AppError('NOT_FOUND', 'story not found'));
      else sendPage(req, reply, { ...toPage(await renderErrorPage(deps, assets, 404)), cacheControl: NO_STORE }, deps.pageCache);
    }
    return target;
  }

  async function formPage(req: FastifyRequest, reply: FastifyReply, articleId: number, state: FormState, status: number, replyTo?: number) {
    const target = await deps.comments.target(articleId);
    const question = target.closed ? null : await deps.comments.mathQuestion(articleId, ipOf(req));
    const replying = replyTo ? (await deps.comments.listForArticle(articleId)).threads.flatMap((t) => [t, ...t.replies]).find((x) => x.id === replyTo) : undefined;
    if (replying) state = { ...state, values: { ...state.values, parentId: String(replying.id) } };
    const order = parseCommentOrder(req.query);
    const html = await renderCommentFormPage(deps, assets, { target, state, question, replyingTo: replying ? { id: replying.id, name: replying.authorName } : null, order });
    return reply.code(status).header('cache-control', NO_STORE).type(HTML).send(html);
  }

  /** The frame's answer: a fresh single-use question every time, never stored by any cache, frameable by our own pages only. */
  async function framePage(req: FastifyRequest, reply: FastifyReply, articleId: number, state: FormState, status: number) {
    const target = await deps.comments.target(articleId);
    const question = target.closed ? null : await deps.comments.mathQuestion(articleId, ipOf(req));
    const html = await renderCommentFrame(deps, assets, { target, state, question });
    return reply.code(status).headers(frameable).header('cache-control', NO_STORE).type(HTML).send(html);
  }

  const postedNotice = (posted: string | undefined) =>
    posted === 'approved' ? 'Thank you. Your comment is published.' : posted === 'pending' ? 'Thank you. Your comment is held for moderation and will appear once approved.' : null;

  app.get('/news/:id/comment-frame', async (req: IdReq, reply) => {
    const target = await storyOr404(req, reply, req.params.id);
    if (!target) return reply;
    return framePage(req, reply, target.id, { ...EMPTY_FORM, notice: postedNotice(req.query.posted) }, 200);
  });

  app.get('/news/:id/comment-form', async (req: IdReq, reply) => {
    const target = await storyOr404(req, reply, req.params.id);
    if (!target) return reply;
    const notice = postedNotice(req.query.posted);
    const replyTo = parseId(req.query.reply_to ?? '') ?? undefined;
    return formPage(req, reply, target.id, { ...EMPTY_FORM, notice }, 200, replyTo);
  });

  app.get('/news/:id/comments/challenge', async (req: IdReq, reply) => {
    const n = parseId(req.params.id);
    if (n === null) throw new AppError('NOT_FOUND', 'story not found');
    const challenge = await deps.comments.powChallenge(n, ipOf(req));
    return reply.header('cache-control', NO_STORE).send(challenge);
  });

  app.post('/news/:id/comments', { bodyLimit: COMMENT_BODY_LIMIT }, async (req: IdReq, reply) => {
    const articleId = parseId(req.params.id);
    if (articleId === null) return storyOr404(req, reply, req.params.id);
    const target = { id: articleId };
    const raw: RawSubmission = rawFromBody(req.body);
    const inFrame = (req.body as Record<string, unknown> | undefined)?.frame === '1';
    try {
      const r = await deps.comments.submit({ articleId, ip: ipOf(req) }, raw);
      deps.metrics?.commentDecision(r.status);
      const visible = r.status === 'approved';
      const message = visible ? 'Thank you. Your comment is published.' : 'Thank you. Your comment is held for moderation and will appear once approved.';
      if (wantsJson(req)) {
        // Spam is answered like any held comment: a bot learns nothing from the reply.
        return reply.code(visible ? 201 : 202).header('cache-control', NO_STORE).send({ comment: { id: r.id, status: visible ? 'approved' : 'pending' }, message });
      }
      const back = inFrame ? commentFramePath(target.id) : formPagePath(target.id);
      return reply.code(303).header('cache-control', NO_STORE).header('location', `${back}?posted=${visible ? 'approved' : 'pending'}#comment-form`).send();
    } catch (e) {
      if (e instanceof AppError && e.status === 404) return storyOr404(req, reply, '0');
      if (isDatabaseUnavailable(e)) deps.metrics?.commentDecision('unavailable');
      if (e instanceof CommentError) deps.metrics?.commentDecision('refused', e.commentCode);
      if (isDatabaseUnavailable(e) && !wantsJson(req)) {
        const html = await renderUnavailableCommentForm(deps, articleId, ipOf(req), raw);
        return reply.code(503).header('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS)).header('cache-control', NO_STORE).type(HTML).send(html);
      }
      if (!(e instanceof CommentError)) throw e;
      const retry = retryAfterOf(e);
      if (retry) reply.header('retry-after', retry);
      if (wantsJson(req)) {
        return reply.code(e.status).header('cache-control', NO_STORE).send({ error: { code: e.code, message: e.message, field: e.field, problems: e.commentProblems } });
      }
      if (inFrame) return framePage(req, reply, target.id, errorState(raw, e), e.status);
      return formPage(req, reply, target.id, errorState(raw, e), e.status);
    }
  });

  app.get('/news/:id/comments.xml', async (req: IdReq, reply) => {
    const n = parseId(req.params.id);
    const target = n === null ? null : await deps.comments.target(n).catch(() => null);
    if (!target) throw new AppError('NOT_FOUND', 'story not found');
    const page = await deps.pageCache.get(`c:rss:${target.id}`, async () => {
      const [comments, settings] = await Promise.all([deps.comments.latestForFeed(target.id), deps.settings.get()]);
      const storyUrl = deps.config.siteUrl + storyPath(target);
      return {
        body: commentsRss({ siteUrl: deps.config.siteUrl, siteName: settings.name, storyUrl, headline: target.headline, comments }),
        contentType: 'application/rss+xml; charset=utf-8',
        lastModified: comments[0]?.createdAt ?? deps.clock.now(),
        tags: [cacheTag.settings, cacheTag.story(target.id), cacheTag.comments(target.id), cacheTag.feeds],
      };
    });
    return sendPage(req, reply, page, deps.pageCache);
  });

  app.post('/comments/:id/flag', { bodyLimit: 16 * 1024 }, async (req: IdReq, reply) => {
    const n = parseId(req.params.id);
    if (n === null) throw new AppError('NOT_FOUND', 'comment not found');
    const reason = (req.body as Record<string, unknown> | undefined)?.reason;
    await deps.commentModeration.flag(n, ipOf(req), typeof reason === 'string' ? reason : '');
    if (wantsJson(req)) return reply.code(202).header('cache-control', NO_STORE).send({ message: 'Thank you. A moderator will look at this comment.' });
    const html = await renderNoticePage(deps, assets, 'flagged');
    return reply.code(200).header('cache-control', NO_STORE).type(HTML).send(html);
  });

  registerUnsubscribe(app, deps, assets);
}

function registerUnsubscribe(app: FastifyInstance, deps: HttpDeps, assets: ReturnType<typeof siteAssets>): void {
  type UReq = FastifyRequest<{ Querystring: Record<string, string | undefined> }>;
  const params = (req: UReq) => ({ e: req.query.e ?? '', t: req.query.t ?? '' });
  const invalid = async (reply: FastifyReply) => reply.code(404).header('cache-control', NO_STORE).type(HTML).send(await renderNoticePage(deps, assets, 'unsubscribe-invalid'));

  // GET never changes state (mail scanners follow links): it shows the confirmation form.
  app.get('/comments/unsubscribe', async (req: UReq, reply) => {
    const { e, t } = params(req);
    if (!(await deps.commentNotifier.checkUnsubscribe(e, t))) return invalid(reply);
    return reply.header('cache-control', NO_STORE).type(HTML).send(await renderNoticePage(deps, assets, 'unsubscribe-confirm', { e, t }));
  });
  // RFC 8058 one-click: mail clients POST `List-Unsubscribe=One-Click` to this same URL.
  app.post('/comments/unsubscribe', { bodyLimit: 4096 }, async (req: UReq, reply) => {
    const { e, t } = params(req);
    if (!(await deps.commentNotifier.unsubscribe(e, t))) return invalid(reply);
    return reply.header('cache-control', NO_STORE).type(HTML).send(await renderNoticePage(deps, assets, 'unsubscribed'));
  });
}
