import type { FastifyInstance } from 'fastify';
import { redactDeep } from '../redact/index.ts';

/**
 * Every JSON body of `scope` passes the redaction rules on its way out, whatever wrote it (an
 * older version stored drift unredacted; a new route forgets). Text bodies (the dashboard page,
 * metrics) carry no state values.
 */
export function redactReplies(scope: FastifyInstance): void {
  scope.addHook('preSerialization', async (_request, _reply, payload: unknown) => redactDeep(payload));
}
