import type { InputReader } from '../core/input.ts';
import type { JsonObject } from '../core/json.ts';
import { validationError } from './errors.ts';
import type { HealthCheck } from './state.ts';

const HEALTH_CHECK_PROTOCOLS = ['HTTP', 'HTTPS', 'TCP'];

function isHttp(protocol: string | undefined): boolean {
  return protocol === 'HTTP' || protocol === 'HTTPS';
}

/**
 * The success codes an HTTP check starts with: 200 on Application Load Balancer (HTTP/HTTPS)
 * and Lambda target groups, 200-399 on Network and Gateway Load Balancer ones (Matcher.HttpCode
 * in the model).
 */
function defaultHttpCode(protocol: string | undefined, targetType: string): string {
  return targetType === 'lambda' || isHttp(protocol) ? '200' : '200-399';
}

/** The health check of a new target group: what was sent, else AWS's defaults for its protocol and target type (CreateTargetGroup in the model). */
export function readHealthCheck(
  input: InputReader,
  protocol: string | undefined,
  targetType: string,
  protocolVersion: string | undefined,
): HealthCheck {
  const lambda = targetType === 'lambda';
  const geneve = protocol === 'GENEVE';
  // An Application Load Balancer as target is checked over HTTP (its target group's protocol is TCP).
  const defaultProtocol = lambda
    ? undefined
    : isHttp(protocol)
      ? protocol
      : targetType === 'alb'
        ? 'HTTP'
        : 'TCP';
  const checkProtocol =
    input.string('HealthCheckProtocol', { oneOf: HEALTH_CHECK_PROTOCOLS }) ?? defaultProtocol;
  if ((isHttp(protocol) || targetType === 'alb') && checkProtocol === 'TCP') {
    throw validationError(
      'Health check protocol TCP is not supported for target groups with protocol HTTP or HTTPS or target type alb',
    );
  }
  const httpCheck = lambda || isHttp(checkProtocol);
  const grpc = protocolVersion === 'GRPC';
  const enabled = input.boolean('HealthCheckEnabled') ?? !lambda;
  if (!enabled && !lambda) {
    throw validationError(
      'Health checks cannot be disabled for target groups with target type instance, ip or alb',
    );
  }
  const interval =
    input.number('HealthCheckIntervalSeconds', { min: 5, max: 300 }) ?? (lambda ? 35 : geneve ? 10 : 30);
  const defaultTimeout = lambda ? 30 : geneve ? 5 : protocol === 'HTTP' ? 6 : 10;
  const timeout = input.number('HealthCheckTimeoutSeconds', { min: 2, max: 120 }) ?? defaultTimeout;
  if (timeout >= interval) throw validationError('Health check timeout must be smaller than the interval');
  const matcher = input.nested('Matcher');
  return {
    protocol: checkProtocol,
    port: lambda ? undefined : (input.string('HealthCheckPort') ?? (geneve ? '80' : 'traffic-port')),
    enabled,
    path: httpCheck
      ? (input.string('HealthCheckPath', { min: 1, max: 1024 }) ?? (grpc ? '/AWS.ALB/healthcheck' : '/'))
      : undefined,
    intervalSeconds: interval,
    timeoutSeconds: timeout,
    healthyThreshold: input.number('HealthyThresholdCount', { min: 2, max: 10 }) ?? 5,
    unhealthyThreshold: input.number('UnhealthyThresholdCount', { min: 2, max: 10 }) ?? (lambda ? 5 : 2),
    matcher: httpCheck
      ? grpc
        ? { GrpcCode: matcher.string('GrpcCode') ?? '12' }
        : { HttpCode: matcher.string('HttpCode') ?? defaultHttpCode(protocol, targetType) }
      : undefined,
  };
}

/**
 * ModifyTargetGroup: only the members sent change, except that a check turning to HTTP(S)
 * gains the default path and success codes, and one turning to TCP loses them.
 */
export function modifyHealthCheck(
  check: HealthCheck,
  input: InputReader,
  targetGroup: { readonly protocol: string | undefined; readonly targetType: string },
): void {
  const wasHttp = isHttp(check.protocol);
  check.protocol = input.string('HealthCheckProtocol', { oneOf: HEALTH_CHECK_PROTOCOLS }) ?? check.protocol;
  if ((isHttp(targetGroup.protocol) || targetGroup.targetType === 'alb') && check.protocol === 'TCP') {
    throw validationError(
      'Health check protocol TCP is not supported for target groups with protocol HTTP or HTTPS or target type alb',
    );
  }
  if (isHttp(check.protocol) && !wasHttp && targetGroup.targetType !== 'lambda') {
    check.path = '/';
    check.matcher = { HttpCode: defaultHttpCode(targetGroup.protocol, targetGroup.targetType) };
  } else if (check.protocol === 'TCP') {
    check.path = undefined;
    check.matcher = undefined;
  }
  check.port = input.string('HealthCheckPort') ?? check.port;
  check.path = input.string('HealthCheckPath', { min: 1, max: 1024 }) ?? check.path;
  check.enabled = input.boolean('HealthCheckEnabled') ?? check.enabled;
  check.intervalSeconds =
    input.number('HealthCheckIntervalSeconds', { min: 5, max: 300 }) ?? check.intervalSeconds;
  check.timeoutSeconds =
    input.number('HealthCheckTimeoutSeconds', { min: 2, max: 120 }) ?? check.timeoutSeconds;
  check.healthyThreshold =
    input.number('HealthyThresholdCount', { min: 2, max: 10 }) ?? check.healthyThreshold;
  check.unhealthyThreshold =
    input.number('UnhealthyThresholdCount', { min: 2, max: 10 }) ?? check.unhealthyThreshold;
  if (input.has('Matcher')) {
    const matcher = input.nested('Matcher');
    const http = matcher.string('HttpCode');
    const grpc = matcher.string('GrpcCode');
    check.matcher =
      grpc !== undefined
        ? { GrpcCode: grpc }
        : { HttpCode: http ?? defaultHttpCode(targetGroup.protocol, targetGroup.targetType) };
  }
}

export function renderHealthCheck(check: HealthCheck): JsonObject {
  return {
    HealthCheckProtocol: check.protocol,
    HealthCheckPort: check.port,
    HealthCheckEnabled: check.enabled,
    HealthCheckIntervalSeconds: check.intervalSeconds,
    HealthCheckTimeoutSeconds: check.timeoutSeconds,
    HealthyThresholdCount: check.healthyThreshold,
    UnhealthyThresholdCount: check.unhealthyThreshold,
    HealthCheckPath: check.path,
    Matcher: check.matcher,
  };
}
