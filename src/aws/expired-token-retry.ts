import type { MiddlewareStack } from './middleware-stack.ts';

interface Retryable {
  middlewareStack: MiddlewareStack;
}

/** What AWS answers a request signed with a session past its end: query protocol, JSON protocols. */
const EXPIRED_TOKEN_CODES = new Set(['ExpiredToken', 'ExpiredTokenException']);

export function isExpiredTokenError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'name' in error &&
    EXPIRED_TOKEN_CODES.has(String(error.name))
  );
}

/** The access key id in a SigV4 Authorization header: `... Credential=<key id>/<date>/...`. */
function signingKeyOf(args: unknown): string | undefined {
  if (typeof args !== 'object' || args === null || !('request' in args)) return undefined;
  const request = args.request;
  if (typeof request !== 'object' || request === null || !('headers' in request)) return undefined;
  const headers = request.headers;
  if (typeof headers !== 'object' || headers === null || !('authorization' in headers)) return undefined;
  return /Credential=([^/,\s]+)\//.exec(String(headers.authorization))?.[1];
}

/**
 * On ExpiredToken(Exception), tells `onExpiredToken` which access key AWS rejected and makes the
 * call once more, its credentials asked for again. AWS refuses such a request before acting on
 * it, so a write is as safe to repeat as a read.
 */
export function retryOnExpiredToken(
  client: Retryable,
  onExpiredToken: (rejectedAccessKeyId: string | undefined) => void,
): void {
  // The key each call was last signed with, read after the SDK's signing step.
  const signedWith = new WeakMap<object, string>();
  client.middlewareStack.addRelativeTo(
    (next, context) => async (args) => {
      const key = signingKeyOf(args);
      if (key !== undefined) signedWith.set(context, key);
      return next(args);
    },
    { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'shipshapeSigningKey' },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (!isExpiredTokenError(error)) throw error;
        onExpiredToken(signedWith.get(context));
        return next(args);
      }
    },
    { step: 'initialize', name: 'shipshapeExpiredTokenRetry' },
  );
}
