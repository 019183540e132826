import type { FastifyReply, FastifyRequest } from 'fastify';
import { QUEUES, type Queue } from '../../../domain/comments/index.ts';
import { AppError } from '../../../domain/shared/errors.ts';
import { actorOf } from '../../../domain/users/index.ts';
import type { HttpDeps } from '../../deps.ts';
import type { AdminRoutePlugin } from '../index.ts';
import { csrfToken, requireCapability, sendAdminPage, staffOf } from '../index.ts';
import { registerCommentRulesPage } from './rules.tsx';
import { ACTION_LABELS, ConfirmAction, DESTRUCTIVE, Desk, EditForm, type DeskAction } from './desk.tsx';

const PER_PAGE = 25;
const pre = { preHandler: requireCapability('comments:moderate') };
type Req = FastifyRequest<{ Params: { id: string; action: string }; Querystring: Record<string, string | undefined> }>;

function commentId(raw: string): number {
  if (!/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) throw new AppError('NOT_FOUND', 'comment not found');
  return Number(raw);
}

function queueOf(req: Req): Queue {
  const q = req.query.queue;
  return q && (QUEUES as readonly string[]).includes(q) ? (q as Queue) : 'pending';
}

function storyOf(req: Req): number | null {
  const s = req.query.story;
  return s && /^[1-9]\d{0,9}$/.test(s) && Number(s) <= 2_147_483_647 ? Number(s) : null;
}

/** The flash after an action: words, spaces, commas and the `#` of "approve #12". */
const FLASH = /^[a-z_ ,#0-9]{1,60}$/i;

const back = (reply: FastifyReply, queue: Queue, done: string) => reply.code(303).header('location', `/admin/comments?queue=${queue}&done=${encodeURIComponent(done)}`).send();

async function runAction(deps: HttpDeps, id: number, action: DeskAction, actor: string): Promise<void> {
  const m = deps.commentModeration;
  if (action === 'approve' || action === 'reject' || action === 'spam') await m.moderate([id], action, actor);
  else if (action === 'ban_email') await m.ban(id, 'email', actor);
  else if (action === 'ban_ip') await m.ban(id, 'ip', actor);
  else await m.remove(id, actor);
}

/**
 * The moderation desk at /admin/comments (docs/comments.md): queues,
 * per-item and bulk actions, edits. Mounted as an admin route plugin, so
 * session auth, CSRF and the Origin check come from the admin context;
 * every route also requires `comments:moderate`. Nothing changes on GET.
 */
export const commentsDeskRoutes: AdminRoutePlugin = async (app, deps) => {
  registerCommentRulesPage(app, deps);
  app.get('/comments', pre, async (req: Req, reply) => {
    const queue = queueOf(req);
    const story = storyOf(req);
    const articleId = story ?? undefined;
    const page = Math.max(1, Math.min(10_000, Number(/^\d{1,5}$/.test(req.query.page ?? '') ? req.query.page : 1)));
    const [list, byStory, settings, ...counts] = await Promise.all([
      deps.commentModeration.list(queue, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE, articleId }),
      deps.commentModeration.pendingByStory(20),
      deps.settings.get(),
      ...QUEUES.map((q) => deps.commentModeration.list(q, { limit: 1, articleId }).then((r) => r.total)),
    ]);
    const countMap = Object.fromEntries(QUEUES.map((q, i) => [q, counts[i]])) as Record<Queue, number>;
    const done = req.query.done && FLASH.test(req.query.done) ? req.query.done : null;
    return sendAdminPage(req, reply, {
      title: `Comments: ${queue}`,
      current: '/admin/comments',
      content: (
        <Desk
          queue={queue} counts={countMap} items={list.items} page={page} pages={Math.max(1, Math.ceil(list.total / PER_PAGE))} csrf={csrfToken(req)}
          notice={done ? `Done: ${done}.` : null} tz={settings.timeZone} byStory={byStory} storyFilter={story} mailOn={deps.config.smtpUrl !== null}
        />
      ),
    });
  });

  app.post('/comments/bulk', pre, async (req: Req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const raw = Array.isArray(body.ids) ? body.ids : body.ids === undefined ? [] : [body.ids];
    const ids = raw.map((x) => commentId(String(x)));
    const action = parseQueueAction(body.action);
    const n = ids.length ? await deps.commentModeration.moderate(ids, action, actorOf(staffOf(req))) : 0;
    return back(reply, queueOf(req), `${action} ${n}`);
  });

  app.post('/comments/:id/:action', pre, async (req: Req, reply) => {
    const id = commentId(req.params.id);
    const action = req.params.action as DeskAction;
    if (!(action in ACTION_LABELS)) throw new AppError('NOT_FOUND', 'no such action');
    const c = await deps.commentModeration.get(id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const destructive = (DESTRUCTIVE as readonly string[]).includes(action);
    if (destructive && body.confirm !== 'yes') {
      const a = action as (typeof DESTRUCTIVE)[number];
      return sendAdminPage(req, reply, { title: `${ACTION_LABELS[a]}: comment #${id}`, current: '/admin/comments', content: <ConfirmAction c={c} action={a} csrf={csrfToken(req)} queue={queueOf(req)} /> });
    }
    await runAction(deps, id, action, actorOf(staffOf(req)));
    return back(reply, queueOf(req), `${action.replace('_', ' ')} #${id}`);
  });

  app.get('/comments/:id/edit', pre, async (req: Req, reply) => {
    const c = await deps.commentModeration.get(commentId(req.params.id));
    return sendAdminPage(req, reply, { title: `Edit comment #${c.id}`, current: '/admin/comments', content: <EditForm c={c} csrf={csrfToken(req)} /> });
  });

  app.post('/comments/:id/edit', pre, async (req: Req, reply) => {
    const id = commentId(req.params.id);
    const body = (req.body as Record<string, unknown> | undefined)?.body;
    try {
      await deps.commentModeration.edit(id, typeof body === 'string' ? body : '', actorOf(staffOf(req)));
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 422) throw e;
      const c = await deps.commentModeration.get(id);
      return sendAdminPage(req, reply, { title: `Edit comment #${id}`, status: 422, current: '/admin/comments', content: <EditForm c={{ ...c, body: typeof body === 'string' ? body : '' }} csrf={csrfToken(req)} error={e.message} /> });
    }
    return back(reply, 'pending', `edited #${id}`);
  });
};

function parseQueueAction(v: unknown): 'approve' | 'reject' | 'spam' {
  if (v === 'approve' || v === 'reject' || v === 'spam') return v;
  throw new AppError('VALIDATION_FAILED', 'action: choose approve, reject or spam', { field: 'action' });
}
