import {
  CreateFileSystemCommand,
  DeleteFileSystemCommand,
  type LifecyclePolicy,
  PutBackupPolicyCommand,
  PutLifecycleConfigurationCommand,
  UpdateFileSystemCommand,
} from '@aws-sdk/client-efs';
import { differentAt, type JsonObject } from '../../diff/index.ts';
import { toApiCase } from '../api-case.ts';
import { isErrorCode } from '../aws-error.ts';
import { ForeignChildrenError } from '../foreign-children.ts';
import { desiredTags, fromUpperTagList, type TagMap, toUpperTagList } from '../tags.ts';
import { NotReadyError, type ObservedResource, type Provider } from '../types.ts';
import { accessPointsOf } from './access-points-of.ts';
import { creationTokenOf, describeByToken, readFileSystems } from './file-system-read.ts';
import { desiredFileSystem, type FileSystemDetail, fileSystemSpecOf } from './file-system-shape.ts';
import { convergeMountTargets, removeMountTargets } from './mount-targets.ts';
import { putEfsTags, releaseEfsTags } from './resource-tags.ts';

export { creationTokenOf } from './file-system-read.ts';

function detailOf(observed: ObservedResource): FileSystemDetail {
  return observed.detail as FileSystemDetail;
}

export const fileSystemProvider: Provider = {
  kind: 'FileSystem',
  compare: {
    lists: {
      lifecyclePolicies: 'set',
      mountTargets: { key: 'subnetId' },
      'mountTargets[].securityGroups': 'set',
    },
    // Omitted security groups are the VPC's default one, an omitted address is AWS's pick: neither is drift.
    compareOnlyDesiredKeys: ['mountTargets[]'],
  },
  replaceOn: ['performanceMode', 'encrypted', 'kmsKeyId', 'availabilityZoneName'],

  read: readFileSystems,

  desired(manifest, context) {
    return {
      ok: true,
      state: desiredFileSystem(fileSystemSpecOf(manifest), desiredTags(manifest, context.ownership)),
    };
  },

  async create(manifest, desired, context) {
    const spec = fileSystemSpecOf(manifest);
    const token = creationTokenOf(manifest, context);
    try {
      const created = await context.aws.efs.send(
        new CreateFileSystemCommand({
          CreationToken: token,
          PerformanceMode: spec.performanceMode ?? 'generalPurpose',
          Encrypted: spec.encrypted ?? false,
          ...(spec.kmsKeyId === undefined ? {} : { KmsKeyId: spec.kmsKeyId }),
          ThroughputMode: spec.throughputMode ?? 'bursting',
          ...(spec.provisionedThroughputInMibps === undefined
            ? {}
            : { ProvisionedThroughputInMibps: spec.provisionedThroughputInMibps }),
          ...(spec.availabilityZoneName === undefined
            ? {}
            : { AvailabilityZoneName: spec.availabilityZoneName }),
          ...(spec.backup === undefined ? {} : { Backup: spec.backup }),
          Tags: toUpperTagList(desired.tags as TagMap),
        }),
      );
      // Lifecycle, backup policy and mount targets need it `available`: the next pass's update does them.
      return { id: created.FileSystemId ?? '', arn: created.FileSystemArn ?? '' };
    } catch (error) {
      if (!isErrorCode(error, 'FileSystemAlreadyExists')) throw error;
      const earlier = await describeByToken(token, context);
      return { id: earlier?.FileSystemId ?? '', arn: earlier?.FileSystemArn ?? '' };
    }
  },

  async update(_manifest, desired, observed, delta, context) {
    const { fileSystem, mountTargets } = detailOf(observed);
    const id = observed.ids.id ?? '';
    if (fileSystem.LifeCycleState !== 'available') {
      throw new NotReadyError(`file system ${id} is ${fileSystem.LifeCycleState}`);
    }
    if (differentAt(delta, 'throughputMode') || differentAt(delta, 'provisionedThroughputInMibps')) {
      await context.aws.efs.send(
        new UpdateFileSystemCommand({
          FileSystemId: id,
          ThroughputMode: desired.throughputMode as 'bursting',
          ...(typeof desired.provisionedThroughputInMibps === 'number'
            ? { ProvisionedThroughputInMibps: desired.provisionedThroughputInMibps }
            : {}),
        }),
      );
    }
    await putEfsTags(id, desired.tags as TagMap, observed.state.tags as TagMap, delta, context);
    if (differentAt(delta, 'lifecyclePolicies')) {
      await context.aws.efs.send(
        new PutLifecycleConfigurationCommand({
          FileSystemId: id,
          LifecyclePolicies: toApiCase(desired.lifecyclePolicies ?? []) as LifecyclePolicy[],
        }),
      );
    }
    const backup = (desired.backupPolicy as JsonObject | undefined)?.status;
    if (typeof backup === 'string' && differentAt(delta, 'backupPolicy')) {
      await context.aws.efs.send(
        new PutBackupPolicyCommand({ FileSystemId: id, BackupPolicy: { Status: backup as 'ENABLED' } }),
      );
    }
    await convergeMountTargets(id, desired.mountTargets, mountTargets, delta, context);
  },

  release: (live, context) => releaseEfsTags(live.ids.id ?? '', context),

  async delete(observed, context) {
    const id = observed.ids.id ?? '';
    // AWS refuses a file system that still has access points; one that is not ours stops it before its mount targets go.
    const foreign = (await accessPointsOf(id, context))
      .filter((point) => context.ownership.identityOf(fromUpperTagList(point.Tags)) === undefined)
      .map((point) => point.AccessPointId ?? '?');
    if (foreign.length > 0) throw new ForeignChildrenError(observed.identity, 'access point(s)', foreign);
    try {
      // AWS refuses to delete a file system that still has mount targets.
      if (!(await removeMountTargets(id, context))) return 'pending';
      if (detailOf(observed).fileSystem.LifeCycleState === 'deleting') return 'pending';
      await context.aws.efs.send(new DeleteFileSystemCommand({ FileSystemId: id }));
      return 'pending';
    } catch (error) {
      if (isErrorCode(error, 'FileSystemNotFound')) return 'deleted';
      if (isErrorCode(error, 'FileSystemInUse', 'IncorrectFileSystemLifeCycleState')) return 'pending';
      throw error;
    }
  },
};
