import { randomBytes } from 'node:crypto';
import { arn } from '../core/ids.ts';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** Lower-case base32 characters, as Cloud Map ids use. */
function base32(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

export const namespaceId = (): string => `ns-${base32(16)}`;
export const serviceId = (): string => `srv-${base32(16)}`;
/** As AWS shows them: 32 characters, a dash, 8 characters. */
export const operationId = (): string => `${base32(32)}-${base32(8)}`;
export const hostedZoneId = (): string => `Z${randomBytes(10).toString('hex').toUpperCase().slice(0, 20)}`;

export const namespaceArn = (region: string, accountId: string, id: string): string =>
  arn('servicediscovery', region, accountId, `namespace/${id}`);
export const serviceArn = (region: string, accountId: string, id: string): string =>
  arn('servicediscovery', region, accountId, `service/${id}`);

/** Cloud Map takes ids or ARNs where its model says `Arn`: the id is the ARN's last path part. */
export function idOf(value: string): string {
  return value.startsWith('arn:') ? (value.split('/').pop() ?? value) : value;
}
