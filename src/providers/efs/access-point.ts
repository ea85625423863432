import {
  type AccessPointDescription,
  CreateAccessPointCommand,
  DeleteAccessPointCommand,
  DescribeAccessPointsCommand,
  type PosixUser,
  type RootDirectory,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-efs';
import { awsSpecOf } from '../../converge/controls.ts';
import type { JsonObject } from '../../diff/index.ts';
import type { AccessPointSpec } from '../../manifest/generated/types.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { fromApiCase, toApiCase } from '../api-case.ts';
import { isErrorCode } from '../aws-error.ts';
import { paged } from '../batch.ts';
import { idempotencyToken } from '../idempotency.ts';
import { referencedIdentity, resolveReference } from '../references.ts';
import { desiredTags, fromUpperTagList, type TagMap, tagChanges, toUpperTagList } from '../tags.ts';
import {
  type DesiredResult,
  NotReadyError,
  type ObservedResource,
  type Provider,
  type ProviderContext,
} from '../types.ts';

const specOf = (manifest: LoadedManifest): AccessPointSpec => awsSpecOf(manifest) as AccessPointSpec;

/** The file system id the manifest names, literally or through `fileSystemRef`. */
function fileSystemIdOf(
  manifest: LoadedManifest,
  context: ProviderContext,
): { ok: true; id: string } | { ok: false; waitingFor: string } {
  const spec = specOf(manifest);
  if (spec.fileSystemRef === undefined) return { ok: true, id: spec.fileSystemId ?? '' };
  const resolved = resolveReference(manifest, 'fileSystemRef', spec.fileSystemRef, context.resolver);
  if (!resolved.ok) return resolved;
  const id = resolved.value.id;
  if (id === undefined || id === '') {
    return { ok: false, waitingFor: referencedIdentity(manifest, 'fileSystemRef', spec.fileSystemRef) };
  }
  return { ok: true, id };
}

/** An omitted root directory is `/`; secondary gids are a set. */
function normalise(posixUser: JsonObject | undefined, rootDirectory: JsonObject | undefined): JsonObject {
  const gids = Array.isArray(posixUser?.secondaryGids)
    ? [...new Set(posixUser.secondaryGids as number[])].sort((a, b) => a - b)
    : [];
  return {
    ...(posixUser === undefined
      ? {}
      : {
          posixUser: {
            uid: posixUser.uid ?? 0,
            gid: posixUser.gid ?? 0,
            ...(gids.length === 0 ? {} : { secondaryGids: gids }),
          },
        }),
    rootDirectory: {
      path: typeof rootDirectory?.path === 'string' ? rootDirectory.path : '/',
      ...(rootDirectory?.creationInfo === undefined ? {} : { creationInfo: rootDirectory.creationInfo }),
    },
  };
}

function project(accessPoint: AccessPointDescription): JsonObject {
  return {
    fileSystemId: accessPoint.FileSystemId ?? '',
    ...normalise(
      accessPoint.PosixUser === undefined ? undefined : (fromApiCase(accessPoint.PosixUser) as JsonObject),
      accessPoint.RootDirectory === undefined
        ? undefined
        : (fromApiCase(accessPoint.RootDirectory) as JsonObject),
    ),
    tags: fromUpperTagList(accessPoint.Tags),
  };
}

function observed(accessPoint: AccessPointDescription, identity: string, owned: boolean): ObservedResource {
  const state = accessPoint.LifeCycleState;
  return {
    identity,
    ids: { id: accessPoint.AccessPointId ?? '', arn: accessPoint.AccessPointArn ?? '' },
    owned,
    state: project(accessPoint),
    health:
      state === 'available'
        ? { health: 'Healthy' }
        : { health: 'Progressing', message: `access point is ${state}` },
    detail: accessPoint,
  };
}

async function describe(
  fileSystemId: string | undefined,
  context: ProviderContext,
): Promise<AccessPointDescription[]> {
  try {
    return await paged(async (token) => {
      const page = await context.aws.efs.send(
        new DescribeAccessPointsCommand({
          MaxResults: 100,
          NextToken: token,
          ...(fileSystemId === undefined ? {} : { FileSystemId: fileSystemId }),
        }),
      );
      return { items: page.AccessPoints ?? [], next: page.NextToken };
    });
  } catch (error) {
    if (isErrorCode(error, 'FileSystemNotFound')) return [];
    throw error;
  }
}

export const accessPointProvider: Provider = {
  kind: 'AccessPoint',
  compare: { lists: { 'posixUser.secondaryGids': 'set' } },
  // EFS has no update for access points: anything but tags makes a new one.
  replaceOn: ['fileSystemId', 'posixUser', 'rootDirectory'],

  async observe(manifests, context) {
    const byFileSystem = new Map<string, LoadedManifest[]>();
    for (const manifest of manifests) {
      const fs = fileSystemIdOf(manifest, context);
      if (!fs.ok) continue;
      byFileSystem.set(fs.id, [...(byFileSystem.get(fs.id) ?? []), manifest]);
    }
    const result = new Map<string, ObservedResource>();
    for (const [fileSystemId, ofFileSystem] of byFileSystem) {
      const accessPoints = await describe(fileSystemId, context);
      for (const manifest of ofFileSystem) {
        const mine = accessPoints.find(
          (ap) =>
            context.ownership.identityOf(fromUpperTagList(ap.Tags)) === manifest.identity &&
            ap.LifeCycleState !== 'deleted',
        );
        // Access points have no name of their own: an unowned one is matched by its Name tag, to report or adopt it.
        const name = specOf(manifest).tags?.Name;
        const unowned = name === undefined ? undefined : accessPoints.find((ap) => ap.Name === name);
        if (mine !== undefined) result.set(manifest.identity, observed(mine, manifest.identity, true));
        else if (unowned !== undefined)
          result.set(manifest.identity, observed(unowned, manifest.identity, false));
      }
    }
    return result;
  },

  async listOwned(context) {
    const owned: ObservedResource[] = [];
    for (const accessPoint of await describe(undefined, context)) {
      const identity = context.ownership.identityOf(fromUpperTagList(accessPoint.Tags));
      if (identity?.startsWith('AccessPoint/')) owned.push(observed(accessPoint, identity, true));
    }
    return owned;
  },

  desired(manifest, context): DesiredResult {
    const fs = fileSystemIdOf(manifest, context);
    if (!fs.ok) return fs;
    const spec = specOf(manifest);
    return {
      ok: true,
      state: {
        fileSystemId: fs.id,
        ...normalise(spec.posixUser as JsonObject | undefined, spec.rootDirectory as JsonObject | undefined),
        tags: desiredTags(manifest, context.ownership),
      },
    };
  },

  async create(manifest, desired, context) {
    const fileSystemId = String(desired.fileSystemId);
    try {
      const created = await context.aws.efs.send(
        new CreateAccessPointCommand({
          // Per file system: a replacement on another file system is a new request.
          ClientToken: idempotencyToken(context.ownership.instance, manifest.identity, fileSystemId).slice(
            0,
            64,
          ),
          FileSystemId: fileSystemId,
          ...(desired.posixUser === undefined
            ? {}
            : { PosixUser: toApiCase(desired.posixUser) as unknown as PosixUser }),
          RootDirectory: toApiCase(desired.rootDirectory) as RootDirectory,
          Tags: toUpperTagList(desired.tags as TagMap),
        }),
      );
      return { id: created.AccessPointId ?? '', arn: created.AccessPointArn ?? '' };
    } catch (error) {
      if (isErrorCode(error, 'IncorrectFileSystemLifeCycleState')) {
        throw new NotReadyError(`file system ${fileSystemId} is not available yet`);
      }
      throw error;
    }
  },

  async update(_manifest, desired, live, context) {
    const id = live.ids.id ?? '';
    const { add, remove } = tagChanges(desired.tags as TagMap, live.state.tags as TagMap);
    if (Object.keys(add).length > 0) {
      await context.aws.efs.send(new TagResourceCommand({ ResourceId: id, Tags: toUpperTagList(add) }));
    }
    if (remove.length > 0)
      await context.aws.efs.send(new UntagResourceCommand({ ResourceId: id, TagKeys: remove }));
  },

  async delete(live, context) {
    try {
      await context.aws.efs.send(new DeleteAccessPointCommand({ AccessPointId: live.ids.id }));
    } catch (error) {
      if (!isErrorCode(error, 'AccessPointNotFound')) throw error;
    }
    return 'deleted';
  },
};
