import type { TargetGroup } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { JsonObject } from '../../diff/index.ts';
import type { TargetGroupSpec } from '../../manifest/generated/types.ts';
import { toPlain } from '../plain.ts';
import { pruneEmptyObject } from '../prune-empty.ts';
import { toCamel } from './member-case.ts';

/** The health check members ModifyTargetGroup takes. */
export const HEALTH_CHECK_FIELDS = [
  'healthCheckProtocol',
  'healthCheckPort',
  'healthCheckPath',
  'healthCheckEnabled',
  'healthCheckIntervalSeconds',
  'healthCheckTimeoutSeconds',
  'healthyThresholdCount',
  'unhealthyThresholdCount',
  'matcher',
] as const;

/** What a target group is created with and compared on (attributes and tags are added by the provider). */
const SETTINGS = [
  'name',
  'protocol',
  'protocolVersion',
  'port',
  'vpcId',
  'targetType',
  'ipAddressType',
  'targetControlPort',
  ...HEALTH_CHECK_FIELDS,
] as const;

const isHttp = (protocol: string | undefined): boolean => protocol === 'HTTP' || protocol === 'HTTPS';

/**
 * The spec's settings with AWS's defaults for what it leaves out, which depend on the
 * protocol and target type (CreateTargetGroup in the API model).
 */
export function targetGroupSettings(spec: TargetGroupSpec, name: string): JsonObject {
  const targetType = spec.targetType ?? 'instance';
  const lambda = targetType === 'lambda';
  // An Application Load Balancer as target (of a TCP target group) is checked over HTTP.
  const alb = targetType === 'alb';
  const protocol = spec.protocol;
  const geneve = protocol === 'GENEVE';
  const protocolVersion = isHttp(protocol) ? (spec.protocolVersion ?? 'HTTP1') : undefined;
  const grpc = protocolVersion === 'GRPC';
  const healthCheckProtocol =
    spec.healthCheckProtocol ?? (lambda ? undefined : isHttp(protocol) ? protocol : alb ? 'HTTP' : 'TCP');
  const httpCheck = lambda || isHttp(healthCheckProtocol);
  // HealthCheckTimeoutSeconds' default follows the target group's protocol (an alb group's is TCP: 10).
  const defaultTimeout = lambda ? 30 : geneve ? 5 : protocol === 'HTTP' ? 6 : 10;
  // Network and Gateway Load Balancer target groups accept 200-599 and default to 200-399 (Matcher.HttpCode).
  const defaultHttpCode = lambda || isHttp(protocol) ? '200' : '200-399';
  const matcher = grpc
    ? { grpcCode: spec.matcher?.grpcCode ?? '12' }
    : { httpCode: spec.matcher?.httpCode ?? defaultHttpCode };
  return pruneEmptyObject({
    name,
    protocol,
    protocolVersion,
    port: spec.port,
    vpcId: spec.vpcId,
    targetType,
    ipAddressType: lambda ? undefined : (spec.ipAddressType ?? 'ipv4'),
    targetControlPort: spec.targetControlPort,
    healthCheckProtocol,
    healthCheckPort: lambda ? undefined : (spec.healthCheckPort ?? (geneve ? '80' : 'traffic-port')),
    healthCheckEnabled: spec.healthCheckEnabled ?? !lambda,
    healthCheckPath: httpCheck ? (spec.healthCheckPath ?? (grpc ? '/AWS.ALB/healthcheck' : '/')) : undefined,
    healthCheckIntervalSeconds: spec.healthCheckIntervalSeconds ?? (lambda ? 35 : geneve ? 10 : 30),
    healthCheckTimeoutSeconds: spec.healthCheckTimeoutSeconds ?? defaultTimeout,
    healthyThresholdCount: spec.healthyThresholdCount ?? 5,
    unhealthyThresholdCount: spec.unhealthyThresholdCount ?? (lambda ? 5 : 2),
    matcher: httpCheck ? matcher : undefined,
  });
}

/** A described target group projected onto the same fields. */
export function observedSettings(group: TargetGroup): JsonObject {
  const camel = toCamel(toPlain({ ...group, Name: group.TargetGroupName }) as JsonObject) as JsonObject;
  const out: JsonObject = {};
  for (const field of SETTINGS) if (camel[field] !== undefined) out[field] = camel[field];
  return out;
}
