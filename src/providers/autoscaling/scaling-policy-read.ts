import type { ScalingPolicy } from '@aws-sdk/client-application-auto-scaling';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import {
  KNOWN_AFTER_APPLY,
  type ObservedResource,
  type ProviderContext,
  type ReadScope,
  type ResourceIds,
} from '../types.ts';
import { describePolicies, ecsPolicies } from './policy-listing.ts';
import { marksOf } from './policy-marks.ts';
import { projectPolicy, withDeletionPolicy } from './scaling-policy-shape.ts';
import { policyNameOf, targetOf } from './scaling-policy-target.ts';
import { ECS_NAMESPACE, ecsTargets, locationKey, locationOf, scalableTargetIds } from './target-listing.ts';

interface Wanted {
  readonly manifest: LoadedManifest;
  readonly target: ResourceIds;
  readonly policyName: string;
}

/** The manifests whose scalable target exists (one only planned has no policies yet). */
function locate(manifests: readonly LoadedManifest[], context: ProviderContext): Wanted[] {
  return manifests.flatMap((manifest) => {
    const target = targetOf(manifest, context);
    if (!target.ok || target.ids.arn === KNOWN_AFTER_APPLY) return [];
    return [{ manifest, target: target.ids, policyName: policyNameOf(manifest) }];
  });
}

const keyOf = (target: ResourceIds, policyName: string): string =>
  `${locationKey(target.serviceNamespace ?? '', target.resourceId ?? '', target.scalableDimension ?? '')}|${policyName}`;

const keyOfPolicy = (policy: ScalingPolicy): string => `${locationOf(policy)}|${policy.PolicyName ?? ''}`;

function observedPolicy(
  policy: ScalingPolicy,
  target: ResourceIds,
  identity: string,
  owned: boolean,
  retained: boolean,
): ObservedResource {
  return {
    identity,
    ids: {
      ...target,
      targetArn: target.arn ?? '',
      arn: policy.PolicyARN ?? '',
      policyName: policy.PolicyName ?? '',
    },
    owned,
    retained,
    state: withDeletionPolicy(projectPolicy(policy), retained),
    health: { health: 'Healthy' },
    detail: policy,
  };
}

/** The policies the manifests name: DescribeScalingPolicies by name, per scalable target. */
async function describeNamed(wanted: readonly Wanted[], context: ProviderContext): Promise<ScalingPolicy[]> {
  const byTarget = new Map<string, { target: ResourceIds; names: Set<string> }>();
  for (const { target, policyName } of wanted) {
    const group = byTarget.get(target.arn ?? '') ?? { target, names: new Set<string>() };
    group.names.add(policyName);
    byTarget.set(target.arn ?? '', group);
  }
  const found: ScalingPolicy[] = [];
  for (const { target, names } of byTarget.values())
    found.push(...(await describePolicies(target, [...names], context)));
  return found;
}

async function matchNamed(
  wanted: readonly Wanted[],
  found: readonly ScalingPolicy[],
  result: Map<string, ObservedResource>,
  context: ProviderContext,
): Promise<void> {
  const byKey = new Map(found.map((policy) => [keyOfPolicy(policy), policy]));
  for (const { manifest, target, policyName } of wanted) {
    const policy = byKey.get(keyOf(target, policyName));
    if (policy === undefined) continue;
    const { identity } = manifest;
    const marks = await marksOf(target.arn ?? '', policyName, context);
    result.set(identity, observedPolicy(policy, target, identity, marks.owner === identity, marks.retained));
  }
}

/** The scalable targets by location: those this look read already, else the ECS listing (shared with their read). */
async function targetsByLocation(context: ProviderContext): Promise<Map<string, ResourceIds>> {
  const read = context.peers?.of('ScalableTarget')?.map((target) => target.ids);
  const all = read ?? (await ecsTargets(context)).map(scalableTargetIds);
  return new Map(
    all.map((ids) => [
      locationKey(ids.serviceNamespace ?? '', ids.resourceId ?? '', ids.scalableDimension ?? ''),
      ids,
    ]),
  );
}

/** The listed policies no manifest named whose marks on their target say this instance owns them. */
async function matchOwned(
  listed: readonly ScalingPolicy[],
  result: Map<string, ObservedResource>,
  context: ProviderContext,
): Promise<void> {
  const claimed = new Set([...result.values()].map((found) => found.ids.arn));
  const unclaimed = listed.filter((policy) => !claimed.has(policy.PolicyARN ?? ''));
  if (unclaimed.length === 0) return;
  const targets = await targetsByLocation(context);
  for (const policy of unclaimed) {
    const target = targets.get(locationOf(policy));
    if (target === undefined) continue;
    const { owner, retained } = await marksOf(target.arn ?? '', policy.PolicyName ?? '', context);
    if (owner?.startsWith('ScalingPolicy/') === true && !result.has(owner))
      result.set(owner, observedPolicy(policy, target, owner, true, retained));
  }
}

/**
 * With `everyOwned`, one listing of the ECS namespace's policies serves the manifests and the
 * owned ones; without, the manifests' policies are described by name on their targets. Marks
 * come from the targets' tags, which their own read has usually cached already.
 */
export async function readPolicies(
  { manifests, everyOwned }: ReadScope,
  context: ProviderContext,
): Promise<Map<string, ObservedResource>> {
  const wanted = locate(manifests, context);
  const listed = everyOwned ? await ecsPolicies(context) : [];
  const unlisted = everyOwned ? wanted.filter((w) => w.target.serviceNamespace !== ECS_NAMESPACE) : wanted;
  const result = new Map<string, ObservedResource>();
  await matchNamed(wanted, [...listed, ...(await describeNamed(unlisted, context))], result, context);
  if (everyOwned) await matchOwned(listed, result, context);
  return result;
}
