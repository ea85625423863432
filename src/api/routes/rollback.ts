import type { FastifyInstance } from 'fastify';
import type { requireBearerToken } from '../bearer-token.ts';
import type { ApiDeps, RollbackRequest } from '../deps.ts';
import { notLeading, refuse } from '../refusal.ts';
import {
  bearerSecurity,
  commonErrors,
  errorBodySchema,
  type IdentityParams,
  identityOf,
  identityParamsSchema,
  tokenRefusals,
} from '../schemas/common.ts';

const rollbackBodySchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: {
    to: {
      type: 'string',
      minLength: 1,
      description:
        'a revision digest (sha256:..., or 7 or more hex digits of it) or a task definition (ARN or family:revision); by default the task definition the service ran before',
    },
  },
} as const;

const rolledBackSchema = {
  type: 'object',
  required: ['accepted', 'identity', 'message', 'taskDefinitionArn'],
  properties: {
    accepted: { type: 'boolean' },
    identity: { type: 'string' },
    message: { type: 'string' },
    taskDefinitionArn: { type: 'string' },
    from: { type: 'string' },
  },
} as const;

/** POST /rollback/Service/{namespace}/{name}: rolls a service back and pins it there until its manifest changes. */
export function rollbackRoute(
  app: FastifyInstance,
  deps: ApiDeps,
  preHandler: ReturnType<typeof requireBearerToken>,
): void {
  app.post<{ Params: IdentityParams; Body: RollbackRequest | undefined }>(
    '/rollback/:kind/:namespace/:name',
    {
      preHandler,
      schema: {
        summary:
          'Roll a Service back to an earlier task definition; self-heal leaves it there until its manifest changes.',
        description:
          'Without `to`, the task definition the service ran before its current one. With a revision digest, the task definition that revision ran (the last 10 per Service are recorded). With a task definition, that one. The pin shows as the RolledBack condition and in GET /revisions; a change of the Service manifest, or of the task definition it asks for, releases it.',
        tags: ['operator'],
        security: bearerSecurity,
        params: identityParamsSchema,
        body: rollbackBodySchema,
        response: {
          200: rolledBackSchema,
          404: errorBodySchema,
          409: errorBodySchema,
          ...tokenRefusals,
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const identity = identityOf(request.params);
      const outcome = await deps.actions.rollback(identity, request.body ?? {});
      switch (outcome.result) {
        case 'rolled-back':
          return {
            accepted: true,
            identity,
            message: `${identity} rolled back to ${outcome.taskDefinitionArn}; self-heal leaves it there until its manifest changes.`,
            taskDefinitionArn: outcome.taskDefinitionArn,
            ...(outcome.from === undefined ? {} : { from: outcome.from }),
          };
        case 'unknown':
          return refuse(reply, 404, `No live service of a manifest is ${identity}.`);
        case 'not-a-service':
          return refuse(reply, 400, `Only a Service rolls back; ${identity} is not one.`);
        case 'not-leading':
          return refuse(reply, 409, notLeading('roll back'));
        case 'refused':
          return refuse(reply, 409, outcome.message);
      }
    },
  );
}
