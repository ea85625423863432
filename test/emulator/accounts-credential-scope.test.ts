import { describe, expect, it } from 'vitest';
import { credentialScopeOf } from '../../src/emulator/core/credential-scope.ts';
import type { IncomingRequest } from '../../src/emulator/core/http.ts';

function request(headers: Record<string, string>, query = ''): IncomingRequest {
  return { method: 'POST', path: '/', query: new URLSearchParams(query), headers, body: '' };
}

describe('credentialScopeOf', () => {
  it('reads the access key id and region of a SigV4 Authorization header', () => {
    const authorization =
      'AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEKEY000001/20261204/eu-west-1/ecs/aws4_request, ' +
      'SignedHeaders=host;x-amz-date, Signature=abc';
    expect(credentialScopeOf(request({ authorization }))).toEqual({
      accessKeyId: 'ASIAEXAMPLEKEY000001',
      region: 'eu-west-1',
    });
  });

  it('reads a presigned URL X-Amz-Credential', () => {
    const query = `X-Amz-Credential=${encodeURIComponent('AKIDEXAMPLE/20261204/ap-southeast-2/sts/aws4_request')}`;
    expect(credentialScopeOf(request({}, query))).toEqual({
      accessKeyId: 'AKIDEXAMPLE',
      region: 'ap-southeast-2',
    });
  });

  it('finds nothing in an unsigned request', () => {
    expect(credentialScopeOf(request({}))).toBeUndefined();
    expect(credentialScopeOf(request({ authorization: 'Bearer token' }))).toBeUndefined();
  });
});
