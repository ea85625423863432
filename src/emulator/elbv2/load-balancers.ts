import { createHash } from 'node:crypto';
import type { RequestContext } from '../core/context.ts';
import type { JsonObject } from '../core/json.ts';
import { zoneOfSubnet } from '../core/network.ts';
import { loadBalancerArn } from './arns.ts';
import {
  attributeList,
  loadBalancerAttributeRules,
  loadBalancerDefaults,
  readAttributeChanges,
} from './attributes.ts';
import { elbError, validationError } from './errors.ts';
import { LOAD_BALANCER_PROVISIONING_MS, loadBalancerState } from './life.ts';
import { deleteListenerRecord } from './listener-store.ts';
import { canonicalHostedZoneId, defaultSecurityGroupId, defaultVpcId, dnsName } from './network.ts';
import { paginate } from './pagination.ts';
import { checkResourceName, isoTime, objectList, reader, readTags } from './read.ts';
import {
  ELBV2_STATE,
  type Elbv2State,
  type LoadBalancerRecord,
  type LoadBalancerType,
  type SubnetPlacement,
} from './state.ts';
import { checkCreateTags, putTags } from './tags.ts';

const TYPES = ['application', 'network', 'gateway'] as const;
const SCHEMES = ['internet-facing', 'internal'] as const;
const IP_TYPES = ['ipv4', 'dualstack', 'dualstack-without-public-ipv4'] as const;

export function loadBalancerOrThrow(state: Elbv2State, arn: string): LoadBalancerRecord {
  const loadBalancer = state.loadBalancers.get(arn);
  if (loadBalancer === undefined) throw elbError('LoadBalancerNotFound', `Load balancer '${arn}' not found`);
  return loadBalancer;
}

export function renderLoadBalancer(loadBalancer: LoadBalancerRecord, now: number): JsonObject {
  return {
    LoadBalancerArn: loadBalancer.arn,
    DNSName: loadBalancer.dnsName,
    CanonicalHostedZoneId: loadBalancer.hostedZoneId,
    CreatedTime: isoTime(loadBalancer.createdAt),
    LoadBalancerName: loadBalancer.name,
    Scheme: loadBalancer.scheme,
    VpcId: loadBalancer.vpcId,
    State: { Code: loadBalancerState(loadBalancer, now) },
    Type: loadBalancer.type,
    AvailabilityZones: renderZones(loadBalancer.subnets),
    SecurityGroups: loadBalancer.securityGroups.length > 0 ? loadBalancer.securityGroups : undefined,
    IpAddressType: loadBalancer.ipAddressType,
  };
}

/** A zone's static addresses: its Elastic IP, private IPv4 and IPv6 addresses from the subnet mapping. */
function loadBalancerAddresses(subnet: SubnetPlacement): JsonObject[] {
  const address: JsonObject = {
    IpAddress: subnet.elasticIp?.ipAddress,
    AllocationId: subnet.elasticIp?.allocationId,
    PrivateIPv4Address: subnet.privateIPv4Address,
    IPv6Address: subnet.iPv6Address,
  };
  return Object.values(address).some((value) => value !== undefined) ? [address] : [];
}

/** AvailabilityZones in zone order, as AWS lists them whatever the order they were given in. */
function renderZones(subnets: readonly SubnetPlacement[]): JsonObject[] {
  return [...subnets]
    .sort((a, b) => a.zoneName.localeCompare(b.zoneName) || a.subnetId.localeCompare(b.subnetId))
    .map((subnet) => ({
      ZoneName: subnet.zoneName,
      SubnetId: subnet.subnetId,
      LoadBalancerAddresses: loadBalancerAddresses(subnet),
    }));
}

/**
 * The public address of an Elastic IP. There is no EC2 here, so it is made up, stably per
 * account, region and allocation, from the documentation range 203.0.113.0/24 (RFC 5737).
 */
