import { createHash } from 'node:crypto';
import type { RegionWorld, StateKey } from './world.ts';

/**
 * There is no EC2 in the emulator: each region has one default VPC and
 * default security group with stable ids, and each subnet is placed in an
 * availability zone (a, b, c in turn) the first time any service sees it, so
 * ELBv2 and EFS agree on where a subnet is.
 */
interface Network {
  readonly subnetZones: Map<string, number>;
}

const NETWORK: StateKey<Network> = { name: 'network', create: () => ({ subnetZones: new Map() }) };

function stableHex(world: RegionWorld, what: string): string {
  return createHash('sha256').update(`${world.accountId}/${world.region}/${what}`).digest('hex').slice(0, 17);
}

export function defaultVpcId(world: RegionWorld): string {
  return `vpc-${stableHex(world, 'vpc')}`;
}

export function defaultSecurityGroupId(world: RegionWorld): string {
  return `sg-${stableHex(world, 'sg')}`;
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

/** The zone of a subnet: assigned in turn the first time the subnet is seen in the region. */
export function zoneOfSubnet(world: RegionWorld, subnetId: string): Zone {
  const zones = world.get(NETWORK).subnetZones;
  let index = zones.get(subnetId);
  if (index === undefined) {
    index = zones.size % ZONES_PER_REGION;
    zones.set(subnetId, index);
  }
  return zoneByIndex(world.region, index);
}
