import type { RequestContext } from '../core/context.ts';
import type { JsonObject } from '../core/json.ts';
import { forwardedTargetGroups } from './actions.ts';
import { targetGroupArn } from './arns.ts';
import {
  attributeList,
  readAttributeChanges,
  targetGroupAttributeRules,
  targetGroupDefaults,
} from './attributes.ts';
import { elbError, validationError } from './errors.ts';
import { modifyHealthCheck, readHealthCheck, renderHealthCheck } from './health-check.ts';
import { loadBalancerOrThrow } from './load-balancers.ts';
import { paginate } from './pagination.ts';
import { checkResourceName, reader, readTags } from './read.ts';
import { ELBV2_STATE, type Elbv2State, type TargetGroupRecord } from './state.ts';
import { checkCreateTags, putTags } from './tags.ts';

const PROTOCOLS = ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'GENEVE', 'QUIC', 'TCP_QUIC'];
const TARGET_TYPES = ['instance', 'ip', 'lambda', 'alb'];

export function targetGroupOrThrow(state: Elbv2State, arn: string): TargetGroupRecord {
  const targetGroup = state.targetGroups.get(arn);
  if (targetGroup === undefined) throw elbError('TargetGroupNotFound', `Target groups '${arn}' not found`);
  return targetGroup;
}

export function loadBalancerArnsOf(targetGroup: TargetGroupRecord): string[] {
  return [...new Set(targetGroup.usedBy.values())];
}

export function renderTargetGroup(targetGroup: TargetGroupRecord): JsonObject {
  return {
    TargetGroupArn: targetGroup.arn,
    TargetGroupName: targetGroup.name,
    Protocol: targetGroup.protocol,
    Port: targetGroup.port,
    VpcId: targetGroup.vpcId,
    ...renderHealthCheck(targetGroup.healthCheck),
    LoadBalancerArns: loadBalancerArnsOf(targetGroup),
    TargetType: targetGroup.targetType,
    ProtocolVersion: targetGroup.protocolVersion,
    IpAddressType: targetGroup.targetType === 'lambda' ? undefined : targetGroup.ipAddressType,
  };
}

/** The settings compared for idempotent creates: everything but ARN, tags and attributes. */
function settingsOf(targetGroup: TargetGroupRecord): string {
  const { LoadBalancerArns: _arns, TargetGroupArn: _arn, ...settings } = renderTargetGroup(targetGroup);
  return JSON.stringify(settings);
}

function readTargetGroup(raw: JsonObject, context: RequestContext): TargetGroupRecord {
  const input = reader(raw);
  const name = input.requiredString('Name');
  checkResourceName('Target group', name);
  const targetType = input.string('TargetType', { oneOf: TARGET_TYPES }) ?? 'instance';
  const lambda = targetType === 'lambda';
  const protocol = input.string('Protocol', { oneOf: PROTOCOLS });
  const port = input.number('Port', { min: 1, max: 65535 });
  const vpcId = input.string('VpcId');
  if (!lambda) {
    if (protocol === undefined) throw validationError('A protocol must be specified');
    if (port === undefined) throw validationError('A port must be specified');
    if (vpcId === undefined) throw validationError('A VPC ID must be specified');
  } else if (protocol !== undefined || port !== undefined || vpcId !== undefined) {
    throw validationError(
      'Protocol, port and VPC ID cannot be specified for target groups with target type lambda',
    );
  }
  // An Application Load Balancer target group forwards TCP and is checked over HTTP(S) (NLB guide, "Use an Application Load Balancer as a target").
  if (targetType === 'alb' && protocol !== 'TCP') {
    throw validationError('Target groups with target type alb support only the TCP protocol');
  }
  const http = protocol === 'HTTP' || protocol === 'HTTPS';
  const protocolVersion = input.string('ProtocolVersion', { oneOf: ['HTTP1', 'HTTP2', 'GRPC'] });
  if (protocolVersion !== undefined && !http) {
    throw validationError(
      'A protocol version can only be specified for target groups with protocol HTTP or HTTPS',
    );
  }
  const version = http ? (protocolVersion ?? 'HTTP1') : undefined;
  return {
    arn: targetGroupArn(context, name),
    name,
    protocol,
    protocolVersion: version,
    port,
    vpcId,
    targetType,
    ipAddressType: input.string('IpAddressType', { oneOf: ['ipv4', 'ipv6'] }) ?? 'ipv4',
    healthCheck: readHealthCheck(input, protocol, targetType, version),
    attributes: targetGroupDefaults(protocol, targetType),
    targets: new Map(),
    usedBy: new Map(),
  };
}

