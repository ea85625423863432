import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Hashing first gives equal-length buffers, so neither the length nor a prefix of the token leaks. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export function tokenMatches(expected: string, presented: string): boolean {
  return timingSafeEqual(digest(expected), digest(presented));
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerTokenOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * A preHandler refusing requests without the configured token: 401 without a token or with a wrong
 * one, 403 when no token is configured at all (so the routes are closed).
 */
export function requireBearerToken(token: string | undefined) {
  const expected = token === undefined || token === '' ? undefined : token;
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (expected === undefined) {
      await reply.code(403).send({
        statusCode: 403,
        error: 'Forbidden',
        message: 'No API token is configured, so this route is closed; configure a token to use it.',
      });
      return;
    }
    const presented = bearerTokenOf(request.headers.authorization);
    if (presented === undefined || !tokenMatches(expected, presented)) {
      await reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="shipshape"')
        .send({
          statusCode: 401,
          error: 'Unauthorized',
          message:
            presented === undefined
              ? 'Expected an Authorization: Bearer <token> header.'
              : 'The token is wrong.',
        });
    }
  };
}
