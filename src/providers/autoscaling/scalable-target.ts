import {
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  RegisterScalableTargetCommand,
  type ScalableDimension,
  type ScalableTarget,
  type ServiceNamespace,
} from '@aws-sdk/client-application-auto-scaling';
import { awsSpecOf } from '../../converge/controls.ts';
import { type JsonObject, jsonEqual } from '../../diff/index.ts';
import type { ScalableTargetSpec } from '../../manifest/generated/types.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { isErrorCode } from '../aws-error.ts';
import { chunks, paged } from '../batch.ts';
import { referencedIdentity, resolveReference } from '../references.ts';
import { settingsToSpec } from '../spec-helpers.ts';
import { desiredTags, type TagMap } from '../tags.ts';
import type { DesiredResult, ObservedResource, Provider, ProviderContext, ResourceIds } from '../types.ts';
import { convergeTargetTags, ownTags, targetTags } from './target-tags.ts';

/** DescribeScalableTargets takes up to 50 resource ids a call. */
const DESCRIBE_BATCH = 50;
const DEFAULT_NAMESPACE = 'ecs';
const DEFAULT_DIMENSION = 'ecs:service:DesiredCount';

const specOf = (manifest: LoadedManifest): ScalableTargetSpec =>
  awsSpecOf(manifest) as unknown as ScalableTargetSpec;

type Target =
  | { ok: true; serviceNamespace: string; resourceId: string; scalableDimension: string }
  | { ok: false; waitingFor: string };

