import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../deps.ts';
import { commonErrors } from '../schemas/common.ts';

export function metricsRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const { registry } = deps.metrics;
  app.get(
    '/metrics',
    {
      schema: {
        summary: 'Prometheus metrics (text exposition format).',
        tags: ['health'],
        produces: ['text/plain'],
        response: { 200: { type: 'string' }, ...commonErrors },
      },
    },
    async (_request, reply) => {
      const text = await registry.metrics();
      return reply.type(registry.contentType).send(text);
    },
  );
}
