import {
  DeregisterScalableTargetCommand,
  type ScalableDimension,
  type ScalableTarget,
  type ServiceNamespace,
} from '@aws-sdk/client-application-auto-scaling';
import { differentAt, differentExcept } from '../../diff/index.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { isErrorCode } from '../aws-error.ts';
import { ForeignChildrenError } from '../foreign-children.ts';
import { OWNERSHIP_TAG_KEYS } from '../ownership.ts';
import { settingsToSpec } from '../spec-helpers.ts';
import { desiredTags, type TagMap } from '../tags.ts';
import type { DesiredResult, ObservedResource, Provider, ProviderContext } from '../types.ts';
import { describePolicies } from './policy-listing.ts';
import { marksOf } from './policy-marks.ts';
import { registerChanges, registerNew } from './register.ts';
import { observedTarget, specOf, suspendedState, targetOf } from './scalable-target-shape.ts';
import {
  describeScalableTargets,
  ECS_NAMESPACE,
  ecsTargets,
  locationKey,
  locationOf,
} from './target-listing.ts';
import { convergeTargetTags, tagsOfTarget, untagIfRegistered } from './target-tags.ts';

interface Located {
  readonly manifest: LoadedManifest;
  readonly serviceNamespace: string;
  readonly resourceId: string;
  readonly scalableDimension: string;
}

/** The manifests whose target location is known (a serviceRef not resolved yet has none). */
function locate(manifests: readonly LoadedManifest[], context: ProviderContext): Located[] {
  return manifests.flatMap((manifest) => {
    const target = targetOf(manifest, context);
    return target.ok ? [{ manifest, ...target }] : [];
  });
}

/** The targets the manifests name: DescribeScalableTargets by resource ids, per namespace and dimension. */
async function describeNamed(
  located: readonly Located[],
  context: ProviderContext,
): Promise<ScalableTarget[]> {
  const groups = new Map<string, { namespace: string; dimension: string; resourceIds: Set<string> }>();
  for (const { serviceNamespace, scalableDimension, resourceId } of located) {
    const key = `${serviceNamespace}|${scalableDimension}`;
    const group = groups.get(key) ?? {
      namespace: serviceNamespace,
      dimension: scalableDimension,
      resourceIds: new Set<string>(),
    };
    group.resourceIds.add(resourceId);
    groups.set(key, group);
  }
  const found: ScalableTarget[] = [];
  for (const { namespace, dimension, resourceIds } of groups.values())
    found.push(...(await describeScalableTargets(namespace, dimension, [...resourceIds], context)));
  return found;
}

async function matchNamed(
  located: readonly Located[],
  found: readonly ScalableTarget[],
  result: Map<string, ObservedResource>,
  context: ProviderContext,
): Promise<void> {
  const byLocation = new Map(found.map((target) => [locationOf(target), target]));
  for (const { manifest, serviceNamespace, resourceId, scalableDimension } of located) {
    const target = byLocation.get(locationKey(serviceNamespace, resourceId, scalableDimension));
    if (target === undefined) continue;
    const tags = await tagsOfTarget(target.ScalableTargetARN ?? '', context);
    const owned = context.ownership.identityOf(tags) === manifest.identity;
    result.set(manifest.identity, observedTarget(target, manifest.identity, owned, tags, specOf(manifest)));
  }
}

/**
 * Targets found by their ownership tag rather than where they are: a manifest's target that is
 * not on the resource it names now (its serviceRef changed), so that it is replaced rather than
 * left behind; and with `everyOwned`, every other target this instance owns.
 */
async function matchByOwnership(
  listed: readonly ScalableTarget[],
  missing: readonly LoadedManifest[],
  everyOwned: boolean,
  result: Map<string, ObservedResource>,
  context: ProviderContext,
): Promise<void> {
  const moved = new Map(missing.map((manifest) => [manifest.identity, manifest]));
  const claimed = new Set([...result.values()].map((found) => found.ids.arn));
  for (const target of listed) {
    const arn = target.ScalableTargetARN ?? '';
    if (claimed.has(arn)) continue;
    const tags = await tagsOfTarget(arn, context);
    const owner = context.ownership.identityOf(tags);
    if (owner === undefined || result.has(owner)) continue;
    const manifest = moved.get(owner);
    if (manifest !== undefined)
      result.set(owner, observedTarget(target, owner, true, tags, specOf(manifest)));
    else if (everyOwned && owner.startsWith('ScalableTarget/'))
      result.set(owner, observedTarget(target, owner, true, tags, undefined));
  }
}

export const scalableTargetProvider: Provider = {
  kind: 'ScalableTarget',
  toSpec: settingsToSpec,
  compare: {},
  replaceOn: ['serviceNamespace', 'resourceId', 'scalableDimension'],

  /**
   * With `everyOwned`, one listing of the ECS targets serves the manifests and the owned ones;
   * without, the manifests' targets are described by resource id, and the listing is only made
   * when one is missing (it may have moved). Tags are read once per target, then cached.
   */
  async read({ manifests, everyOwned }, context) {
    const located = locate(manifests, context);
    const listed = everyOwned ? await ecsTargets(context) : [];
    const unlisted = everyOwned
      ? located.filter((where) => where.serviceNamespace !== ECS_NAMESPACE)
      : located;
    const result = new Map<string, ObservedResource>();
    await matchNamed(located, [...listed, ...(await describeNamed(unlisted, context))], result, context);
    const missing = manifests.filter((manifest) => !result.has(manifest.identity));
    if (everyOwned || missing.length > 0) {
      const candidates = everyOwned ? listed : await ecsTargets(context);
      await matchByOwnership(candidates, missing, everyOwned, result, context);
    }
    return result;
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
    const tags = desired.tags as TagMap;
    const answer = await context.aws.autoscaling.send(registerNew(desired, tags));
    const arn = answer.ScalableTargetARN ?? '';
    context.tags.set(arn, tags);
    return {
      arn,
      serviceNamespace: String(desired.serviceNamespace),
      resourceId: String(desired.resourceId),
      scalableDimension: String(desired.scalableDimension),
    };
  },

  async update(_manifest, desired, live, delta, context) {
    if (differentExcept(delta, ['tags'])) await context.aws.autoscaling.send(registerChanges(desired, delta));
    if (!differentAt(delta, 'tags')) return;
    const arn = live.ids.arn ?? '';
    await convergeTargetTags(arn, desired.tags as TagMap, live.state.tags as TagMap, delta, context);
  },

  /** Its policies' marks stay: they are theirs to release or delete. */
  release: (live, context) => untagIfRegistered(live.ids.arn ?? '', OWNERSHIP_TAG_KEYS, context),

  /** Deregistering a target deletes its scaling policies: only when none is another's. */
  async delete(live, context) {
    const policies = await describePolicies(live.ids, undefined, context);
    const foreign: string[] = [];
    for (const policy of policies) {
      const marks = await marksOf(live.ids.arn ?? '', policy.PolicyName ?? '', context);
      if (marks.owner === undefined) foreign.push(policy.PolicyName ?? '?');
    }
    if (foreign.length > 0) throw new ForeignChildrenError(live.identity, 'scaling polic(ies)', foreign);
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
    context.tags.forget(live.ids.arn ?? '');
    return 'deleted';
  },
};