export function createTargetGroup(raw: JsonObject, context: RequestContext): JsonObject {
  const state = context.world.get(ELBV2_STATE);
  const targetGroup = readTargetGroup(raw, context);
  const input = reader(raw);
  const tags = input.has('Tags') ? readTags(input) : [];
  checkCreateTags(tags);
  const existingArn = state.targetGroupByName.get(targetGroup.name);
  if (existingArn !== undefined) {
    const existing = targetGroupOrThrow(state, existingArn);
    if (settingsOf(existing) !== settingsOf(targetGroup)) {
      throw elbError(
        'DuplicateTargetGroupName',
        'A target group with the same name exists, but with different settings',
      );
    }
    return { TargetGroups: [renderTargetGroup(existing)] };
  }
  state.targetGroups.set(targetGroup.arn, targetGroup);
  state.targetGroupByName.set(targetGroup.name, targetGroup.arn);
  state.tags.set(targetGroup.arn, new Map());
  putTags(state, targetGroup.arn, tags);
  return { TargetGroups: [renderTargetGroup(targetGroup)] };
}

function selectTargetGroups(input: ReturnType<typeof reader>, state: Elbv2State): TargetGroupRecord[] {
  const loadBalancerArn = input.string('LoadBalancerArn');
  const arns = input.stringArray('TargetGroupArns') ?? [];
  const names = input.stringArray('Names') ?? [];
  const filters = [loadBalancerArn !== undefined, arns.length > 0, names.length > 0].filter(Boolean).length;
  if (filters > 1) {
    throw validationError('Only one of LoadBalancerArn, TargetGroupArns or Names can be specified');
  }
  if (loadBalancerArn !== undefined) {
    const loadBalancer = loadBalancerOrThrow(state, loadBalancerArn);
    const used = new Set<string>();
    for (const listenerArn of loadBalancer.listenerArns) {
      const listener = state.listeners.get(listenerArn);
      if (listener === undefined) continue;
      for (const ruleArn of [listener.defaultRuleArn, ...listener.rulesByPriority.values()]) {
        for (const arn of forwardedTargetGroups(state.rules.get(ruleArn)?.actions ?? [])) used.add(arn);
      }
    }
    return [...used].map((arn) => targetGroupOrThrow(state, arn));
  }
  if (arns.length > 0) return arns.map((arn) => targetGroupOrThrow(state, arn));
  if (names.length > 0) {
    const missing = names.filter((name) => !state.targetGroupByName.has(name));
    if (missing.length > 0) throw elbError('TargetGroupNotFound', `One or more target groups not found`);
    return names.map((name) => targetGroupOrThrow(state, state.targetGroupByName.get(name) as string));
  }
  return [...state.targetGroups.values()];
}

export function describeTargetGroups(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const page = paginate(selectTargetGroups(input, context.world.get(ELBV2_STATE)), input);
  return { TargetGroups: page.items.map(renderTargetGroup), NextMarker: page.nextMarker };
}

export function modifyTargetGroup(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const targetGroup = targetGroupOrThrow(
    context.world.get(ELBV2_STATE),
    input.requiredString('TargetGroupArn'),
  );
  const next = structuredClone(targetGroup.healthCheck);
  modifyHealthCheck(next, input, targetGroup);
  if (next.timeoutSeconds >= next.intervalSeconds) {
    throw validationError('Health check timeout must be smaller than the interval');
  }
  Object.assign(targetGroup.healthCheck, next);
  return { TargetGroups: [renderTargetGroup(targetGroup)] };
}

export function deleteTargetGroup(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const state = context.world.get(ELBV2_STATE);
  const arn = input.requiredString('TargetGroupArn');
  const targetGroup = state.targetGroups.get(arn);
  if (targetGroup === undefined) return {};
  if (targetGroup.usedBy.size > 0) {
    const [ruleArn] = targetGroup.usedBy.keys();
    const listenerArn = ruleArn === undefined ? undefined : state.rules.get(ruleArn)?.listenerArn;
    throw elbError(
      'ResourceInUse',
      `Target group '${arn}' is currently in use by a listener or a rule${listenerArn === undefined ? '' : ` (${listenerArn})`}`,
    );
  }
  state.targetGroups.delete(arn);
  state.targetGroupByName.delete(targetGroup.name);
  state.tags.delete(arn);
  state.changing.delete(arn);
  return {};
}

export function describeTargetGroupAttributes(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const targetGroup = targetGroupOrThrow(
    context.world.get(ELBV2_STATE),
    input.requiredString('TargetGroupArn'),
  );
  return { Attributes: attributeList(targetGroup.attributes) };
}

export function modifyTargetGroupAttributes(raw: JsonObject, context: RequestContext): JsonObject {
  const input = reader(raw);
  const targetGroup = targetGroupOrThrow(
    context.world.get(ELBV2_STATE),
    input.requiredString('TargetGroupArn'),
  );
  const changes = readAttributeChanges(
    input,
    targetGroupAttributeRules(targetGroup.protocol, targetGroup.targetType),
  );
  const next = new Map(targetGroup.attributes);
  for (const [key, value] of changes) next.set(key, value);
  if (
    next.get('stickiness.type') === 'app_cookie' &&
    next.get('stickiness.enabled') === 'true' &&
    next.get('stickiness.app_cookie.cookie_name') === ''
  ) {
    throw elbError(
      'InvalidConfigurationRequest',
      'An application cookie name must be specified for app_cookie stickiness',
    );
  }
  for (const [key, value] of changes) targetGroup.attributes.set(key, value);
  return { Attributes: attributeList(targetGroup.attributes) };
}
