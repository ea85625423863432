import type { IncomingRequest } from './http.ts';

/** The access key id and region a SigV4 request was signed with. */
export interface CredentialScope {
  readonly accessKeyId: string;
  readonly region: string | undefined;
}

const AUTHORIZATION = /Credential=([^/,\s]+)\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;

/** From the Authorization header, or a presigned URL's X-Amz-Credential; undefined when unsigned. */
export function credentialScopeOf(request: IncomingRequest): CredentialScope | undefined {
  const header = AUTHORIZATION.exec(request.headers.authorization ?? '');
  if (header?.[1] !== undefined) return { accessKeyId: header[1], region: header[2] };
  const [accessKeyId, , region] = request.query.get('X-Amz-Credential')?.split('/') ?? [];
  if (accessKeyId === undefined || accessKeyId === '') return undefined;
  return { accessKeyId, region };
}
