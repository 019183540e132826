import path from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyReply } from 'fastify';
import { sendError } from './errors.ts';
import { securityHeaders } from './security-headers.ts';

export interface HttpOptions {
  logLevel: string;
  trustProxy: number;
  publicDir: string;
  mediaDir: string;
  /** The public site: routes plus its 404 page for unknown paths. */
  site: { register(app: FastifyInstance): Promise<void>; notFound(req: FastifyRequest, reply: FastifyReply): Promise<unknown> };
  /** JSON APIs under /api. */
  api: { register(app: FastifyInstance): Promise<void> };
  /** The newsroom under /admin: session auth, CSRF and form parsing live only in its context. */
  admin?: { register(app: FastifyInstance): Promise<void> };
}

export async function buildServer(opts: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: opts.logLevel },
    disableRequestLogging: true,
    // A number trusts that many proxy hops; X-Forwarded-For beyond them is ignored.
    trustProxy: (opts.trustProxy > 0 ? opts.trustProxy : false) as boolean,
    bodyLimit: 2 * 1024 * 1024,
    maxParamLength: 300,
    requestTimeout: 30_000,
    return503OnClosing: true,
  });
  const headers = securityHeaders();
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
  app.setErrorHandler((err, req, reply) => sendError(req, reply, err));
  app.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith('/api/')) return sendError(req, reply, Object.assign(new Error(`no route ${req.method} ${req.url.split('?')[0]}`), { statusCode: 404 }));
    return opts.site.notFound(req, reply);
  });
  await app.register(fastifyStatic, {
    root: path.resolve(opts.publicDir),
    prefix: '/static/',
    maxAge: '7d',
    immutable: false,
    index: false,
    dotfiles: 'deny',
  });
  await app.register(fastifyStatic, {
    root: path.resolve(opts.mediaDir),
    prefix: '/media/',
    decorateReply: false,
    maxAge: '365d',
    immutable: true,
    index: false,
    dotfiles: 'deny',
    setHeaders: (res) => res.header('x-content-type-options', 'nosniff'),
  });
  await opts.site.register(app);
  await app.register(async (api) => opts.api.register(api), { prefix: '/api' });
  if (opts.admin) {
    const admin = opts.admin;
    await app.register(async (a) => admin.register(a), { prefix: '/admin' });
  }
  return app;
}
