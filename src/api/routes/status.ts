import type { FastifyInstance } from 'fastify';
import type { StatusFilter } from '../../state/types.ts';
import type { ApiDeps } from '../deps.ts';
import { summarize, toResourceView } from '../resource-view.ts';
import {
  commonErrors,
  errorBodySchema,
  type IdentityParams,
  identityOf,
  identityParamsSchema,
  statusFilterSchema,
} from '../schemas/common.ts';
import { resourceStatusSchema } from '../schemas/state.ts';
import { driftReportSchema, statusListSchema } from '../schemas/views.ts';

export function statusRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Querystring: StatusFilter }>(
    '/status',
    {
      schema: {
        summary: 'Counts by sync and health, the operator state, and every resource matching the filters.',
        tags: ['status'],
        querystring: statusFilterSchema,
        response: { 200: statusListSchema, ...commonErrors },
      },
    },
    async (request) => {
      const [statuses, operator] = await Promise.all([
        deps.status.listStatuses(request.query),
        deps.status.getOperator(),
      ]);
      return { summary: summarize(statuses), operator, resources: statuses.map(toResourceView) };
    },
  );

  app.get<{ Params: IdentityParams }>(
    '/status/:kind/:namespace/:name',
    {
      schema: {
        summary: 'The status of one resource.',
        tags: ['status'],
        params: identityParamsSchema,
        response: { 200: resourceStatusSchema, 404: errorBodySchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const identity = identityOf(request.params);
      const status = await deps.status.getStatus(identity);
      if (status === undefined) {
        return reply
          .code(404)
          .send({ statusCode: 404, error: 'Not Found', message: `No status for ${identity}.` });
      }
      return toResourceView(status);
    },
  );

  app.get<{ Querystring: StatusFilter }>(
    '/drift',
    {
      schema: {
        summary:
          'Only the resources that differ from their manifests, field by field (desired beside actual).',
        tags: ['status'],
        querystring: statusFilterSchema,
        response: { 200: driftReportSchema, ...commonErrors },
      },
    },
    async (request) => {
      const statuses = await deps.status.listStatuses(request.query);
      const drifting = statuses.filter((status) => status.drift.length > 0);
      return { driftFields: summarize(drifting).driftFields, resources: drifting.map(toResourceView) };
    },
  );
}
