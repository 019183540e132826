import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimited } from '../../domain/users/index.ts';
import { logFailure, sendError, toErrorResponse } from '../errors.ts';
import { Notice, sendAdminPage } from './layout.tsx';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Page not found',
  409: 'Conflict',
  413: 'Too large',
  422: 'Please check your input',
  429: 'Too many attempts',
  503: 'Unavailable for a moment',
};

/**
 * Errors in the admin context become pages in the admin layout with the
 * same status and words as the JSON contract; a script that asks for JSON
 * (Accept: application/json) gets the JSON body instead.
 */
export function sendAdminError(err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.header('cache-control', 'no-store');
  if (err instanceof RateLimited) reply.header('retry-after', String(err.retryAfterSeconds));
  const accept = req.headers.accept ?? '';
  if (accept.includes('application/json') && !accept.includes('text/html')) return sendError(req, reply, err);
  const { status, body, retryAfter } = toErrorResponse(err);
  logFailure(req, status, err);
  if (retryAfter) reply.header('retry-after', String(retryAfter));
  // The editor keeps a copy of the text in the tab before each save (src/editor/kept-draft.ts).
  const kept = status === 503 && req.method === 'POST' && /^\/admin\/stories(\/|$)/.test(req.url) ? (
    <p>
      Your text was not lost: this browser tab kept it. Go back to the story once the site answers again and it is restored for you to save.
    </p>
  ) : null;
  const signIn = status === 401 ? (
    <p>
      <a href="/admin/sign-in">Sign in</a>
    </p>
  ) : null;
  return sendAdminPage(req, reply, {
    title: TITLES[status] ?? 'Something went wrong',
    status,
    content: (
      <>
        <Notice kind="error">{body.error.message}</Notice>
        {kept}
        {signIn}
      </>
    ),
  });
}
