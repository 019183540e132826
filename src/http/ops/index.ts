import type { FastifyInstance } from 'fastify';
import { AppMetrics, type MetricsSources } from './metrics.ts';
import { registerOpsRoutes } from './ops.routes.ts';
import type { ReadinessProbes } from './readiness.ts';

export { AppMetrics, type CommentOutcome, type MetricsSources } from './metrics.ts';
export type { ReadinessProbes } from './readiness.ts';

export interface OpsOptions {
  sources: MetricsSources;
  probes: ReadinessProbes;
  metricsToken: string | null;
}

/** /healthz, /readyz and /metrics, and the metrics the rest of the HTTP layer records into. */
export function createOps(opts: OpsOptions) {
  const metrics = new AppMetrics(opts.sources);
  return {
    metrics,
    register: (app: FastifyInstance) => registerOpsRoutes(app, { metrics, probes: opts.probes, metricsToken: opts.metricsToken }),
    close: () => metrics.close(),
  };
}
