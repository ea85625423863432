import { AwsError } from './aws-error.ts';
import type { IncomingRequest } from './http.ts';

const MESSAGE = 'The security token included in the request is expired';

/**
 * AWS's answer to a request signed with temporary credentials past their
 * expiration: `ExpiredToken` in the query protocol (a form body: ELBv2, STS),
 * `ExpiredTokenException` in the JSON protocols.
 */
export function expiredTokenError(request: IncomingRequest): AwsError {
  const contentType = (request.headers['content-type'] ?? '').toLowerCase();
  const query = contentType.startsWith('application/x-www-form-urlencoded');
  return new AwsError(query ? 'ExpiredToken' : 'ExpiredTokenException', MESSAGE, 400);
}
