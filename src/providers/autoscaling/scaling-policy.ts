import {
  DeleteScalingPolicyCommand,
  DescribeScalingPoliciesCommand,
  PutScalingPolicyCommand,
  type PutScalingPolicyRequest,
  type ScalableDimension,
  type ScalingPolicy,
  type ServiceNamespace,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { awsSpecOf } from '../../converge/controls.ts';
import type { JsonObject } from '../../diff/index.ts';
import type { ScalingPolicySpec } from '../../manifest/generated/types.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { toApiCase } from '../api-case.ts';
import { isErrorCode } from '../aws-error.ts';
import { chunks, paged } from '../batch.ts';
import { referencedIdentity, resolveReference } from '../references.ts';
import {
  type DesiredResult,
  KNOWN_AFTER_APPLY,
  type ObservedResource,
  type Provider,
  type ProviderContext,
  type ResourceIds,
} from '../types.ts';
import { describeScalableTargets, scalableTargetIds } from './scalable-target.ts';
import { desiredPolicy, projectPolicy } from './scaling-policy-shape.ts';
import { scalingPolicyToSpec } from './scaling-policy-to-spec.ts';
import { policyTagKey, targetTags } from './target-tags.ts';

/** DescribeScalingPolicies takes up to 50 policy names a call. */
const NAMES_BATCH = 50;

const specOf = (manifest: LoadedManifest): ScalingPolicySpec =>
  awsSpecOf(manifest) as unknown as ScalingPolicySpec;
const policyNameOf = (manifest: LoadedManifest): string =>
  specOf(manifest).policyName ?? manifest.metadata.name;

type TargetIds = { ok: true; ids: ResourceIds } | { ok: false; waitingFor: string };

/** The scalable target's ids (arn, serviceNamespace, resourceId, scalableDimension). */
function targetOf(manifest: LoadedManifest, context: ProviderContext): TargetIds {
  const ref = specOf(manifest).scalableTargetRef;
  const resolved = resolveReference(manifest, 'scalableTargetRef', ref, context.resolver);
  if (!resolved.ok || (resolved.value.resourceId ?? '') === '') {
    return { ok: false, waitingFor: referencedIdentity(manifest, 'scalableTargetRef', ref) };
  }
  return { ok: true, ids: resolved.value };
}

async function describePolicies(
  target: ResourceIds,
  names: readonly string[] | undefined,
  context: ProviderContext,
): Promise<ScalingPolicy[]> {
  const found: ScalingPolicy[] = [];
  for (const batch of names === undefined ? [undefined] : chunks(names, NAMES_BATCH)) {
    found.push(
      ...(await paged(async (token) => {
        const page = await context.aws.autoscaling.send(
          new DescribeScalingPoliciesCommand({
            ServiceNamespace: target.serviceNamespace as ServiceNamespace,
            ResourceId: target.resourceId,
            ScalableDimension: target.scalableDimension as ScalableDimension,
            ...(batch === undefined ? {} : { PolicyNames: batch }),
            MaxResults: 10,
            NextToken: token,
          }),
        );
        return { items: page.ScalingPolicies ?? [], next: page.NextToken };
      })),
    );
  }
  return found;
}

function observed(
  policy: ScalingPolicy,
  target: ResourceIds,
  identity: string,
  owned: boolean,
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
    state: projectPolicy(policy),
    health: { health: 'Healthy' },
    detail: policy,
  };
}

function putRequest(target: ResourceIds, desired: JsonObject): PutScalingPolicyRequest {
  const tracking = desired.targetTrackingScalingPolicyConfiguration;
  const step = desired.stepScalingPolicyConfiguration;
  return {
    PolicyName: String(desired.policyName),
    ServiceNamespace: target.serviceNamespace as ServiceNamespace,
    ResourceId: target.resourceId,
    ScalableDimension: target.scalableDimension as ScalableDimension,
    PolicyType: desired.policyType as 'StepScaling',
    ...(tracking === undefined
      ? {}
      : {
          TargetTrackingScalingPolicyConfiguration: toApiCase(
            tracking,
          ) as unknown as PutScalingPolicyRequest['TargetTrackingScalingPolicyConfiguration'],
        }),
    ...(step === undefined
      ? {}
      : {
          StepScalingPolicyConfiguration: toApiCase(
            step,
          ) as unknown as PutScalingPolicyRequest['StepScalingPolicyConfiguration'],
        }),
  };
}

