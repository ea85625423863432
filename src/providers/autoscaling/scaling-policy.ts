import {
  DeleteScalingPolicyCommand,
  PutScalingPolicyCommand,
  type PutScalingPolicyRequest,
  type ScalableDimension,
  type ServiceNamespace,
} from '@aws-sdk/client-application-auto-scaling';
import { differentAt, differentExcept, type JsonObject } from '../../diff/index.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { toApiCase } from '../api-case.ts';
import { isErrorCode } from '../aws-error.ts';
import {
  type DesiredResult,
  KNOWN_AFTER_APPLY,
  type Provider,
  type ProviderContext,
  type ResourceIds,
} from '../types.ts';
import { markKeys, marksFor, retainsPolicy } from './policy-marks.ts';
import { readPolicies } from './scaling-policy-read.ts';
import { desiredPolicy, withDeletionPolicy } from './scaling-policy-shape.ts';
import { policyNameOf, specOf, targetOf } from './scaling-policy-target.ts';
import { scalingPolicyToSpec } from './scaling-policy-to-spec.ts';
import { policyRetainTagKey, tagTarget, untagIfRegistered, untagTarget } from './target-tags.ts';

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

/** The ids of the manifest's scalable target, which must exist by now. */
function existingTarget(manifest: LoadedManifest, context: ProviderContext): ResourceIds {
  const target = targetOf(manifest, context);
  if (!target.ok || target.ids.arn === KNOWN_AFTER_APPLY)
    throw new Error(`${manifest.identity}: its scalable target does not exist`);
  return target.ids;
}

/** PutScalingPolicy: creates the policy, or sets all of it. Returns its ARN. */
async function put(target: ResourceIds, desired: JsonObject, context: ProviderContext): Promise<string> {
  const answer = await context.aws.autoscaling.send(new PutScalingPolicyCommand(putRequest(target, desired)));
  return answer.PolicyARN ?? '';
}

export const scalingPolicyProvider: Provider = {
  createsInSteps: true,
  kind: 'ScalingPolicy',
  toSpec: scalingPolicyToSpec,
  compare: {
    lists: {
      'targetTrackingScalingPolicyConfiguration.customizedMetricSpecification.dimensions': { key: 'name' },
      'targetTrackingScalingPolicyConfiguration.customizedMetricSpecification.metrics': { key: 'id' },
    },
  },
  replaceOn: ['policyName', 'policyType'],

  read: readPolicies,

  desired(manifest, context): DesiredResult {
    const target = targetOf(manifest, context);
    if (!target.ok) return target;
    const policy = desiredPolicy(specOf(manifest), policyNameOf(manifest));
    return { ok: true, state: withDeletionPolicy(policy, retainsPolicy(manifest)) };
  },

  /** The policy, then its marks on its target (policies take no tags). */
  async create(manifest, desired, context) {
    const target = existingTarget(manifest, context);
    const policyName = String(desired.policyName);
    const arn = await put(target, desired, context);
    await tagTarget(target.arn ?? '', marksFor(manifest, policyName), context);
    return { ...target, targetArn: target.arn ?? '', arn, policyName };
  },

  async update(manifest, desired, live, delta, context) {
    const target = existingTarget(manifest, context);
    const policyName = String(desired.policyName);
    if (differentExcept(delta, ['deletionPolicy'])) await put(target, desired, context);
    const retain = retainsPolicy(manifest);
    const policyChanged = differentAt(delta, 'deletionPolicy');
    // An adopted policy gets its ownership mark; the Retain mark follows the manifest's deletionPolicy.
    if (!live.owned || (retain && policyChanged))
      await tagTarget(target.arn ?? '', marksFor(manifest, policyName), context);
    if (!retain && policyChanged)
      await untagTarget(target.arn ?? '', [policyRetainTagKey(policyName)], context);
  },

  /** The policy stays on its target; only its marks there go. */
  release: (live, context) =>
    untagIfRegistered(live.ids.targetArn ?? '', markKeys(live.ids.policyName ?? ''), context),

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
    // The target may have gone first (deregistering it deletes its policies): then nothing is left to untag.
    await untagIfRegistered(live.ids.targetArn ?? '', markKeys(policyName), context);
    return 'deleted';
  },
};
