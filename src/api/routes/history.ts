import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../deps.ts';
import { commonErrors } from '../schemas/common.ts';
import { revisionRecordSchema, stateEventSchema } from '../schemas/state.ts';

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
        summary: 'Revision history, newest first, with the revision in force and the last good one.',
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
            },
          },
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const [revisions, operator] = await Promise.all([
        deps.status.listRevisions(request.query.limit),
        deps.status.getOperator(),
      ]);
      return {
        ...(operator.currentRevision === undefined ? {} : { currentRevision: operator.currentRevision }),
        ...(operator.lastGoodRevision === undefined ? {} : { lastGoodRevision: operator.lastGoodRevision }),
        revisions,
      };
    },
  );
}
