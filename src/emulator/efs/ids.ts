import { createHash } from 'node:crypto';
import { arn, randomHex } from '../core/ids.ts';

export const fileSystemId = (): string => `fs-${randomHex(9).slice(0, 17)}`;
export const mountTargetId = (): string => `fsmt-${randomHex(9).slice(0, 17)}`;
export const accessPointId = (): string => `fsap-${randomHex(9).slice(0, 17)}`;
export const networkInterfaceId = (): string => `eni-${randomHex(9).slice(0, 17)}`;

export const fileSystemArn = (region: string, accountId: string, id: string): string =>
  arn('elasticfilesystem', region, accountId, `file-system/${id}`);
export const accessPointArn = (region: string, accountId: string, id: string): string =>
  arn('elasticfilesystem', region, accountId, `access-point/${id}`);

/** Takes an id or an ARN (EFS accepts both) and gives the id. */
export function idOf(value: string): string {
  return value.startsWith('arn:') ? (value.split('/').pop() ?? value) : value;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** The key id of the account's aws/elasticfilesystem key: stable per account and region. */
export function managedKeyArn(region: string, accountId: string): string {
  const hex = digest(`aws/elasticfilesystem/${accountId}/${region}`).toString('hex');
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return arn('kms', region, accountId, `key/${uuid}`);
}