function elasticIpAddress(context: RequestContext, allocationId: string): string {
  const digest = createHash('sha256')
    .update(`${context.accountId}/${context.region}/${allocationId}`)
    .digest();
  return `203.0.113.${((digest[0] ?? 0) % 254) + 1}`;
}

function readSubnetMapping(
  raw: JsonObject,
  context: RequestContext,
  type: LoadBalancerType,
  scheme: string,
): Omit<SubnetPlacement, 'zoneName'> {
  const mapping = reader(raw);
  const subnetId = mapping.requiredString('SubnetId');
  const allocationId = mapping.string('AllocationId');
  const privateIPv4Address = mapping.string('PrivateIPv4Address');
  const iPv6Address = mapping.string('IPv6Address');
  if (type !== 'network' && (allocationId !== undefined || privateIPv4Address !== undefined)) {
    throw elbError(
      'InvalidConfigurationRequest',
      'Elastic IP addresses and private IPv4 addresses can only be specified for Network Load Balancers',
    );
  }
  if (allocationId !== undefined && scheme === 'internal') {
    throw elbError(
      'InvalidConfigurationRequest',
      'Elastic IP addresses cannot be specified for internal load balancers',
    );
  }
  if (privateIPv4Address !== undefined && scheme !== 'internal') {
    throw elbError(
      'InvalidConfigurationRequest',
      'Private IPv4 addresses can only be specified for internal load balancers',
    );
  }
  if (allocationId !== undefined && !/^eipalloc-[0-9a-zA-Z]+$/.test(allocationId)) {
    throw elbError('AllocationIdNotFound', `The allocation ID '${allocationId}' does not exist`);
  }
  return {
    subnetId,
    ...(allocationId === undefined
      ? {}
      : { elasticIp: { allocationId, ipAddress: elasticIpAddress(context, allocationId) } }),
    ...(privateIPv4Address === undefined ? {} : { privateIPv4Address }),
    ...(iPv6Address === undefined ? {} : { iPv6Address }),
  };
}

function readSubnets(
  input: ReturnType<typeof reader>,
  context: RequestContext,
  type: LoadBalancerType,
  scheme: string,
): SubnetPlacement[] {
  const subnets = input.stringArray('Subnets');
  const mappings = objectList(input, 'SubnetMappings').map((mapping) =>
    readSubnetMapping(mapping, context, type, scheme),
  );
  if (subnets !== undefined && mappings.length > 0) {
    throw validationError('You must specify either subnets or subnet mappings, but not both');
  }
  const given = subnets?.map((subnetId) => ({ subnetId })) ?? mappings;
  const ids = given.map((subnet) => subnet.subnetId);
  const placements = given.map((subnet) => {
    if (!/^subnet-[0-9a-zA-Z]+$/.test(subnet.subnetId))
      throw elbError('SubnetNotFound', `The subnet ID '${subnet.subnetId}' is not valid`);
    return { ...subnet, zoneName: zoneOfSubnet(context.world, subnet.subnetId).name };
  });
  // Zones are made up here (no EC2), so only the subnets themselves are checked.
  if (new Set(ids).size !== ids.length) throw validationError('A subnet cannot be specified more than once');
  if (type === 'application' && placements.length < 2) {
    throw validationError('At least two subnets in two different Availability Zones must be specified');
  }
  if (placements.length < 1) throw validationError('At least one subnet must be specified');
  return placements;
}

function sameSettings(
  existing: LoadBalancerRecord,
  wanted: Omit<
    LoadBalancerRecord,
    'arn' | 'dnsName' | 'createdAt' | 'activeAt' | 'attributes' | 'listenerArns' | 'hostedZoneId' | 'vpcId'
  >,
): boolean {
  const ids = (subnets: SubnetPlacement[]) =>
    subnets
      .map((subnet) => [subnet.subnetId, subnet.elasticIp?.allocationId, subnet.privateIPv4Address].join('/'))
      .sort()
      .join(',');
  return (
    existing.type === wanted.type &&
    existing.scheme === wanted.scheme &&
    existing.ipAddressType === wanted.ipAddressType &&
    ids(existing.subnets) === ids(wanted.subnets) &&
    [...existing.securityGroups].sort().join(',') === [...wanted.securityGroups].sort().join(',')
  );
}