/** The target's key: namespace, dimension, and the resource id (from `serviceRef`'s `resourceId`, or literal). */
function targetOf(manifest: LoadedManifest, context: ProviderContext): Target {
  const spec = specOf(manifest);
  const key = {
    serviceNamespace: spec.serviceNamespace ?? DEFAULT_NAMESPACE,
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

function suspendedState(
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

export function scalableTargetIds(target: ScalableTarget): ResourceIds {
  return {
    arn: target.ScalableTargetARN ?? '',
    serviceNamespace: target.ServiceNamespace ?? '',
    resourceId: target.ResourceId ?? '',
    scalableDimension: target.ScalableDimension ?? '',
  };
}

export async function describeScalableTargets(
  serviceNamespace: string,
  scalableDimension: string | undefined,
  resourceIds: readonly string[] | undefined,
  context: ProviderContext,
): Promise<ScalableTarget[]> {
  const batches = resourceIds === undefined ? [undefined] : chunks(resourceIds, DESCRIBE_BATCH);
  const found: ScalableTarget[] = [];
  for (const batch of batches) {
    found.push(
      ...(await paged(async (token) => {
        const page = await context.aws.autoscaling.send(
          new DescribeScalableTargetsCommand({
            ServiceNamespace: serviceNamespace as ServiceNamespace,
            ...(batch === undefined ? {} : { ResourceIds: batch }),
            ...(scalableDimension === undefined
              ? {}
              : { ScalableDimension: scalableDimension as ScalableDimension }),
            MaxResults: 50,
            NextToken: token,
          }),
        );
        return { items: page.ScalableTargets ?? [], next: page.NextToken };
      })),
    );
  }
  return found;
}

function observed(
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
    state: project(target, tags, spec),
    health: { health: 'Healthy' },
    detail: target,
  };
}

/**
 * A manifest whose target is not on the resource it names now (its serviceRef
 * changed): its ownership tag finds the old one, so that it is replaced rather
 * than left behind.
 */
async function findMoved(
  manifests: readonly LoadedManifest[],
  result: Map<string, ObservedResource>,
  context: ProviderContext,
): Promise<void> {
  const missing = new Map(manifests.filter((m) => !result.has(m.identity)).map((m) => [m.identity, m]));
  if (missing.size === 0) return;
  const claimed = new Set([...result.values()].map((found) => found.ids.arn));
  for (const target of await describeScalableTargets(DEFAULT_NAMESPACE, undefined, undefined, context)) {
    if (claimed.has(target.ScalableTargetARN ?? '')) continue;
    const tags = await targetTags(target.ScalableTargetARN ?? '', context);
    const manifest = missing.get(context.ownership.identityOf(tags) ?? '');
    if (manifest !== undefined)
      result.set(manifest.identity, observed(target, manifest.identity, true, tags, specOf(manifest)));
  }
}

export const scalableTargetProvider: Provider = {
  kind: 'ScalableTarget',
  toSpec: settingsToSpec,
  compare: {},
  replaceOn: ['serviceNamespace', 'resourceId', 'scalableDimension'],

  async observe(manifests, context) {
    const groups = new Map<
      string,
      {
        namespace: string;
        dimension: string;
        members: Array<{ manifest: LoadedManifest; resourceId: string }>;
      }
    >();
    for (const manifest of manifests) {
      const target = targetOf(manifest, context);
      if (!target.ok) continue;
      const key = `${target.serviceNamespace}|${target.scalableDimension}`;
      const group = groups.get(key) ?? {
        namespace: target.serviceNamespace,
        dimension: target.scalableDimension,
        members: [],
      };
      group.members.push({ manifest, resourceId: target.resourceId });
      groups.set(key, group);
    }
    const result = new Map<string, ObservedResource>();
    for (const group of groups.values()) {
      const ids = [...new Set(group.members.map((member) => member.resourceId))];
      const found = await describeScalableTargets(group.namespace, group.dimension, ids, context);
      const byResource = new Map(found.map((target) => [target.ResourceId ?? '', target]));
      for (const { manifest, resourceId } of group.members) {
        const target = byResource.get(resourceId);
        if (target === undefined) continue;
        const tags = await targetTags(target.ScalableTargetARN ?? '', context);
        const owned = context.ownership.identityOf(tags) === manifest.identity;
        result.set(manifest.identity, observed(target, manifest.identity, owned, tags, specOf(manifest)));
      }
    }
    await findMoved(manifests, result, context);
    return result;
  },

  async listOwned(context) {
    const owned: ObservedResource[] = [];
    for (const target of await describeScalableTargets(DEFAULT_NAMESPACE, undefined, undefined, context)) {
      const tags = await targetTags(target.ScalableTargetARN ?? '', context);
      const identity = context.ownership.identityOf(tags);
      if (!identity?.startsWith('ScalableTarget/')) continue;
      owned.push({
        identity,
        ids: scalableTargetIds(target),
        owned: true,
        state: project(target, tags, undefined),
        health: { health: 'Healthy' },
        detail: target,
      });
    }
    return owned;
  },

  desired(manifest, context): DesiredResult {
    const target = targetOf(manifest, context);
    if (!target.ok) return target;
    const spec = specOf(manifest);
    return {
      ok: true,
      state: {
        serviceNamespace: target.serviceNamespace,
        resourceId: target.resourceId,
        scalableDimension: target.scalableDimension,
        minCapacity: spec.minCapacity,
        maxCapacity: spec.maxCapacity,
        ...(spec.roleARN === undefined ? {} : { roleARN: spec.roleARN }),
        suspendedState: suspendedState(spec.suspendedState),
        tags: desiredTags(manifest, context.ownership),
      },
    };
  },

  /** RegisterScalableTarget is both create and update; tags only go with the first registration. */
  async create(_manifest, desired, context) {
    const answer = await context.aws.autoscaling.send(register(desired, desired.tags as TagMap));
    return {
      arn: answer.ScalableTargetARN ?? '',
      serviceNamespace: String(desired.serviceNamespace),
      resourceId: String(desired.resourceId),
      scalableDimension: String(desired.scalableDimension),
    };
  },

  async update(_manifest, desired, live, context) {
    const { tags: wantedTags, ...wanted } = desired;
    const { tags: liveTags, ...actual } = live.state;
    if (!jsonEqual(wanted, actual)) await context.aws.autoscaling.send(register(desired, undefined));
    await convergeTargetTags(live.ids.arn ?? '', wantedTags as TagMap, liveTags as TagMap, context);
  },

  /** Deregistering also deletes the target's scaling policies. */
  async delete(live, context) {
    try {
      await context.aws.autoscaling.send(
        new DeregisterScalableTargetCommand({
          ServiceNamespace: live.ids.serviceNamespace as ServiceNamespace,
          ResourceId: live.ids.resourceId,
          ScalableDimension: live.ids.scalableDimension as ScalableDimension,
        }),
      );
    } catch (error) {
      if (!isErrorCode(error, 'ObjectNotFoundException')) throw error;
    }
    return 'deleted';
  },
};

function register(desired: JsonObject, tags: TagMap | undefined): RegisterScalableTargetCommand {
  const suspended = desired.suspendedState as Record<string, boolean>;
  return new RegisterScalableTargetCommand({
    ServiceNamespace: desired.serviceNamespace as ServiceNamespace,
    ResourceId: String(desired.resourceId),
    ScalableDimension: desired.scalableDimension as ScalableDimension,
    MinCapacity: Number(desired.minCapacity),
    MaxCapacity: Number(desired.maxCapacity),
    ...(typeof desired.roleARN === 'string' ? { RoleARN: desired.roleARN } : {}),
    SuspendedState: {
      DynamicScalingInSuspended: suspended.dynamicScalingInSuspended ?? false,
      DynamicScalingOutSuspended: suspended.dynamicScalingOutSuspended ?? false,
      ScheduledScalingSuspended: suspended.scheduledScalingSuspended ?? false,
    },
    ...(tags === undefined ? {} : { Tags: tags }),
  });
}
