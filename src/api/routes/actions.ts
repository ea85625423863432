import type { FastifyInstance, FastifyReply } from 'fastify';
import { requireBearerToken } from '../bearer-token.ts';
import type { ApiDeps, PruneAllowRequest } from '../deps.ts';
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
import { rollbackRoute } from './rollback.ts';
import { rolloutRoutes } from './rollouts.ts';

const pruneAllowBodySchema = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: {
    revision: { type: 'string', description: 'the digest of the revision allowed (sha256:...)' },
    emptySource: { type: 'boolean', description: 'also when the source is empty' },
  },
} as const;

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
        response: { 202: acceptedSchema, ...tokenRefusals, ...commonErrors },
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
        response: { 202: acceptedSchema, 404: errorBodySchema, ...tokenRefusals, ...commonErrors },
      },
    },
    async (request, reply) => {
      const identity = identityOf(request.params);
      const result = await deps.actions.reconcile(identity);
      if (result === 'unknown') {
        return refuse(reply, 404, `No manifest names ${identity}.`);
      }
      return reply.code(202).send({ accepted: true, identity, message: `${identity} is queued.` });
    },
  );

  app.post<{ Body: PruneAllowRequest | undefined }>(
    '/prune/allow',
    {
      preHandler,
      schema: {
        summary:
          'Override the prune guard for the revision in force: let it delete what it would delete, for a while.',
        description:
          'Name the revision you looked at (`revision`, its digest as GET /status shows it): a newer one is not allowed by mistake. An empty source deletes everything Shipshape owns and needs `emptySource: true`. The override ends when another revision comes into force, or after pruneOverrideSeconds.',
        tags: ['operator'],
        security: bearerSecurity,
        body: pruneAllowBodySchema,
        response: { 200: acceptedSchema, 409: errorBodySchema, ...tokenRefusals, ...commonErrors },
      },
    },
    async (request, reply) => {
      const outcome = await deps.actions.allowPrune(request.body ?? {});
      if (!outcome.allowed) {
        return refuse(reply, 409, outcome.reason);
      }
      const minutes = Math.round(outcome.expiresInMs / 60_000);
      return {
        accepted: true,
        message: `The prune guard is overridden for revision ${outcome.revisionId}, for ${minutes} min or until another revision comes into force.`,
      };
    },
  );

  for (const suspended of [true, false]) suspendRoutes(app, deps, preHandler, suspended);
  rollbackRoute(app, deps, preHandler);
  rolloutRoutes(app, deps, preHandler);
}

function suspendRoutes(
  app: FastifyInstance,
  deps: ApiDeps,
  preHandler: ReturnType<typeof requireBearerToken>,
  suspended: boolean,
): void {
  const verb = suspended ? 'suspend' : 'resume';
  const done = suspended ? 'suspended: observed, never written' : 'resumed';
  const answer = async (identity: string, reply: FastifyReply) => {
    const result = await deps.actions.suspend(identity, suspended);
    const what = identity === '*' ? 'Every resource' : identity;
    if (result === 'unknown') return refuse(reply, 404, `No manifest names ${identity}.`);
    if (result === 'not-leading') return refuse(reply, 409, notLeading(verb));
    return reply.code(200).send({
      accepted: true,
      ...(identity === '*' ? {} : { identity }),
      message:
        result === 'changed'
          ? `${what} ${done}.`
          : `${what} was already ${suspended ? 'suspended' : 'resumed'}.`,
    });
  };
  const responses = { 200: acceptedSchema, 409: errorBodySchema, ...tokenRefusals, ...commonErrors };
  app.post(
    `/${verb}`,
    {
      preHandler,
      schema: {
        summary: suspended
          ? 'Suspend every resource: observed and reported, never written, until resumed.'
          : 'Resume every resource suspended as a whole (one suspended by name stays so).',
        tags: ['operator'],
        security: bearerSecurity,
        response: responses,
      },
    },
    (_request, reply) => answer('*', reply),
  );
  app.post<{ Params: IdentityParams }>(
    `/${verb}/:kind/:namespace/:name`,
    {
      preHandler,
      schema: {
        summary: suspended
          ? 'Suspend one resource: observed and reported, never written, until resumed.'
          : 'Resume one suspended resource.',
        tags: ['operator'],
        security: bearerSecurity,
        params: identityParamsSchema,
        response: { ...responses, 404: errorBodySchema },
      },
    },
    (request, reply) => answer(identityOf(request.params), reply),
  );
}
