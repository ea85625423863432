import {
  CreateFileSystemCommand,
  DeleteFileSystemCommand,
  DescribeBackupPolicyCommand,
  DescribeFileSystemsCommand,
  DescribeLifecycleConfigurationCommand,
  type FileSystemDescription,
  type LifecyclePolicy,
  PutBackupPolicyCommand,
  PutLifecycleConfigurationCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFileSystemCommand,
} from '@aws-sdk/client-efs';
import { type JsonObject, jsonEqual } from '../../diff/index.ts';
import type { FileSystemSpec } from '../../manifest/generated/types.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { toApiCase } from '../api-case.ts';
import { isErrorCode } from '../aws-error.ts';
import { paged } from '../batch.ts';
import { idempotencyToken } from '../idempotency.ts';
import { desiredTags, fromUpperTagList, type TagMap, tagChanges, toUpperTagList } from '../tags.ts';
import { NotReadyError, type ObservedResource, type Provider, type ProviderContext } from '../types.ts';
import {
  desiredFileSystem,
  type FileSystemDetail,
  fileSystemSpecOf,
  projectFileSystem,
  projectLifecyclePolicies,
} from './file-system-shape.ts';
import { convergeMountTargets, liveMountTargets, removeMountTargets } from './mount-targets.ts';

/** The CreationToken of a manifest's file system: how it is found again, and why a retried create makes no duplicate. */
export function creationTokenOf(manifest: LoadedManifest, context: ProviderContext): string {
  return idempotencyToken(context.ownership.instance, manifest.identity);
}

async function listFileSystems(context: ProviderContext): Promise<FileSystemDescription[]> {
  return paged(async (marker) => {
    const page = await context.aws.efs.send(
      new DescribeFileSystemsCommand({ MaxItems: 100, Marker: marker }),
    );
    return { items: page.FileSystems ?? [], next: page.NextMarker };
  });
}

async function backupStatusOf(fileSystemId: string, context: ProviderContext): Promise<string> {
  try {
    const answer = await context.aws.efs.send(
      new DescribeBackupPolicyCommand({ FileSystemId: fileSystemId }),
    );
    return answer.BackupPolicy?.Status ?? 'DISABLED';
  } catch (error) {
    // AWS answers PolicyNotFound for a file system that never had a backup policy.
    if (isErrorCode(error, 'PolicyNotFound')) return 'DISABLED';
    throw error;
  }
}

function healthOf(detail: FileSystemDetail): ObservedResource['health'] {
  const state = detail.fileSystem.LifeCycleState;
  if (state !== 'available') return { health: 'Progressing', message: `file system is ${state}` };
  const pending = detail.mountTargets.filter((target) => target.description.LifeCycleState !== 'available');
  if (pending.length > 0)
    return { health: 'Progressing', message: `${pending.length} mount target(s) not available yet` };
  return { health: 'Healthy' };
}

async function observeOne(
  fileSystem: FileSystemDescription,
  identity: string,
  owned: boolean,
  spec: FileSystemSpec | undefined,
  context: ProviderContext,
): Promise<ObservedResource> {
  const id = fileSystem.FileSystemId ?? '';
  const deleting = fileSystem.LifeCycleState === 'deleting' || fileSystem.LifeCycleState === 'deleted';
  const mountTargets = deleting ? [] : await liveMountTargets(id, context);
  const detail: FileSystemDetail = { fileSystem, mountTargets };
  let lifecycle: LifecyclePolicy[] = [];
  let backupStatus = 'DISABLED';
  if (!deleting) {
    lifecycle =
      (await context.aws.efs.send(new DescribeLifecycleConfigurationCommand({ FileSystemId: id })))
        .LifecyclePolicies ?? [];
    backupStatus = await backupStatusOf(id, context);
  }
  const tags = fromUpperTagList(fileSystem.Tags);
  return {
    identity,
    ids: { id, arn: fileSystem.FileSystemArn ?? '' },
    owned,
    state: projectFileSystem(detail, projectLifecyclePolicies(lifecycle), backupStatus, tags, spec),
    health: healthOf(detail),
    detail,
  };
}

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

  async observe(manifests, context) {
    const result = new Map<string, ObservedResource>();
    if (manifests.length === 0) return result;
    const all = await listFileSystems(context);
    const byToken = new Map(all.map((fs) => [fs.CreationToken ?? '', fs]));
    for (const manifest of manifests) {
      const spec = fileSystemSpecOf(manifest);
      const name = spec.tags?.Name;
      // Found by its creation token; else, to report a conflict or adopt, an existing file system with its Name tag.
      const found =
        byToken.get(creationTokenOf(manifest, context)) ??
        (name === undefined
          ? undefined
          : all.find((fs) => fs.Name === name && fs.LifeCycleState !== 'deleted'));
      if (found === undefined) continue;
      const owner = context.ownership.identityOf(fromUpperTagList(found.Tags));
      result.set(
        manifest.identity,
        await observeOne(found, manifest.identity, owner === manifest.identity, spec, context),
      );
    }
    return result;
  },

  async listOwned(context) {
    const owned: ObservedResource[] = [];
    for (const fileSystem of await listFileSystems(context)) {
      const identity = context.ownership.identityOf(fromUpperTagList(fileSystem.Tags));
      if (identity?.startsWith('FileSystem/'))
        owned.push(await observeOne(fileSystem, identity, true, undefined, context));
    }
    return owned;
  },

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
      const earlier = await context.aws.efs.send(new DescribeFileSystemsCommand({ CreationToken: token }));
      const fs = earlier.FileSystems?.[0];
      return { id: fs?.FileSystemId ?? '', arn: fs?.FileSystemArn ?? '' };
    }
  },

  async update(_manifest, desired, observed, context) {
    const { fileSystem, mountTargets } = detailOf(observed);
    const id = observed.ids.id ?? '';
    if (fileSystem.LifeCycleState !== 'available') {
      throw new NotReadyError(`file system ${id} is ${fileSystem.LifeCycleState}`);
    }
    const live = observed.state;
    if (
      desired.throughputMode !== live.throughputMode ||
      desired.provisionedThroughputInMibps !== live.provisionedThroughputInMibps
    ) {
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
    const { add, remove } = tagChanges(desired.tags as TagMap, live.tags as TagMap);
    if (Object.keys(add).length > 0) {
      await context.aws.efs.send(new TagResourceCommand({ ResourceId: id, Tags: toUpperTagList(add) }));
    }
    if (remove.length > 0)
      await context.aws.efs.send(new UntagResourceCommand({ ResourceId: id, TagKeys: remove }));
    if (!jsonEqual(desired.lifecyclePolicies ?? [], live.lifecyclePolicies ?? [])) {
      await context.aws.efs.send(
        new PutLifecycleConfigurationCommand({
          FileSystemId: id,
          LifecyclePolicies: toApiCase(desired.lifecyclePolicies ?? []) as LifecyclePolicy[],
        }),
      );
    }
    const backup = (desired.backupPolicy as JsonObject | undefined)?.status;
    if (typeof backup === 'string' && backup !== (live.backupPolicy as JsonObject | undefined)?.status) {
      await context.aws.efs.send(
        new PutBackupPolicyCommand({ FileSystemId: id, BackupPolicy: { Status: backup as 'ENABLED' } }),
      );
    }
    await convergeMountTargets(id, desired.mountTargets, mountTargets, context);
  },

  async delete(observed, context) {
    const id = observed.ids.id ?? '';
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
