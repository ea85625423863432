import type { ScalingPolicy } from '@aws-sdk/client-application-auto-scaling';
import type { JsonObject } from '../../diff/index.ts';
import type { ScalingPolicySpec } from '../../manifest/generated/types.ts';
import { asObject, fromApiCase } from '../api-case.ts';
import { pruneEmptyObject } from '../prune-empty.ts';

/** The cooldown Application Auto Scaling applies to ECS services when a policy sets none, in seconds. */
const DEFAULT_COOLDOWN = 300;

/** A target tracking configuration with AWS's defaults filled. */
function targetTracking(config: JsonObject): JsonObject {
  return {
    ...config,
    scaleOutCooldown: config.scaleOutCooldown ?? DEFAULT_COOLDOWN,
    scaleInCooldown: config.scaleInCooldown ?? DEFAULT_COOLDOWN,
    disableScaleIn: config.disableScaleIn ?? false,
  };
}

function stepScaling(config: JsonObject): JsonObject {
  return {
    ...config,
    cooldown: config.cooldown ?? DEFAULT_COOLDOWN,
    metricAggregationType: config.metricAggregationType ?? 'Average',
  };
}

/** Either form of a policy (spec or API, in spec case) as compared: only the configuration of its type. */
function normalise(
  policyName: string,
  policyType: string,
  tracking: JsonObject | undefined,
  step: JsonObject | undefined,
): JsonObject {
  return {
    policyName,
    policyType,
    ...(policyType === 'TargetTrackingScaling'
      ? { targetTrackingScalingPolicyConfiguration: targetTracking(pruneEmptyObject(tracking ?? {})) }
      : { stepScalingPolicyConfiguration: stepScaling(pruneEmptyObject(step ?? {})) }),
  };
}

export function desiredPolicy(spec: ScalingPolicySpec, policyName: string): JsonObject {
  return normalise(
    policyName,
    spec.policyType ?? 'StepScaling',
    spec.targetTrackingScalingPolicyConfiguration === undefined
      ? undefined
      : asObject(spec.targetTrackingScalingPolicyConfiguration),
    spec.stepScalingPolicyConfiguration === undefined
      ? undefined
      : asObject(spec.stepScalingPolicyConfiguration),
  );
}

export function projectPolicy(policy: ScalingPolicy): JsonObject {
  return normalise(
    policy.PolicyName ?? '',
    policy.PolicyType ?? 'StepScaling',
    policy.TargetTrackingScalingPolicyConfiguration === undefined
      ? undefined
      : asObject(fromApiCase(policy.TargetTrackingScalingPolicyConfiguration)),
    policy.StepScalingPolicyConfiguration === undefined
      ? undefined
      : asObject(fromApiCase(policy.StepScalingPolicyConfiguration)),
  );
}

/**
 * The policy's Retain mark as a member of its state (only when set), so that a change of the
 * manifest's deletionPolicy shows as drift and is written by update.
 */
export function withDeletionPolicy(state: JsonObject, retained: boolean): JsonObject {
  return retained ? { ...state, deletionPolicy: 'Retain' } : state;
}
