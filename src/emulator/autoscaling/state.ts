import type { JsonObject } from '../core/json.ts';
import type { StateKey } from '../core/world.ts';

export interface ScalableTarget {
  readonly serviceNamespace: string;
  readonly resourceId: string;
  readonly scalableDimension: string;
  readonly arn: string;
  minCapacity: number;
  maxCapacity: number;
  roleArn: string;
  readonly creationTime: number;
  suspendedState: {
    DynamicScalingInSuspended: boolean;
    DynamicScalingOutSuspended: boolean;
    ScheduledScalingSuspended: boolean;
  };
  readonly tags: Map<string, string>;
  /** Policies by name. */
  readonly policies: Map<string, ScalingPolicy>;
}

export interface ScalingPolicy {
  readonly arn: string;
  readonly name: string;
  policyType: string;
  /** The configuration member of the policy's type, with AWS's defaults filled in. */
  configuration: JsonObject;
  readonly alarms: Array<{ AlarmName: string; AlarmARN: string }>;
  readonly creationTime: number;
}

export interface AutoScalingState {
  /** By `targetKey(namespace, resourceId, dimension)`. */
  readonly targets: Map<string, ScalableTarget>;
  /** Target keys by ScalableTargetARN, for the tag calls. */
  readonly byArn: Map<string, string>;
}

export function targetKey(serviceNamespace: string, resourceId: string, scalableDimension: string): string {
  return `${serviceNamespace}|${resourceId}|${scalableDimension}`;
}

export const AUTO_SCALING: StateKey<AutoScalingState> = {
  name: 'autoscaling',
  create: () => ({ targets: new Map(), byArn: new Map() }),
};
