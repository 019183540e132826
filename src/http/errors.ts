import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../domain/shared/errors.ts';
import { isDatabaseUnavailable, UNAVAILABLE_RETRY_AFTER_SECONDS } from '../storage/index.ts';

export interface ErrorBody {
  error: { code: string; message: string; field?: string; problems?: Array<{ field: string; message: string }> };
}

/** Fastify's own client errors, given our stable codes and readable words. */
const FASTIFY_CODES: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send the body as application/json' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'the request body is too large' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'BAD_REQUEST', message: 'the JSON body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'BAD_REQUEST', message: 'the body is not valid JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_REQUEST', message: 'Content-Length does not match the body' },
};

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** Seconds, for Retry-After: set on 503, when waiting is all the client can do. */
  retryAfter?: number;
}

export const UNAVAILABLE_MESSAGE = 'the site cannot reach its database just now; nothing was changed, please try again in a few seconds';

export function toErrorResponse(err: unknown): ErrorResponse {
  if (isDatabaseUnavailable(err)) {
    return { status: 503, body: { error: { code: 'UNAVAILABLE', message: UNAVAILABLE_MESSAGE } }, retryAfter: UNAVAILABLE_RETRY_AFTER_SECONDS };
  }
  if (err instanceof AppError) {
    return {
      status: err.status,
      body: { error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}), ...(err.problems.length ? { problems: err.problems } : {}) } },
    };
  }
  const fe = err as FastifyError & { statusCode?: number };
  const known = fe?.code ? FASTIFY_CODES[fe.code] : undefined;
  if (known) return { status: known.status, body: { error: { code: known.code, message: known.message } } };
  if (fe?.validation) {
    return { status: 400, body: { error: { code: 'BAD_REQUEST', message: fe.message } } };
  }
  if (fe instanceof SyntaxError || (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)) {
    const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 400;
    const code = status === 404 ? 'NOT_FOUND' : status === 429 ? 'RATE_LIMITED' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
    return { status, body: { error: { code, message: fe.message || 'bad request' } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'something went wrong on our side; it has been logged' } } };
}

export function sendError(req: FastifyRequest, reply: FastifyReply, err: unknown): FastifyReply {
  const { status, body, retryAfter } = toErrorResponse(err);
  logFailure(req, status, err);
  if (retryAfter) reply.header('retry-after', String(retryAfter));
  return reply.code(status).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(body);
}

/**
 * 500s are bugs and logged with their stack; a 503 is the database being
 * away, logged as a warning with its code only, so an outage of a few
 * seconds does not bury the log under identical stacks.
 */
export function logFailure(req: FastifyRequest, status: number, err: unknown): void {
  if (status === 503) req.log.warn({ code: (err as { code?: unknown })?.code, reason: (err as Error)?.message }, 'database unavailable');
  else if (status >= 500) req.log.error({ err }, 'request failed');
}
