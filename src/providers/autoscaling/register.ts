import {
  RegisterScalableTargetCommand,
  type RegisterScalableTargetCommandInput,
  type ScalableDimension,
  type ServiceNamespace,
  type SuspendedState,
} from '@aws-sdk/client-application-auto-scaling';
import { type DriftEntry, differentAt, type JsonObject } from '../../diff/index.ts';
import type { TagMap } from '../tags.ts';

type Key = Pick<RegisterScalableTargetCommandInput, 'ServiceNamespace' | 'ResourceId' | 'ScalableDimension'>;

function keyOf(desired: JsonObject): Key {
  return {
    ServiceNamespace: desired.serviceNamespace as ServiceNamespace,
    ResourceId: String(desired.resourceId),
    ScalableDimension: desired.scalableDimension as ScalableDimension,
  };
}

const SUSPENDED_MEMBERS = [
  ['dynamicScalingInSuspended', 'DynamicScalingInSuspended'],
  ['dynamicScalingOutSuspended', 'DynamicScalingOutSuspended'],
  ['scheduledScalingSuspended', 'ScheduledScalingSuspended'],
] as const;

function suspendedOf(desired: JsonObject, include: (path: string) => boolean): SuspendedState {
  const suspended = desired.suspendedState as Record<string, boolean | undefined>;
  const out: SuspendedState = {};
  for (const [member, apiMember] of SUSPENDED_MEMBERS) {
    if (include(`suspendedState.${member}`)) out[apiMember] = suspended[member] ?? false;
  }
  return out;
}

/** The first registration: everything, tags included (they only go with it). */
export function registerNew(desired: JsonObject, tags: TagMap): RegisterScalableTargetCommand {
  return new RegisterScalableTargetCommand({
    ...keyOf(desired),
    MinCapacity: Number(desired.minCapacity),
    MaxCapacity: Number(desired.maxCapacity),
    ...(typeof desired.roleARN === 'string' ? { RoleARN: desired.roleARN } : {}),
    SuspendedState: suspendedOf(desired, () => true),
    Tags: tags,
  });
}

/**
 * A registration of an existing target that sets only what the delta says differs: AWS keeps
 * the members left out, so a field the user ignores stays as it is.
 */
export function registerChanges(
  desired: JsonObject,
  delta: readonly DriftEntry[],
): RegisterScalableTargetCommand {
  const drifted = (path: string) => differentAt(delta, path);
  const suspended = suspendedOf(desired, drifted);
  return new RegisterScalableTargetCommand({
    ...keyOf(desired),
    ...(drifted('minCapacity') ? { MinCapacity: Number(desired.minCapacity) } : {}),
    ...(drifted('maxCapacity') ? { MaxCapacity: Number(desired.maxCapacity) } : {}),
    ...(drifted('roleARN') && typeof desired.roleARN === 'string' ? { RoleARN: desired.roleARN } : {}),
    ...(Object.keys(suspended).length > 0 ? { SuspendedState: suspended } : {}),
  });
}
