import type { FastifyInstance } from 'fastify';
import type { StatusFilter } from '../../state/types.ts';
import { sendJson } from '../conditional.ts';
import { refuse } from '../refusal.ts';
import { summarize } from '../resource-view.ts';
import {
  commonErrors,
  documentsIfNoneMatch,
  errorBodySchema,
  type IdentityParams,
  identityOf,
  identityParamsSchema,
  notModifiedSchema,
  statusFilterSchema,
  statusQuerySchema,
  withEtag,
} from '../schemas/common.ts';
import { resourceStatusSchema } from '../schemas/state.ts';
import { driftReportSchema, statusListSchema } from '../schemas/views.ts';
import {
  DEFAULT_STATUS_LIMIT,
  MAX_STATUS_LIMIT,
  matches,
  type StatusQuery,
  statusPage,
} from '../status-page.ts';
import type { StatusSnapshots } from '../status-snapshots.ts';

export function statusRoutes(app: FastifyInstance, snapshots: StatusSnapshots): void {
  app.get<{ Querystring: StatusQuery }>(
    '/status',
    {
      config: documentsIfNoneMatch,
      schema: {
        summary:
          'Counts by sync and health, the operator state, and a page of the resources matching the filters.',
        description: `Pages: at most \`limit\` resources (default ${DEFAULT_STATUS_LIMIT}, at most ${MAX_STATUS_LIMIT}); when more follow, \`continue\` in the answer gets the next page. Every answer has an ETag, unchanged until a status or the operator state changes: send it back in If-None-Match for a 304 without a body. Sent gzip-compressed (compressed once per change) to clients whose Accept-Encoding takes gzip.`,
        tags: ['status'],
        querystring: statusQuerySchema(DEFAULT_STATUS_LIMIT, MAX_STATUS_LIMIT),
        response: { 200: withEtag(statusListSchema), 304: notModifiedSchema, ...commonErrors },
      },
    },
    async (request, reply) => sendJson(request, reply, statusPage(await snapshots.current(), request.query)),
  );

  app.get<{ Params: IdentityParams }>(
    '/status/:kind/:namespace/:name',
    {
      config: documentsIfNoneMatch,
      schema: {
        summary: 'The status of one resource.',
        description: 'With an ETag that changes when this resource does: If-None-Match gets a 304.',
        tags: ['status'],
        params: identityParamsSchema,
        response: {
          200: withEtag(resourceStatusSchema),
          304: notModifiedSchema,
          404: errorBodySchema,
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const identity = identityOf(request.params);
      const entry = (await snapshots.current()).get(identity);
      if (entry === undefined) {
        return refuse(reply, 404, `No status for ${identity}.`);
      }
      return sendJson(request, reply, { body: entry.json, etag: entry.etag });
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
      const drifting = (await snapshots.current()).entries.filter(
        (entry) => entry.status.drift.length > 0 && matches(entry, request.query),
      );
      return {
        driftFields: summarize(drifting.map((entry) => entry.status)).driftFields,
        resources: drifting.map((entry) => entry.view),
      };
    },
  );
}
