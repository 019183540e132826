import path from 'node:path';
import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest, type FastifyReply } from 'fastify';
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
    // Per-request log lines cost more than a cached page; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    // Trust exactly TRUST_PROXY_HOPS proxies in front of us: X-Forwarded-For entries beyond
    // them are the client's to forge. (A plain number here did not take effect in our tests.)
    trustProxy: opts.trustProxy > 0 ? (_addr: string, hop: number) => hop < opts.trustProxy : false,
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { maxParamLength: 300 },
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
  // Everything not from the page cache (search, the APIs, the newsroom, static files) is
  // compressed per response; cached pages bring their own compressed copy (site/respond.ts).
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
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
