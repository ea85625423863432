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

const DIRECTIONS: Readonly<Record<string, string>> = {
  east: 'e',
  west: 'w',
  north: 'n',
  south: 's',
  central: 'c',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
};

/** us-east-1 → use1, ap-southeast-2 → apse2: the prefix of zone ids. */
function regionCode(region: string): string {
  const [area = '', direction = '', number = ''] = region.split('-');
  return `${area}${DIRECTIONS[direction] ?? direction.slice(0, 1)}${number}`;
}

export interface Zone {
  readonly name: string;
  readonly id: string;
}

const ZONES_PER_REGION = 3;

/** The zone whose suffix is a, b, c... */
export function zoneByIndex(region: string, index: number): Zone {
  return { name: `${region}${String.fromCharCode(97 + index)}`, id: `${regionCode(region)}-az${index + 1}` };
}

export function zoneByName(region: string, name: string): Zone | undefined {
  if (!name.startsWith(region) || name.length !== region.length + 1) return undefined;
  const index = name.charCodeAt(region.length) - 97;
  return index >= 0 && index < ZONES_PER_REGION ? zoneByIndex(region, index) : undefined;
}

/** Without an EC2 emulation, a subnet's zone is derived from its id, always the same one. */
export function zoneOfSubnet(region: string, subnetId: string): Zone {
  return zoneByIndex(region, (digest(subnetId)[0] ?? 0) % ZONES_PER_REGION);
}

/** Every subnet is taken to be in the region's one default VPC. */
export function defaultVpc(region: string, accountId: string): string {
  return `vpc-${digest(`${accountId}/${region}`).toString('hex').slice(0, 17)}`;
}

export function defaultSecurityGroup(vpcId: string): string {
  return `sg-${digest(vpcId).toString('hex').slice(0, 17)}`;
}

/** The key id of the account's aws/elasticfilesystem key: stable per account and region. */
export function managedKeyArn(region: string, accountId: string): string {
  const hex = digest(`aws/elasticfilesystem/${accountId}/${region}`).toString('hex');
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return arn('kms', region, accountId, `key/${uuid}`);
}
