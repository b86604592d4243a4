// Operations endpoints: liveness/readiness and Prometheus metrics.
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import type { AppContext } from '../../app-context.ts';
import { ping } from '../db/index.ts';

export function registerOps(app: FastifyInstance, ctx: AppContext): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const httpDuration = new client.Histogram({
    name: 'gongkai_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    httpDuration.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  // Probes and scrapers must always see the live state, never a cached answer.
  app.get('/healthz', { config: { policy: 'public' } }, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await ping(ctx.db);
      return reply.send({ status: 'ok' });
    } catch {
      return reply.code(503).send({ status: 'unavailable', error: { code: 'database_unavailable', message: '数据库暂时无法连接' } });
    }
  });

  // Metrics are for the operator only: allowed from the loopback interface.
  app.get('/metrics', { config: { policy: 'public' } }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.ip)) return reply.code(403).send({ error: { code: 'forbidden', message: '仅允许本机访问' } });
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
