import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../deps.ts';
import { commonErrors } from '../schemas/common.ts';
import { revisionRecordSchema, serviceRunsSchema, stateEventSchema } from '../schemas/state.ts';
import { servicesRunning } from '../services-running.ts';

const DEFAULT_EVENTS = 50;
const MAX_EVENTS = 500;
const DEFAULT_REVISIONS = 20;
const MAX_REVISIONS = 100;

interface EventsQuery {
  readonly identity?: string;
  readonly limit: number;
}

export function historyRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Querystring: EventsQuery }>(
    '/events',
    {
      schema: {
        summary: 'Recent events, newest first: of one resource (identity=Kind/namespace/name), or of all.',
        tags: ['history'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            identity: { type: 'string', minLength: 1 },
            limit: { type: 'integer', minimum: 1, maximum: MAX_EVENTS, default: DEFAULT_EVENTS },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['events'],
            properties: { events: { type: 'array', items: stateEventSchema } },
          },
          ...commonErrors,
        },
      },
    },
    async (request) => ({
      events: await deps.status.listEvents(request.query.identity, request.query.limit),
    }),
  );

  app.get<{ Querystring: { readonly limit: number } }>(
    '/revisions',
    {
      schema: {
        summary:
          'Revision history, newest first, with the revision in force, the last good one, and what each Service runs.',
        tags: ['history'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: MAX_REVISIONS, default: DEFAULT_REVISIONS },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['revisions'],
            properties: {
              currentRevision: { type: 'string' },
              lastGoodRevision: { type: 'string' },
              revisions: { type: 'array', items: revisionRecordSchema },
              services: {
                type: 'object',
                description:
                  'by Service identity: the task definition it runs, the revision that first ran it, and a rollback through the API pinning it',
                additionalProperties: serviceRunsSchema,
              },
            },
          },
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const [revisions, operator, services] = await Promise.all([
        deps.status.listRevisions(request.query.limit),
        deps.status.getOperator(),
        deps.status.listStatuses({ kind: 'Service' }),
      ]);
      return {
        ...(operator.currentRevision === undefined ? {} : { currentRevision: operator.currentRevision }),
        ...(operator.lastGoodRevision === undefined ? {} : { lastGoodRevision: operator.lastGoodRevision }),
        revisions,
        services: servicesRunning(services, operator.rollbacks ?? []),
      };
    },
  );
}
