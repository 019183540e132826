import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppMetrics } from './metrics.ts';
import { checkReadiness, type ReadinessProbes } from './readiness.ts';

export interface OpsRoutesOptions {
  metrics: AppMetrics;
  probes: ReadinessProbes;
  metricsToken: string | null;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/**
 * A scrape from this host needs no token; anything else does. A request a
 * local reverse proxy passed on also arrives from loopback, so one that
 * carries forwarding headers is treated as coming from outside.
 */
export function metricsAllowed(req: FastifyRequest, token: string | null): boolean {
  const local = LOOPBACK.test(req.socket.remoteAddress ?? '') && !req.headers['x-forwarded-for'] && !req.headers.forwarded && !req.headers['x-real-ip'];
  if (local) return true;
  if (!token) return false;
  const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  if (!m) return false;
  // Compared as digests: equal lengths, and no early exit on the first different byte.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(m[1]), digest(token));
}

export async function registerOpsRoutes(app: FastifyInstance, opts: OpsRoutesOptions): Promise<void> {
  // Liveness: the process answers. Nothing else, so a database outage never gets the process killed.
  app.get('/healthz', async (_req, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const { ready, checks } = await checkReadiness(opts.probes);
    if (!ready) reply.code(503).header('retry-after', '5');
    return reply.header('cache-control', 'no-store').send({ status: ready ? 'ready' : 'not ready', checks });
  });
  app.get('/metrics', async (req, reply) => {
    if (!metricsAllowed(req, opts.metricsToken)) {
      return reply.code(403).header('cache-control', 'no-store').send({ error: { code: 'FORBIDDEN', message: 'metrics are served to this host, or with Authorization: Bearer METRICS_TOKEN' } });
    }
    return reply.header('cache-control', 'no-store').type(opts.metrics.contentType).send(await opts.metrics.text());
  });
}
