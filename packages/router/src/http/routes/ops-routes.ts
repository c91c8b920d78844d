import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { SwitchboardService } from '../../service/switchboard-service.js';
import { errorReplies } from '../schemas.js';

const Health = Type.Object({ status: Type.String() });

/** Liveness, readiness (the store answers, not shutting down) and Prometheus metrics. */
export const opsRoutes: FastifyPluginAsyncTypebox<{ service: SwitchboardService }> = async (app, { service }) => {
  app.get('/livez', { config: { public: true, rateLimit: false }, schema: { tags: ['operations'], summary: 'The process is alive', response: { 200: Health } } }, async () => ({ status: 'ok' }));

  app.get('/readyz', {
    config: { public: true, rateLimit: false },
    schema: { tags: ['operations'], summary: 'The service can take traffic (store reachable, not shutting down)', response: { 200: Health, 503: Health } },
  }, async (_req, reply) => ((await service.ready()) ? { status: 'ready' } : reply.code(503).send({ status: service.isClosing ? 'closing' : 'store-unavailable' })));

  app.get('/metrics', {
    config: { public: true, rateLimit: false },
    schema: { tags: ['operations'], summary: 'Prometheus metrics: queue KPIs, agents, decisions and their latency, process', response: { 200: Type.String(), ...errorReplies } },
  }, async (_req, reply) => {
    const text = await service.metrics.registry.metrics();
    return reply.type(service.metrics.registry.contentType).send(text);
  });
};
