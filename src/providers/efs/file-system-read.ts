import {
  DescribeBackupPolicyCommand,
  DescribeFileSystemsCommand,
  DescribeLifecycleConfigurationCommand,
  type FileSystemDescription,
  type LifecyclePolicy,
} from '@aws-sdk/client-efs';
import type { FileSystemSpec } from '../../manifest/generated/types.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { isErrorCode } from '../aws-error.ts';
import { paged } from '../batch.ts';
import { idempotencyToken } from '../idempotency.ts';
import { retainedIn } from '../ownership.ts';
import { fromUpperTagList } from '../tags.ts';
import type { ObservedResource, ProviderContext, ReadScope } from '../types.ts';
import {
  type FileSystemDetail,
  fileSystemSpecOf,
  projectFileSystem,
  projectLifecyclePolicies,
} from './file-system-shape.ts';
import { liveMountTargets } from './mount-targets.ts';

/** The CreationToken of a manifest's file system: how it is found again, and why a retried create makes no duplicate. */
export function creationTokenOf(manifest: LoadedManifest, context: ProviderContext): string {
  return idempotencyToken(context.ownership.instance, manifest.identity);
}

/** Every file system of the account (100 a page, AWS's most). */
function listFileSystems(context: ProviderContext): Promise<FileSystemDescription[]> {
  return paged(async (marker) => {
    const page = await context.aws.efs.send(
      new DescribeFileSystemsCommand({ MaxItems: 100, Marker: marker }),
    );
    return { items: page.FileSystems ?? [], next: page.NextMarker };
  });
}

/** The file system made with this CreationToken, if any (one call). */
export async function describeByToken(
  token: string,
  context: ProviderContext,
): Promise<FileSystemDescription | undefined> {
  const answer = await context.aws.efs.send(new DescribeFileSystemsCommand({ CreationToken: token }));
  return answer.FileSystems?.[0];
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

/** A file system with its mount targets, lifecycle and backup policies (not read for one on its way out). */
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
    retained: retainedIn(tags),
    state: projectFileSystem(detail, projectLifecyclePolicies(lifecycle), backupStatus, tags, spec),
    health: healthOf(detail),
    detail,
  };
}

/** `read` once, when first asked. */
function once<T>(read: () => Promise<T>): () => Promise<T> {
  let answer: Promise<T> | undefined;
  return () => {
    answer ??= read();
    return answer;
  };
}

/**
 * A manifest's file system: by its creation token; else, to report a conflict or adopt, an
 * existing one with its Name tag. A targeted read asks by token, and lists only for a Name.
 */
async function findFor(
  manifest: LoadedManifest,
  everyOwned: boolean,
  listing: () => Promise<FileSystemDescription[]>,
  context: ProviderContext,
): Promise<FileSystemDescription | undefined> {
  const token = creationTokenOf(manifest, context);
  const byToken = everyOwned
    ? (await listing()).find((fs) => fs.CreationToken === token)
    : await describeByToken(token, context);
  if (byToken !== undefined) return byToken;
  const name = fileSystemSpecOf(manifest).tags?.Name;
  if (name === undefined) return undefined;
  return (await listing()).find((fs) => fs.Name === name && fs.LifeCycleState !== 'deleted');
}

/**
 * The manifests' file systems and, with `everyOwned`, every file system this instance owns, from
 * one listing (its describes carry the tags). Mount targets and policies are read only for those.
 */
export async function readFileSystems(
  { manifests, everyOwned }: ReadScope,
  context: ProviderContext,
): Promise<Map<string, ObservedResource>> {
  const listing = once(() => listFileSystems(context));
  const result = new Map<string, ObservedResource>();
  for (const manifest of manifests) {
    const found = await findFor(manifest, everyOwned, listing, context);
    if (found === undefined) continue;
    const owned = context.ownership.identityOf(fromUpperTagList(found.Tags)) === manifest.identity;
    const spec = fileSystemSpecOf(manifest);
    result.set(manifest.identity, await observeOne(found, manifest.identity, owned, spec, context));
  }
  if (!everyOwned) return result;
  for (const fileSystem of await listing()) {
    const identity = context.ownership.identityOf(fromUpperTagList(fileSystem.Tags));
    if (identity?.startsWith('FileSystem/') === true && !result.has(identity))
      result.set(identity, await observeOne(fileSystem, identity, true, undefined, context));
  }
  return result;
}
