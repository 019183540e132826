import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/shared/errors.ts';
import type { HttpDeps } from '../deps.ts';
import { registerArticleRoutes } from './articles.routes.ts';
import { bearerAuth, keyOf } from './auth.ts';
import { registerCommentApiRoutes } from './comments.routes.ts';
import { registerHouseSpellingRoutes } from './house-spellings.routes.ts';
import { registerImageRoutes } from './images.routes.ts';
import { registerTaxonomyRoutes } from './taxonomy.routes.ts';
import { registerFrontPageApiRoutes } from './front-page.routes.ts';
import { registerPageRoutes } from './pages.routes.ts';
import { registerRedirectRoutes } from './redirects.routes.ts';
import { can, ROLES, type Capability } from '../../domain/access/index.ts';

/** A story body is a few hundred KB at most; the server-wide limit (2 MB) is for uploads elsewhere. */
export const API_BODY_LIMIT = 1024 * 1024;

const CAPABILITIES: Capability[] = [
  'articles:read', 'articles:write-draft', 'articles:publish', 'articles:edit-any', 'articles:delete',
  'taxonomy:write', 'comments:moderate', 'settings:write', 'keys:manage',
];

export interface AdminApiOptions {
  /** Requests per minute per client IP. */
  rateLimitMax?: number;
}

// secure-json-parse's rule, made explicit and given a clear answer: these keys
// would rewrite an object's prototype the moment anything merges the body.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Our own JSON parser for this context: JSON.parse with a reviver that
 * refuses prototype-poisoning keys anywhere in the document (escapes such
 * as "\u005f_proto__" decode to the same key, so a text scan would not do).
 * An empty body is no body, so a DELETE sent with a JSON content type works.
 */
export function parseJsonBody(_req: FastifyRequest, text: string | Buffer, done: (err: Error | null, body?: unknown) => void): void {
  const s = typeof text === 'string' ? text : text.toString('utf8');
  if (!s.trim()) return done(null, undefined);
  try {
    done(null, JSON.parse(s, (key, value) => {
      if (FORBIDDEN_KEYS.has(key)) throw new AppError('BAD_REQUEST', `the body contains the forbidden key "${key}"`, { field: key });
      return value;
    }));
  } catch (e) {
    done(e instanceof AppError ? e : new AppError('BAD_REQUEST', 'the body is not valid JSON'));
  }
}

/**
 * Admin API v1, one encapsulated context (docs/architecture.md, house conventions): its JSON-only body
 * parser, body limit, rate limit and bearer auth exist here and nowhere else.
 */
export async function adminApiV1(app: FastifyInstance, deps: HttpDeps, opts: AdminApiOptions = {}): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: API_BODY_LIMIT }, parseJsonBody);

  // Keyed by client IP (after the trusted proxy hops): keying by the presented
  // key would let a flood of made-up keys skip the limit.
  await app.register(rateLimit, {
    max: opts.rateLimitMax ?? 600,
    timeWindow: '1 minute',
    keyGenerator: (req) => req.ip,
    errorResponseBuilder: (_req, ctx) => new AppError('RATE_LIMITED', `too many requests; retry in ${ctx.after}`),
  });

  if (!app.hasRequestDecorator('apiKey')) app.decorateRequest('apiKey', null);
  // preParsing: after the rate limit (an onRequest route hook), before a body is read for an unknown caller.
  const authenticate = bearerAuth(deps.apiKeys);
  app.addHook('preParsing', async (req, reply) => {
    await authenticate(req, reply);
  });
  app.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });

  // Lets a script check its key and see what it may do before it tries.
  app.get('/me', async (req) => {
    const key = keyOf(req);
    return { key: { id: key.id, name: key.name, role: key.role, capabilities: CAPABILITIES.filter((c) => can(key.role, c)) }, roles: ROLES };
  });
  registerArticleRoutes(app, deps);
  registerTaxonomyRoutes(app, deps);
  registerHouseSpellingRoutes(app, deps);
  registerCommentApiRoutes(app, deps);
  registerFrontPageApiRoutes(app, deps);
  await app.register(async (images) => registerImageRoutes(images, deps));
  registerPageRoutes(app, deps);
  // Its own child: the text/csv parser exists for these routes only.
  await app.register(async (redirects) => registerRedirectRoutes(redirects, deps));
}
