import { randomBytes, randomUUID } from 'node:crypto';

/** Lower-case hex of `bytes` random bytes. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export function requestId(): string {
  return randomUUID();
}

export function uuid(): string {
  return randomUUID();
}

export function arn(service: string, region: string, accountId: string, resource: string): string {
  return `arn:aws:${service}:${region}:${accountId}:${resource}`;
}
