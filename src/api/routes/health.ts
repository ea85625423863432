import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../deps.ts';
import { errorBodySchema } from '../schemas/common.ts';

const readinessSchema = {
  type: 'object',
  required: ['ready', 'stateStore', 'firstPassDone'],
  properties: {
    ready: { type: 'boolean' },
    stateStore: { type: 'boolean', description: 'The state store answered a read.' },
    firstPassDone: { type: 'boolean' },
    message: { type: 'string' },
  },
} as const;

export function healthRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Alive: the process answers.',
        tags: ['health'],
        response: { 200: { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' } } } },
      },
    },
    async () => ({ ok: true }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        summary: 'Ready: the state store answers and the first pass is done.',
        tags: ['health'],
        response: { 200: readinessSchema, 503: readinessSchema, 500: errorBodySchema },
      },
    },
    async (request, reply) => {
      const firstPassDone = deps.ready();
      let stateStore = true;
      let message: string | undefined;
      try {
        await deps.status.getOperator();
      } catch (error) {
        stateStore = false;
        message = 'The state store did not answer.';
        request.log.warn({ err: error }, message);
      }
      if (stateStore && !firstPassDone) message = 'The first reconcile pass has not finished yet.';
      const ready = stateStore && firstPassDone;
      return reply.code(ready ? 200 : 503).send({
        ready,
        stateStore,
        firstPassDone,
        ...(message === undefined ? {} : { message }),
      });
    },
  );
}
