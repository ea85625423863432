import type { IncomingRequest } from './http.ts';

const CREDENTIAL_SCOPE = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;

/** The region of a SigV4-signed request, from its credential scope. */
export function regionOf(request: IncomingRequest, fallback: string): string {
  const authorization = request.headers.authorization ?? '';
  const match = CREDENTIAL_SCOPE.exec(authorization);
  if (match?.[1] !== undefined) return match[1];
  const queryCredential = request.query.get('X-Amz-Credential');
  const fromQuery = queryCredential?.split('/')[2];
  return fromQuery ?? fallback;
}
