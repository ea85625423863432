import type { FileSystemDescription, LifecyclePolicy, MountTargetDescription } from '@aws-sdk/client-efs';
import { canonical, compareJson, type JsonObject, type JsonValue } from '../../diff/index.ts';
import { awsSpecOf } from '../../manifest/controls.ts';
import type { FileSystemSpec } from '../../manifest/generated/types.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { fromApiCase } from '../api-case.ts';
import type { TagMap } from '../tags.ts';

/** A live mount target with the security groups DescribeMountTargetSecurityGroups gave. */
export interface LiveMountTarget {
  readonly description: MountTargetDescription;
  readonly securityGroups: readonly string[];
}

/** What observe keeps of a file system for update and delete. */
export interface FileSystemDetail {
  readonly fileSystem: FileSystemDescription;
  readonly mountTargets: readonly LiveMountTarget[];
}

export function fileSystemSpecOf(manifest: LoadedManifest): FileSystemSpec {
  return awsSpecOf(manifest) as FileSystemSpec;
}

/** `arn:aws:kms:...:key/1234` and `1234` name the same key. */
export function keyIdOf(kmsKeyId: string): string {
  const match = /:key\/(.+)$/.exec(kmsKeyId);
  return match?.[1] ?? kmsKeyId;
}

/**
 * The manifest's key when it can be compared: EFS returns the key's ARN, so an
 * alias (which would need KMS to resolve) is never compared, else it would
 * look like drift forever and force replacement after replacement.
 */
function comparableKey(spec: FileSystemSpec | undefined): string | undefined {
  const key = spec?.kmsKeyId;
  return key === undefined || key.startsWith('alias/') || key.includes(':alias/') ? undefined : keyIdOf(key);
}

function sortedSet(values: readonly JsonValue[]): JsonValue[] {
  const unique = new Map(values.map((value) => [JSON.stringify(canonical(value)), canonical(value)]));
  return [...unique.values()].sort(compareJson);
}

/** The backup policy AWS gives a new file system: on for One Zone or when `backup` asks, else off. */
export function defaultBackupStatus(spec: FileSystemSpec): string {
  return spec.backup === true || (spec.backup === undefined && spec.availabilityZoneName !== undefined)
    ? 'ENABLED'
    : 'DISABLED';
}

/**
 * A backup policy status as it will settle: EFS answers ENABLING or DISABLING while a change is
 * under way (EFS user guide, awsbackup.html), and that is the status asked for, not drift.
 */
export function settledBackupStatus(status: string): string {
  if (status === 'ENABLING') return 'ENABLED';
  if (status === 'DISABLING') return 'DISABLED';
  return status;
}

export function projectLifecyclePolicies(policies: readonly LifecyclePolicy[] | undefined): JsonValue[] {
  return sortedSet((policies ?? []).map(fromApiCase));
}

function projectMountTarget(mountTarget: LiveMountTarget): JsonObject {
  return {
    subnetId: mountTarget.description.SubnetId ?? '',
    securityGroups: [...mountTarget.securityGroups].sort(),
    ...(mountTarget.description.IpAddress === undefined
      ? {}
      : { ipAddress: mountTarget.description.IpAddress }),
  };
}

/**
 * The live file system as spec fields. `kmsKeyId` only when the manifest names a
 * key: encrypted without one means the AWS-managed key, which is no drift.
 */
export function projectFileSystem(
  detail: FileSystemDetail,
  lifecycle: JsonValue[],
  backupStatus: string,
  tags: TagMap,
  spec: FileSystemSpec | undefined,
): JsonObject {
  const fs = detail.fileSystem;
  return {
    performanceMode: fs.PerformanceMode ?? 'generalPurpose',
    encrypted: fs.Encrypted ?? false,
    ...(comparableKey(spec) !== undefined && fs.KmsKeyId !== undefined
      ? { kmsKeyId: keyIdOf(fs.KmsKeyId) }
      : {}),
    throughputMode: fs.ThroughputMode ?? 'bursting',
    ...(fs.ThroughputMode === 'provisioned' && fs.ProvisionedThroughputInMibps !== undefined
      ? { provisionedThroughputInMibps: fs.ProvisionedThroughputInMibps }
      : {}),
    ...(fs.AvailabilityZoneName === undefined ? {} : { availabilityZoneName: fs.AvailabilityZoneName }),
    lifecyclePolicies: lifecycle,
    backupPolicy: { status: settledBackupStatus(backupStatus) },
    mountTargets: detail.mountTargets.map(projectMountTarget),
    tags,
  };
}

/** The manifest's file system with AWS's defaults filled, as `projectFileSystem` shows a live one. */
export function desiredFileSystem(spec: FileSystemSpec, tags: TagMap): JsonObject {
  const throughputMode = spec.throughputMode ?? 'bursting';
  return {
    performanceMode: spec.performanceMode ?? 'generalPurpose',
    encrypted: spec.encrypted ?? false,
    ...(comparableKey(spec) === undefined ? {} : { kmsKeyId: comparableKey(spec) }),
    throughputMode,
    ...(throughputMode === 'provisioned' && spec.provisionedThroughputInMibps !== undefined
      ? { provisionedThroughputInMibps: spec.provisionedThroughputInMibps }
      : {}),
    ...(spec.availabilityZoneName === undefined ? {} : { availabilityZoneName: spec.availabilityZoneName }),
    lifecyclePolicies: sortedSet(
      (spec.lifecyclePolicies ?? []).map((policy) => canonical(policy as JsonObject)),
    ),
    backupPolicy: { status: settledBackupStatus(spec.backupPolicy?.status ?? defaultBackupStatus(spec)) },
    mountTargets: (spec.mountTargets ?? []).map((target) => ({
      subnetId: target.subnetId,
      ...(target.securityGroups === undefined
        ? {}
        : { securityGroups: [...new Set(target.securityGroups)].sort() }),
      ...(target.ipAddress === undefined ? {} : { ipAddress: target.ipAddress }),
    })),
    tags,
  };
}