export function createLoadBalancer(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const state = context.world.get(ELBV2_STATE);
  const name = input.requiredString('Name');
  checkResourceName('Load balancer', name);
  if (name.startsWith('internal-'))
    throw validationError(`Load balancer name '${name}' cannot begin with 'internal-'`);
  const type = (input.string('Type', { oneOf: TYPES }) as LoadBalancerType | undefined) ?? 'application';
  const scheme = input.string('Scheme', { oneOf: SCHEMES }) ?? 'internet-facing';
  const ipAddressType = input.string('IpAddressType', { oneOf: IP_TYPES }) ?? 'ipv4';
  const subnets = readSubnets(input, context, type, scheme);
  const givenGroups = input.stringArray('SecurityGroups') ?? [];
  if (type === 'gateway' && givenGroups.length > 0) {
    throw elbError(
      'InvalidConfigurationRequest',
      'Security groups are not supported for load balancers with type gateway',
    );
  }
  const securityGroups =
    type === 'application' && givenGroups.length === 0
      ? [defaultSecurityGroupId(context.world)]
      : givenGroups;
  const tags = input.has('Tags') ? readTags(input) : [];
  checkCreateTags(tags);

  const existingArn = state.loadBalancerByName.get(name);
  if (existingArn !== undefined) {
    const existing = loadBalancerOrThrow(state, existingArn);
    if (!sameSettings(existing, { name, type, scheme, ipAddressType, subnets, securityGroups })) {
      throw elbError(
        'DuplicateLoadBalancerName',
        'A load balancer with the same name exists, but with different settings',
      );
    }
    return { LoadBalancers: [renderLoadBalancer(existing, context.now())] };
  }
  const now = context.now();
  const loadBalancer: LoadBalancerRecord = {
    arn: loadBalancerArn(context, type, name),
    name,
    type,
    scheme,
    dnsName: dnsName(context.region, type, name, scheme),
    hostedZoneId: canonicalHostedZoneId(context.region, type),
    vpcId: defaultVpcId(context.world),
    createdAt: now,
    activeAt: now + LOAD_BALANCER_PROVISIONING_MS,
    ipAddressType,
    subnets,
    securityGroups,
    attributes: loadBalancerDefaults(type, scheme),
    listenerArns: new Set(),
  };
  state.loadBalancers.set(loadBalancer.arn, loadBalancer);
  state.loadBalancerByName.set(name, loadBalancer.arn);
  state.tags.set(loadBalancer.arn, new Map());
  putTags(state, loadBalancer.arn, tags);
  return { LoadBalancers: [renderLoadBalancer(loadBalancer, now)] };
}

export function describeLoadBalancers(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const state = context.world.get(ELBV2_STATE);
  const arns = input.stringArray('LoadBalancerArns');
  const names = input.stringArray('Names');
  if (arns !== undefined && arns.length > 0 && names !== undefined && names.length > 0) {
    throw validationError('Load balancer names and load balancer ARNs cannot be specified at the same time');
  }
  let selected: LoadBalancerRecord[];
  if (arns !== undefined && arns.length > 0) {
    selected = arns.map((arn) => loadBalancerOrThrow(state, arn));
  } else if (names !== undefined && names.length > 0) {
    const missing = names.filter((name) => !state.loadBalancerByName.has(name));
    if (missing.length > 0)
      throw elbError('LoadBalancerNotFound', `Load balancers '[${missing.join(', ')}]' not found`);
    selected = names.map((name) => loadBalancerOrThrow(state, state.loadBalancerByName.get(name) as string));
  } else {
    selected = [...state.loadBalancers.values()];
  }
  const page = paginate(selected, input);
  const now = context.now();
  return {
    LoadBalancers: page.items.map((item) => renderLoadBalancer(item, now)),
    NextMarker: page.nextMarker,
  };
}

