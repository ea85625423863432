import type { ScalableTarget } from '@aws-sdk/client-application-auto-scaling';
import type { JsonObject } from '../../diff/index.ts';
import { awsSpecOf } from '../../manifest/controls.ts';
import type { ScalableTargetSpec } from '../../manifest/generated/types.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { retainedIn } from '../ownership.ts';
import { referencedIdentity, resolveReference } from '../references.ts';
import type { TagMap } from '../tags.ts';
import type { ObservedResource, ProviderContext } from '../types.ts';
import { ECS_NAMESPACE, scalableTargetIds } from './target-listing.ts';
import { ownTags } from './target-tags.ts';

export const DEFAULT_DIMENSION = 'ecs:service:DesiredCount';

export const specOf = (manifest: LoadedManifest): ScalableTargetSpec =>
  awsSpecOf(manifest) as unknown as ScalableTargetSpec;

export type TargetLocation =
  | { ok: true; serviceNamespace: string; resourceId: string; scalableDimension: string }
  | { ok: false; waitingFor: string };

/** The target's key: namespace, dimension, and the resource id (from `serviceRef`'s `resourceId`, or literal). */
export function targetOf(manifest: LoadedManifest, context: ProviderContext): TargetLocation {
  const spec = specOf(manifest);
  const key = {
    serviceNamespace: spec.serviceNamespace ?? ECS_NAMESPACE,
    scalableDimension: spec.scalableDimension ?? DEFAULT_DIMENSION,
  };
  if (spec.serviceRef === undefined) return { ok: true, ...key, resourceId: spec.resourceId ?? '' };
  const resolved = resolveReference(manifest, 'serviceRef', spec.serviceRef, context.resolver);
  const resourceId = resolved.ok ? resolved.value.resourceId : undefined;
  if (resourceId === undefined || resourceId === '') {
    return { ok: false, waitingFor: referencedIdentity(manifest, 'serviceRef', spec.serviceRef) };
  }
  return { ok: true, ...key, resourceId };
}

export function suspendedState(
  value: ScalableTargetSpec['suspendedState'] | ScalableTarget['SuspendedState'],
): JsonObject {
  const read = (lower: string, upper: string): boolean => {
    const record = (value ?? {}) as Record<string, unknown>;
    return (record[lower] ?? record[upper]) === true;
  };
  return {
    dynamicScalingInSuspended: read('dynamicScalingInSuspended', 'DynamicScalingInSuspended'),
    dynamicScalingOutSuspended: read('dynamicScalingOutSuspended', 'DynamicScalingOutSuspended'),
    scheduledScalingSuspended: read('scheduledScalingSuspended', 'ScheduledScalingSuspended'),
  };
}

/**
 * The live target as spec fields. `roleARN` only when the manifest names a
 * role: omitted, AWS uses its service-linked role, which is no drift.
 */
function project(target: ScalableTarget, tags: TagMap, spec: ScalableTargetSpec | undefined): JsonObject {
  return {
    serviceNamespace: target.ServiceNamespace ?? '',
    resourceId: target.ResourceId ?? '',
    scalableDimension: target.ScalableDimension ?? '',
    minCapacity: target.MinCapacity ?? 0,
    maxCapacity: target.MaxCapacity ?? 0,
    ...(spec?.roleARN === undefined ? {} : { roleARN: target.RoleARN ?? '' }),
    suspendedState: suspendedState(target.SuspendedState),
    tags: ownTags(tags),
  };
}

export function observedTarget(
  target: ScalableTarget,
  identity: string,
  owned: boolean,
  tags: TagMap,
  spec: ScalableTargetSpec | undefined,
): ObservedResource {
  return {
    identity,
    ids: scalableTargetIds(target),
    owned,
    retained: retainedIn(tags),
    state: project(target, tags, spec),
    health: { health: 'Healthy' },
    detail: target,
  };
}
