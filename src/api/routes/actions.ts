import type { FastifyInstance } from 'fastify';
import { requireBearerToken } from '../bearer-token.ts';
import type { ApiDeps } from '../deps.ts';
import {
  bearerSecurity,
  commonErrors,
  errorBodySchema,
  type IdentityParams,
  identityOf,
  identityParamsSchema,
} from '../schemas/common.ts';

const refusals = { 401: errorBodySchema, 403: errorBodySchema } as const;

const acceptedSchema = {
  type: 'object',
  required: ['accepted', 'message'],
  properties: { accepted: { type: 'boolean' }, identity: { type: 'string' }, message: { type: 'string' } },
} as const;

/** The POST routes: each asks the operator to act, and each needs the bearer token. */
export function actionRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const preHandler = requireBearerToken(deps.token);

  app.post(
    '/sync',
    {
      preHandler,
      schema: {
        summary: 'Look at the manifest source now.',
        tags: ['operator'],
        security: bearerSecurity,
        response: { 202: acceptedSchema, ...refusals, ...commonErrors },
      },
    },
    async (_request, reply) => {
      await deps.actions.sync();
      return reply.code(202).send({ accepted: true, message: 'The source will be read now.' });
    },
  );

  app.post<{ Params: IdentityParams }>(
    '/reconcile/:kind/:namespace/:name',
    {
      preHandler,
      schema: {
        summary: 'Reconcile one resource now.',
        tags: ['operator'],
        security: bearerSecurity,
        params: identityParamsSchema,
        response: { 202: acceptedSchema, 404: errorBodySchema, ...refusals, ...commonErrors },
      },
    },
    async (request, reply) => {
      const identity = identityOf(request.params);
      const result = await deps.actions.reconcile(identity);
      if (result === 'unknown') {
        return reply
          .code(404)
          .send({ statusCode: 404, error: 'Not Found', message: `No manifest names ${identity}.` });
      }
      return reply.code(202).send({ accepted: true, identity, message: `${identity} is queued.` });
    },
  );

  app.post(
    '/prune/allow',
    {
      preHandler,
      schema: {
        summary: 'Override the prune guard: let the held-back revision delete what it would delete.',
        tags: ['operator'],
        security: bearerSecurity,
        response: { 200: acceptedSchema, ...refusals, ...commonErrors },
      },
    },
    async () => {
      await deps.actions.allowPrune();
      return { accepted: true, message: 'The prune guard is overridden for the held-back revision.' };
    },
  );
}
