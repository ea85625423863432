import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../deps.ts';
import { commonErrors } from '../schemas/common.ts';
import { planSchema } from '../schemas/views.ts';

export function planRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/plan',
    {
      schema: {
        summary: 'What the next pass would do to each resource (the operator computes it; no write).',
        tags: ['operator'],
        response: { 200: planSchema, ...commonErrors },
      },
    },
    async () => deps.actions.plan(),
  );
}
