import type { RequestContext } from '../core/context.ts';
import type { JsonObject } from '../core/json.ts';
import { zoneOfSubnet } from '../core/network.ts';
import { loadBalancerArn } from './arns.ts';
import {
  attributeList,
  defaultAttributes,
  loadBalancerAttributeRules,
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
    AvailabilityZones: loadBalancer.subnets.map((subnet) => ({
      ZoneName: subnet.zoneName,
      SubnetId: subnet.subnetId,
      LoadBalancerAddresses: [],
    })),
    SecurityGroups: loadBalancer.securityGroups.length > 0 ? loadBalancer.securityGroups : undefined,
    IpAddressType: loadBalancer.ipAddressType,
  };
}

function readSubnets(
  input: ReturnType<typeof reader>,
  context: RequestContext,
  type: LoadBalancerType,
): SubnetPlacement[] {
  const subnets = input.stringArray('Subnets');
  const mappings = objectList(input, 'SubnetMappings').map((mapping) =>
    reader(mapping).requiredString('SubnetId'),
  );
  if (subnets !== undefined && mappings.length > 0) {
    throw validationError('You must specify either subnets or subnet mappings, but not both');
  }
  const ids = subnets ?? mappings;
  const placements = ids.map((subnetId) => {
    if (!/^subnet-[0-9a-zA-Z]+$/.test(subnetId))
      throw elbError('SubnetNotFound', `The subnet ID '${subnetId}' is not valid`);
    return { subnetId, zoneName: zoneOfSubnet(context.world, subnetId).name };
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
      .map((subnet) => subnet.subnetId)
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
  const subnets = readSubnets(input, context, type);
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
    attributes: defaultAttributes(loadBalancerAttributeRules(type)),
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
  loadBalancer.subnets = readSubnets(input, context, loadBalancer.type);
  const ipAddressType = input.string('IpAddressType', { oneOf: IP_TYPES });
  if (ipAddressType !== undefined) loadBalancer.ipAddressType = ipAddressType;
  return {
    AvailabilityZones: loadBalancer.subnets.map((subnet) => ({
      ZoneName: subnet.zoneName,
      SubnetId: subnet.subnetId,
      LoadBalancerAddresses: [],
    })),
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
