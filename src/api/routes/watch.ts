import type { FastifyInstance } from 'fastify';
import { errorBodySchema } from '../schemas/common.ts';
import type { WatchHub } from '../watch/watch-hub.ts';

const DESCRIPTION = [
  'Server-Sent Events. Each message has an `id`; send it back as `Last-Event-ID` (EventSource does)',
  'to resume after it. Events: `hello` {id} on a fresh connection (then read GET /status);',
  '`status` {identity, etag, view} for a resource changed or added (view as in GET /status);',
  '`removed` {identity}; `operator` {operator} when the operator state changes (as in GET /status);',
  '`event` {identity, at, type, reason, message} for an event recorded;',
  '`reset` {reason} when the id cannot be resumed (too old, or of another process): read GET /status again.',
  'Comment lines every 15 s keep the connection. A client that does not keep up is disconnected.',
  'On a replica that does not lead, only `status` and `removed` come (from its reads of the table), no `event`.',
].join(' ');

export function watchRoutes(app: FastifyInstance, hub: WatchHub): void {
  app.get<{ Headers: { 'last-event-id'?: string } }>(
    '/watch',
    {
      schema: {
        summary: 'A live stream of status changes and events (text/event-stream).',
        description: DESCRIPTION,
        tags: ['status'],
        produces: ['text/event-stream'],
        headers: {
          type: 'object',
          properties: { 'last-event-id': { type: 'string', maxLength: 64 } },
        },
        response: { 200: { type: 'string' }, 500: errorBodySchema, 503: errorBodySchema },
      },
    },
    async (request, reply) => {
      await hub.ready();
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store, no-transform',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      hub.watch(reply.raw, request.headers['last-event-id']);
    },
  );
}