/** PutScalingPolicy, then the policy's ownership mark on its target (policies take no tags). */
async function put(
  manifest: LoadedManifest,
  desired: JsonObject,
  context: ProviderContext,
): Promise<ResourceIds> {
  const target = targetOf(manifest, context);
  if (!target.ok || target.ids.arn === KNOWN_AFTER_APPLY)
    throw new Error(`${manifest.identity}: its scalable target does not exist`);
  const answer = await context.aws.autoscaling.send(
    new PutScalingPolicyCommand(putRequest(target.ids, desired)),
  );
  await context.aws.autoscaling.send(
    new TagResourceCommand({
      ResourceARN: target.ids.arn,
      Tags: { [policyTagKey(String(desired.policyName))]: manifest.identity },
    }),
  );
  return {
    ...target.ids,
    targetArn: target.ids.arn ?? '',
    arn: answer.PolicyARN ?? '',
    policyName: String(desired.policyName),
  };
}

export const scalingPolicyProvider: Provider = {
  kind: 'ScalingPolicy',
  toSpec: scalingPolicyToSpec,
  compare: {
    lists: {
      'targetTrackingScalingPolicyConfiguration.customizedMetricSpecification.dimensions': { key: 'name' },
      'targetTrackingScalingPolicyConfiguration.customizedMetricSpecification.metrics': { key: 'id' },
    },
  },
  replaceOn: ['policyName', 'policyType'],

  async observe(manifests, context) {
    const byTarget = new Map<string, { ids: ResourceIds; members: LoadedManifest[] }>();
    for (const manifest of manifests) {
      const target = targetOf(manifest, context);
      if (!target.ok) continue;
      const arn = target.ids.arn ?? '';
      const group = byTarget.get(arn) ?? { ids: target.ids, members: [] };
      group.members.push(manifest);
      byTarget.set(arn, group);
    }
    const result = new Map<string, ObservedResource>();
    for (const [arn, { ids, members }] of byTarget) {
      const policies = await describePolicies(ids, [...new Set(members.map(policyNameOf))], context);
      if (policies.length === 0) continue;
      const tags = await targetTags(arn, context);
      const ours = context.ownership.identityOf(tags) !== undefined;
      for (const manifest of members) {
        const name = policyNameOf(manifest);
        const policy = policies.find((candidate) => candidate.PolicyName === name);
        if (policy === undefined) continue;
        const owned = ours && tags[policyTagKey(name)] === manifest.identity;
        result.set(manifest.identity, observed(policy, ids, manifest.identity, owned));
      }
    }
    return result;
  },

  /** Policies on this instance's scalable targets whose ownership mark names a ScalingPolicy manifest. */
  async listOwned(context) {
    const owned: ObservedResource[] = [];
    for (const target of await describeScalableTargets('ecs', undefined, undefined, context)) {
      const tags = await targetTags(target.ScalableTargetARN ?? '', context);
      if (context.ownership.identityOf(tags) === undefined) continue;
      const ids = scalableTargetIds(target);
      for (const policy of await describePolicies(ids, undefined, context)) {
        const identity = tags[policyTagKey(policy.PolicyName ?? '')];
        if (identity?.startsWith('ScalingPolicy/')) owned.push(observed(policy, ids, identity, true));
      }
    }
    return owned;
  },

  desired(manifest, context): DesiredResult {
    const target = targetOf(manifest, context);
    if (!target.ok) return target;
    return { ok: true, state: desiredPolicy(specOf(manifest), policyNameOf(manifest)) };
  },

  create(manifest, desired, context) {
    return put(manifest, desired, context);
  },

  async update(manifest, desired, _live, context) {
    await put(manifest, desired, context);
  },

  async delete(live, context) {
    const policyName = live.ids.policyName ?? '';
    try {
      await context.aws.autoscaling.send(
        new DeleteScalingPolicyCommand({
          PolicyName: policyName,
          ServiceNamespace: live.ids.serviceNamespace as ServiceNamespace,
          ResourceId: live.ids.resourceId,
          ScalableDimension: live.ids.scalableDimension as ScalableDimension,
        }),
      );
    } catch (error) {
      if (!isErrorCode(error, 'ObjectNotFoundException')) throw error;
    }
    try {
      await context.aws.autoscaling.send(
        new UntagResourceCommand({ ResourceARN: live.ids.targetArn, TagKeys: [policyTagKey(policyName)] }),
      );
    } catch (error) {
      // The target went first (deregistering it deletes its policies): nothing left to untag.
      if (!isErrorCode(error, 'ResourceNotFoundException')) throw error;
    }
    return 'deleted';
  },
};
