import type { JsonObject } from '../core/json.ts';
import type { StateKey } from '../core/world.ts';

export type LifeCycleState = 'creating' | 'available' | 'updating' | 'deleting' | 'deleted' | 'error';

export interface FileSystem {
  readonly id: string;
  readonly arn: string;
  readonly creationToken: string;
  readonly creationTime: number;
  lifeCycleState: LifeCycleState;
  readonly performanceMode: string;
  readonly encrypted: boolean;
  readonly kmsKeyId: string | undefined;
  throughputMode: string;
  provisionedThroughputInMibps: number | undefined;
  readonly availabilityZoneName: string | undefined;
  readonly availabilityZoneId: string | undefined;
  readonly tags: Map<string, string>;
  backupStatus: string;
  lifecyclePolicies: Array<Record<string, string>>;
  readonly mountTargetIds: Set<string>;
  /** Mount target id by availability zone name: one per zone. */
  readonly mountTargetByZone: Map<string, string>;
  readonly accessPointIds: Set<string>;
}

export interface MountTarget {
  readonly id: string;
  readonly fileSystemId: string;
  readonly subnetId: string;
  readonly ipAddress: string;
  readonly networkInterfaceId: string;
  readonly availabilityZoneName: string;
  readonly availabilityZoneId: string;
  readonly vpcId: string;
  securityGroups: string[];
  lifeCycleState: LifeCycleState;
}

export interface AccessPoint {
  readonly id: string;
  readonly arn: string;
  readonly clientToken: string;
  readonly fileSystemId: string;
  readonly posixUser: JsonObject | undefined;
  readonly rootDirectory: JsonObject;
  readonly tags: Map<string, string>;
  lifeCycleState: LifeCycleState;
}

/** A change of state due at a time, applied by the tick. */
export interface Transition {
  readonly at: number;
  readonly apply: () => void;
}

export interface EfsState {
  readonly fileSystems: Map<string, FileSystem>;
  readonly byCreationToken: Map<string, string>;
  readonly mountTargets: Map<string, MountTarget>;
  readonly usedIpAddresses: Set<string>;
  readonly accessPoints: Map<string, AccessPoint>;
  readonly byClientToken: Map<string, string>;
  /** Keyed by resource id; only resources in the middle of a change are here. */
  readonly transitions: Map<string, Transition>;
  nextAddress: number;
}

export const EFS: StateKey<EfsState> = {
  name: 'efs',
  create: () => ({
    fileSystems: new Map(),
    byCreationToken: new Map(),
    mountTargets: new Map(),
    usedIpAddresses: new Set(),
    accessPoints: new Map(),
    byClientToken: new Map(),
    transitions: new Map(),
    nextAddress: 10,
  }),
};
