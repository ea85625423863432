import type { FastifyInstance } from 'fastify';
import type { requireBearerToken } from '../bearer-token.ts';
import type { ApiDeps } from '../deps.ts';
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

const decidedSchema = {
  type: 'object',
  required: ['accepted', 'identity', 'message', 'deployment', 'hookId', 'stage'],
  properties: {
    accepted: { type: 'boolean' },
    identity: { type: 'string' },
    message: { type: 'string' },
    deployment: { type: 'string' },
    hookId: { type: 'string' },
    stage: { type: 'string' },
  },
} as const;

const ACTIONS = {
  promote: {
    summary: 'Promote a rollout paused at a manual gate: its manual check passes.',
    verb: 'promoted',
  },
  abort: { summary: 'Abort a rollout paused at a manual gate: it is rolled back.', verb: 'aborted' },
} as const;

/** POST /rollouts/Service/{namespace}/{name}/promote and /abort: the manual check of a paused rollout gate. */
export function rolloutRoutes(
  app: FastifyInstance,
  deps: ApiDeps,
  preHandler: ReturnType<typeof requireBearerToken>,
): void {
  for (const decision of ['promote', 'abort'] as const) {
    app.post<{ Params: IdentityParams }>(
      `/rollouts/:kind/:namespace/:name/${decision}`,
      {
        preHandler,
        schema: {
          summary: ACTIONS[decision].summary,
          description:
            "The rollout is the Service's deployment paused at a PAUSE hook whose gate (spec.rollout) has a manual check. The decision is kept in the Service's status; the gate then continues the deployment when every check passed, or rolls it back.",
          tags: ['operator'],
          security: bearerSecurity,
          params: identityParamsSchema,
          response: {
            200: decidedSchema,
            404: errorBodySchema,
            409: errorBodySchema,
            ...tokenRefusals,
            ...commonErrors,
          },
        },
      },
      async (request, reply) => {
        const identity = identityOf(request.params);
        if (request.params.kind !== 'Service') {
          return refuse(reply, 400, `Only a Service has rollouts; ${identity} is not one.`);
        }
        const outcome = await deps.actions.decideRollout(identity, decision);
        switch (outcome.result) {
          case 'decided':
            return {
              accepted: true,
              identity,
              message: `${identity}: the rollout paused at ${outcome.stage} is ${ACTIONS[decision].verb}.`,
              deployment: outcome.deployment,
              hookId: outcome.hookId,
              stage: outcome.stage,
            };
          case 'unknown':
            return refuse(reply, 404, `No Service status is ${identity}.`);
          case 'not-leading':
            return refuse(reply, 409, notLeading('decide'));
          case 'not-paused':
            return refuse(reply, 409, `Nothing of ${identity} is paused at a manual rollout gate.`);
        }
      },
    );
  }
}
