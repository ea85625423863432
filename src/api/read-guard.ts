import type { FastifyInstance } from 'fastify';
import { requireBearerToken } from './bearer-token.ts';
import { bearerSecurity, errorBodySchema } from './schemas/common.ts';

/**
 * `apiProtectReads`: every route of `scope` needs the bearer token too (the status, drift,
 * plan, history and metrics reads); the OpenAPI document says so. /healthz, /readyz and the
 * dashboard page itself are registered elsewhere and stay open.
 */
export function guardReads(scope: FastifyInstance, token: string | undefined): void {
  scope.addHook('onRoute', (route) => {
    route.schema = {
      ...route.schema,
      security: bearerSecurity,
      response: { 401: errorBodySchema, 403: errorBodySchema, ...(route.schema?.response ?? {}) },
    };
  });
  scope.addHook('onRequest', requireBearerToken(token));
}
