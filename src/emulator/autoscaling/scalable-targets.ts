import type { RequestContext } from '../core/context.ts';
import { randomHex } from '../core/ids.ts';
import { InputReader } from '../core/input.ts';
import type { JsonObject, JsonValue } from '../core/json.ts';
import { pageOf } from '../core/pages.ts';
import type { RegionWorld } from '../core/world.ts';
import { setServiceDesiredCount } from '../ecs/lookup.ts';
import { ECS_STATE } from '../ecs/state.ts';
import { AutoScalingError, noScalableTarget, validation } from './errors.ts';
import {
  checkResource,
  ecsService,
  readResource,
  requireEcsService,
  SERVICE_NAMESPACES,
} from './resources.ts';
import { AUTO_SCALING, type ScalableTarget, targetKey } from './state.ts';
import { readTagMap } from './tags.ts';

/** The service-linked role Application Auto Scaling uses for ECS services. */
const ecsServiceRole = (accountId: string): string =>
  `arn:aws:iam::${accountId}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService`;

function render(target: ScalableTarget): JsonObject {
  return {
    ServiceNamespace: target.serviceNamespace,
    ResourceId: target.resourceId,
    ScalableDimension: target.scalableDimension,
    MinCapacity: target.minCapacity,
    MaxCapacity: target.maxCapacity,
    RoleARN: target.roleArn,
    CreationTime: target.creationTime / 1000,
    SuspendedState: { ...target.suspendedState },
    ScalableTargetARN: target.arn,
  };
}

/** Brings the service's desiredCount inside [min, max], as AWS does right after registering. */
function clampDesiredCount(world: RegionWorld, target: ScalableTarget, now: number): void {
  const { cluster, service } = ecsService(target.resourceId);
  const current = world.get(ECS_STATE).clusters.get(cluster)?.services.get(service)?.desiredCount;
  if (current === undefined) return;
  const clamped = Math.min(Math.max(current, target.minCapacity), target.maxCapacity);
  if (clamped !== current) setServiceDesiredCount(world, cluster, service, clamped, now);
}

export function registerScalableTarget(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, validation);
  const resource = readResource(reader);
  const min = reader.number('MinCapacity', { min: 0 });
  const max = reader.number('MaxCapacity', { min: 0 });
  const roleArn = reader.string('RoleARN', { min: 1, max: 1600 });
  const suspended = reader.nested('SuspendedState');
  const suspendedState = {
    DynamicScalingInSuspended: suspended.boolean('DynamicScalingInSuspended'),
    DynamicScalingOutSuspended: suspended.boolean('DynamicScalingOutSuspended'),
    ScheduledScalingSuspended: suspended.boolean('ScheduledScalingSuspended'),
  };
  const tags = readTagMap(reader);
  const state = context.world.get(AUTO_SCALING);
  const key = targetKey(resource.serviceNamespace, resource.resourceId, resource.scalableDimension);
  requireEcsService(context.world, resource.resourceId);

  let target = state.targets.get(key);
  if (target === undefined) {
    if (min === undefined || max === undefined) {
      throw validation('MinCapacity and MaxCapacity are required when registering a new scalable target');
    }
    const arn = `arn:aws:application-autoscaling:${context.region}:${context.accountId}:scalable-target/${randomHex(18)}`;
    target = {
      ...resource,
      arn,
      minCapacity: min,
      maxCapacity: max,
      roleArn: ecsServiceRole(context.accountId),
      creationTime: context.now(),
      suspendedState: {
        DynamicScalingInSuspended: false,
        DynamicScalingOutSuspended: false,
        ScheduledScalingSuspended: false,
      },
      tags: new Map(),
      policies: new Map(),
    };
  }
  const nextMin = min ?? target.minCapacity;
  const nextMax = max ?? target.maxCapacity;
  if (nextMin > nextMax) {
    throw validation(`Minimum capacity (${nextMin}) cannot be greater than maximum capacity (${nextMax})`);
  }
  if (tags.length > 0 && state.targets.has(key)) {
    throw validation('Tags can only be set when registering a new scalable target; use TagResource');
  }
  target.minCapacity = nextMin;
  target.maxCapacity = nextMax;
  if (roleArn !== undefined) target.roleArn = roleArn;
  for (const [name, value] of Object.entries(suspendedState)) {
    if (value !== undefined) target.suspendedState[name as keyof ScalableTarget['suspendedState']] = value;
  }
  for (const [tagKey, value] of tags) target.tags.set(tagKey, value);
  state.targets.set(key, target);
  state.byArn.set(target.arn, key);
  clampDesiredCount(context.world, target, context.now());
  return { ScalableTargetARN: target.arn };
}

export function describeScalableTargets(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, validation);
  const namespace = reader.requiredString('ServiceNamespace', { oneOf: SERVICE_NAMESPACES });
  const resourceIds = reader.stringArray('ResourceIds', { max: 50 });
  const dimension = reader.string('ScalableDimension');
  const max = reader.number('MaxResults', { min: 1, max: 50 }) ?? 50;
  const state = context.world.get(AUTO_SCALING);
  const candidates =
    resourceIds !== undefined && resourceIds.length > 0 && dimension !== undefined
      ? resourceIds.flatMap((id) => state.targets.get(targetKey(namespace, id, dimension)) ?? [])
      : [...state.targets.values()];
  const wanted = resourceIds === undefined || resourceIds.length === 0 ? undefined : new Set(resourceIds);
  const matching = candidates.filter(
    (target) =>
      target.serviceNamespace === namespace &&
      (wanted === undefined || wanted.has(target.resourceId)) &&
      (dimension === undefined || target.scalableDimension === dimension),
  );
  const page = pageOf(
    matching,
    reader.string('NextToken'),
    max,
    (message) => new AutoScalingError('InvalidNextTokenException', message),
  );
  return {
    ScalableTargets: page.items.map(render),
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
}

export function deregisterScalableTarget(input: JsonObject, context: RequestContext): JsonValue {
  const reader = new InputReader(input, validation);
  const namespace = reader.requiredString('ServiceNamespace', { oneOf: SERVICE_NAMESPACES });
  const resourceId = reader.requiredString('ResourceId', { min: 1, max: 1600 });
  const dimension = reader.requiredString('ScalableDimension', { min: 1 });
  const state = context.world.get(AUTO_SCALING);
  const key = targetKey(namespace, resourceId, dimension);
  const target = state.targets.get(key);
  if (target === undefined) {
    checkResource(namespace, resourceId, dimension);
    throw noScalableTarget(namespace, resourceId, dimension);
  }
  state.targets.delete(key);
  state.byArn.delete(target.arn);
  return {};
}