export function deleteLoadBalancer(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const state = context.world.get(ELBV2_STATE);
  const arn = input.requiredString('LoadBalancerArn');
  const loadBalancer = state.loadBalancers.get(arn);
  if (loadBalancer === undefined) return {};
  if (loadBalancer.attributes.get('deletion_protection.enabled') === 'true') {
    throw elbError(
      'OperationNotPermitted',
      `Load balancer '${arn}' cannot be deleted because deletion protection is enabled`,
    );
  }
  for (const listener of [...loadBalancer.listenerArns]) deleteListenerRecord(state, listener);
  state.loadBalancers.delete(arn);
  state.loadBalancerByName.delete(loadBalancer.name);
  state.tags.delete(arn);
  return {};
}

export function setSecurityGroups(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const state = context.world.get(ELBV2_STATE);
  const loadBalancer = loadBalancerOrThrow(state, input.requiredString('LoadBalancerArn'));
  const groups = input.stringArray('SecurityGroups');
  if (groups === undefined) throw validationError('SecurityGroups is required');
  if (loadBalancer.type === 'gateway') {
    throw elbError(
      'InvalidConfigurationRequest',
      'Security groups are not supported for load balancers with type gateway',
    );
  }
  for (const group of groups) {
    if (!/^sg-[0-9a-zA-Z]+$/.test(group))
      throw elbError('InvalidSecurityGroup', `Security group '${group}' does not exist`);
  }
  loadBalancer.securityGroups = groups;
  return { SecurityGroupIds: groups };
}

export function setSubnets(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const state = context.world.get(ELBV2_STATE);
  const loadBalancer = loadBalancerOrThrow(state, input.requiredString('LoadBalancerArn'));
  loadBalancer.subnets = readSubnets(input, context, loadBalancer.type, loadBalancer.scheme);
  const ipAddressType = input.string('IpAddressType', { oneOf: IP_TYPES });
  if (ipAddressType !== undefined) loadBalancer.ipAddressType = ipAddressType;
  return {
    AvailabilityZones: renderZones(loadBalancer.subnets),
    IpAddressType: loadBalancer.ipAddressType,
  };
}

export function describeLoadBalancerAttributes(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const loadBalancer = loadBalancerOrThrow(
    context.world.get(ELBV2_STATE),
    input.requiredString('LoadBalancerArn'),
  );
  return { Attributes: attributeList(loadBalancer.attributes) };
}

export function modifyLoadBalancerAttributes(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const loadBalancer = loadBalancerOrThrow(
    context.world.get(ELBV2_STATE),
    input.requiredString('LoadBalancerArn'),
  );
  const changes = readAttributeChanges(input, loadBalancerAttributeRules(loadBalancer.type));
  for (const [key, value] of changes) loadBalancer.attributes.set(key, value);
  return { Attributes: attributeList(loadBalancer.attributes) };
}

/** SetIpAddressType: dualstack-without-public-ipv4 only for internet-facing Application Load Balancers. */
export function setIpAddressType(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const state = context.world.get(ELBV2_STATE);
  const loadBalancer = loadBalancerOrThrow(state, input.requiredString('LoadBalancerArn'));
  const ipAddressType = input.requiredString('IpAddressType', { oneOf: IP_TYPES });
  const applicationFacingInternet =
    loadBalancer.type === 'application' && loadBalancer.scheme === 'internet-facing';
  if (ipAddressType === 'dualstack-without-public-ipv4' && !applicationFacingInternet) {
    throw elbError(
      'InvalidConfigurationRequest',
      'IP address type dualstack-without-public-ipv4 is only supported by internet-facing Application Load Balancers',
    );
  }
  loadBalancer.ipAddressType = ipAddressType;
  return { IpAddressType: ipAddressType };
}
