import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest, type FastifyReply } from 'fastify';
import { sendError, toErrorResponse, logFailure } from './errors.ts';
import { sendUnavailablePage, wantsHtml } from './unavailable-page.ts';
import { proxyTrust } from './trusted-proxies.ts';
import { securityHeaders } from './security-headers.ts';

export interface HttpOptions {
  logLevel: string;
  trustProxy: number;
  /** TRUSTED_PROXIES: addresses and CIDRs allowed to set X-Forwarded-For and X-Request-Id. */
  trustedProxies?: readonly string[];
  /** Fraction of requests in the access log; 5xx are always logged. */
  accessLogSample?: number;
  /** /healthz, /readyz, /metrics, and the per-request metrics. */
  ops?: { register(app: FastifyInstance): Promise<void>; observeRequest(method: string, route: string, status: number, seconds: number): void };
  publicDir: string;
  mediaDir: string;
  /** The public site: routes plus its 404 page for unknown paths. */
  site: { register(app: FastifyInstance): Promise<void>; notFound(req: FastifyRequest, reply: FastifyReply): Promise<unknown> };
  /** JSON APIs under /api. */
  api: { register(app: FastifyInstance): Promise<void> };
  /** The newsroom under /admin: session auth, CSRF and form parsing live only in its context. */
  admin?: { register(app: FastifyInstance): Promise<void> };
}

/** What a proxy may send as a request id: short, and nothing a log viewer could misread. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function buildServer(opts: HttpOptions): Promise<FastifyInstance> {
  const trust = proxyTrust(opts.trustedProxies ?? [], opts.trustProxy);
  const sample = opts.accessLogSample ?? 1;
  const app = Fastify({
    logger: { level: opts.logLevel },
    // Fastify's own request lines are replaced by one sampled access line per response (below).
    logController: new LogController({ disableRequestLogging: true }),
    // X-Forwarded-For is read only from our proxies (src/http/trusted-proxies.ts); a client
    // that reaches the port directly is taken at its socket address whatever it sends.
    trustProxy: trust.trustProxy,
    // A request id from our own proxy ties our log line to its; anyone else's is replaced.
    requestIdHeader: false,
    genReqId: (raw: IncomingMessage) => {
      const sent = raw.headers['x-request-id'];
      return typeof sent === 'string' && REQUEST_ID.test(sent) && trust.fromProxy(raw.socket.remoteAddress) ? sent : randomUUID();
    },
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { maxParamLength: 300 },
    requestTimeout: 30_000,
    return503OnClosing: true,
  });
  const headers = securityHeaders();
  // Checked once: with LOG_LEVEL above info (the benchmarks), no access-line object is built.
  const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
  const logsInfo = LEVELS.indexOf(opts.logLevel) >= 0 && LEVELS.indexOf(opts.logLevel) <= LEVELS.indexOf('info');
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(headers);
    reply.header('x-request-id', req.id);
    done();
  });
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    const ms = reply.elapsedTime;
    opts.ops?.observeRequest(req.method, route, status, ms / 1000);
    // The path without its query: reset and unsubscribe links carry tokens there.
    if (logsInfo && (status >= 500 || sample >= 1 || Math.random() < sample)) {
      req.log.info({ method: req.method, path: req.url.split('?')[0], route, status, ms: Math.round(ms * 10) / 10, ip: req.ip }, 'request');
    }
    done();
  });
  app.setErrorHandler((err, req, reply) => {
    const { status, retryAfter } = toErrorResponse(err);
    // A reader's browser gets a page it can read; scripts and the APIs keep the JSON contract.
    if (status === 503 && wantsHtml(req)) return (logFailure(req, status, err), sendUnavailablePage(reply, retryAfter ?? 5));
    return sendError(req, reply, err);
  });
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
  if (opts.ops) await opts.ops.register(app);
  await opts.site.register(app);
  await app.register(async (api) => opts.api.register(api), { prefix: '/api' });
  if (opts.admin) {
    const admin = opts.admin;
    await app.register(async (a) => admin.register(a), { prefix: '/admin' });
  }
  return app;
}
