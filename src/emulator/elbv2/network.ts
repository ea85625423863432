import { createHash } from 'node:crypto';
import type { LoadBalancerType } from './state.ts';

/**
 * There is no EC2 in the emulator: a region has one default VPC and default
 * security group with stable ids, and each subnet gets an availability zone
 * (a, b, c in turn) the first time it is seen.
 */
export { defaultSecurityGroupId, defaultVpcId } from '../core/network.ts';

/** Route 53 hosted zones of ELB DNS names, per region (AWS General Reference, "Elastic Load Balancing endpoints"). */
const ALB_ZONES: Readonly<Record<string, string>> = {
  'us-east-1': 'Z35SXDOTRQ7X7K',
  'us-east-2': 'Z3AADJGX6KTTL2',
  'us-west-1': 'Z368ELLRRE2KJ0',
  'us-west-2': 'Z1H1FL5HABSF5',
  'eu-west-1': 'Z32O12XQLNTSW2',
  'eu-central-1': 'Z215JYRZR1TBD5',
};
const NLB_ZONES: Readonly<Record<string, string>> = {
  'us-east-1': 'Z26RNL4JYFTOTI',
  'us-east-2': 'ZLMOA37VPKANP',
  'us-west-1': 'Z24FKFUX50B4VW',
  'us-west-2': 'Z18D5FSROUN65G',
  'eu-west-1': 'Z2IFOLAFXWLO4F',
  'eu-central-1': 'Z3F0SRJ5LGBH90',
};

export function canonicalHostedZoneId(region: string, type: LoadBalancerType): string {
  const zones = type === 'application' ? ALB_ZONES : NLB_ZONES;
  return zones[region] ?? (zones['us-east-1'] as string);
}

export function dnsName(region: string, type: LoadBalancerType, name: string, scheme: string): string {
  const internal = scheme === 'internal' ? 'internal-' : '';
  if (type === 'application') {
    const digits = String(Math.floor(1_000_000_000 + Math.random() * 8_999_999_999));
    return `${internal}${name}-${digits}.${region}.elb.amazonaws.com`;
  }
  const hex = createHash('sha256').update(`${name}/${Math.random()}`).digest('hex').slice(0, 16);
  return `${internal}${name}-${hex}.elb.${region}.amazonaws.com`;
}
