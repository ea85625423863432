import { isIPv4, isIPv6 } from 'node:net';
import type { RequestContext } from '../core/context.ts';
import type { JsonObject } from '../core/json.ts';
import { elbError, validationError } from './errors.ts';
import { objectList, reader } from './read.ts';
import { ELBV2_STATE, type TargetGroupRecord, type TargetRecord } from './state.ts';
import { targetGroupOrThrow } from './target-groups.ts';
import { deregisterTarget, inUse, registerTarget, targetKey } from './targets.ts';

interface TargetInput {
  readonly id: string;
  readonly port: number;
  readonly availabilityZone: string | undefined;
}

function readTargets(raw: JsonObject, targetGroup: TargetGroupRecord, required: boolean): TargetInput[] {
  const input = reader(raw);
  const targets = objectList(input, 'Targets').map((item) => {
    const target = reader(item);
    const id = target.requiredString('Id');
    const port = target.number('Port', { min: 1, max: 65535 }) ?? targetGroup.port;
    if (port === undefined && targetGroup.targetType !== 'lambda')
      throw validationError(`A port must be specified for target '${id}'`);
    return { id, port: port ?? 0, availabilityZone: target.string('AvailabilityZone') };
  });
  if (required && targets.length === 0) throw validationError('Targets must have at least one member');
  return targets;
}

function checkTargetId(targetGroup: TargetGroupRecord, id: string): void {
  if (targetGroup.targetType === 'ip' && !isIPv4(id) && !isIPv6(id)) {
    throw validationError(`The IP address '${id}' is not a valid IPv4 address`);
  }
  if (targetGroup.targetType === 'instance' && !/^i-[0-9a-zA-Z]+$/.test(id)) {
    throw elbError('InvalidTarget', `The following targets are not valid instances: '${id}'`);
  }
}

export function registerTargets(raw: JsonObject, context: RequestContext): JsonObject {
  const state = context.world.get(ELBV2_STATE);
  const targetGroup = targetGroupOrThrow(state, reader(raw).requiredString('TargetGroupArn'));
  const targets = readTargets(raw, targetGroup, true);
  for (const target of targets) checkTargetId(targetGroup, target.id);
  for (const target of targets)
    registerTarget(state, targetGroup, { ...target, passes: true }, context.now());
  return {};
}

export function deregisterTargets(raw: JsonObject, context: RequestContext): JsonObject {
  const state = context.world.get(ELBV2_STATE);
  const targetGroup = targetGroupOrThrow(state, reader(raw).requiredString('TargetGroupArn'));
  for (const target of readTargets(raw, targetGroup, true)) {
    deregisterTarget(state, targetGroup, targetKey(target.id, target.port), context.now());
  }
  return {};
}

function healthOf(targetGroup: TargetGroupRecord, target: TargetRecord | undefined, now: number): JsonObject {
  if (target === undefined) {
    return {
      State: 'unused',
      Reason: 'Target.NotRegistered',
      Description: 'Target is not registered to the target group',
    };
  }
  if (target.state === 'draining') {
    return {
      State: 'draining',
      Reason: 'Target.DeregistrationInProgress',
      Description: 'Target deregistration is in progress',
    };
  }
  if (!inUse(targetGroup)) {
    return {
      State: 'unused',
      Reason: 'Target.NotInUse',
      Description: 'Target group is not configured to receive traffic from the load balancer',
    };
  }
  if (target.state === 'healthy') return { State: 'healthy' };
  if (target.state === 'unhealthy') {
    const http = targetGroup.healthCheck.protocol === 'HTTP' || targetGroup.healthCheck.protocol === 'HTTPS';
    return http
      ? {
          State: 'unhealthy',
          Reason: 'Target.ResponseCodeMismatch',
          Description: 'Health checks failed with these codes: [503]',
        }
      : { State: 'unhealthy', Reason: 'Target.Timeout', Description: 'Request timed out' };
  }
  const registering = now - target.registeredAt < targetGroup.healthCheck.intervalSeconds * 1000;
  return registering
    ? {
        State: 'initial',
        Reason: 'Elb.RegistrationInProgress',
        Description: 'Target registration is in progress',
      }
    : {
        State: 'initial',
        Reason: 'Elb.InitialHealthChecking',
        Description: 'Initial health checks in progress',
      };
}

export function describeTargetHealth(raw: JsonObject, context: RequestContext): JsonObject {
  const state = context.world.get(ELBV2_STATE);
  const targetGroup = targetGroupOrThrow(state, reader(raw).requiredString('TargetGroupArn'));
  const asked = readTargets(raw, targetGroup, false);
  const now = context.now();
  const rows: Array<{ input: TargetInput; record: TargetRecord | undefined }> =
    asked.length > 0
      ? asked.map((input) => ({ input, record: targetGroup.targets.get(targetKey(input.id, input.port)) }))
      : [...targetGroup.targets.values()].map((record) => ({
          input: { id: record.id, port: record.port, availabilityZone: record.availabilityZone },
          record,
        }));
  const checkPort = targetGroup.healthCheck.port;
  return {
    TargetHealthDescriptions: rows.map(({ input, record }) => ({
      Target: {
        Id: input.id,
        Port: targetGroup.targetType === 'lambda' ? undefined : input.port,
        AvailabilityZone: record?.availabilityZone ?? input.availabilityZone,
      },
      HealthCheckPort: checkPort === 'traffic-port' ? String(input.port) : checkPort,
      TargetHealth: healthOf(targetGroup, record, now),
    })),
  };
}
