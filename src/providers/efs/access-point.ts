import {
  type AccessPointDescription,
  CreateAccessPointCommand,
  DeleteAccessPointCommand,
  type PosixUser,
  type RootDirectory,
} from '@aws-sdk/client-efs';
import type { JsonObject } from '../../diff/index.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { toApiCase } from '../api-case.ts';
import { isErrorCode } from '../aws-error.ts';
import { idempotencyToken } from '../idempotency.ts';
import { retainedIn } from '../ownership.ts';
import { desiredTags, fromUpperTagList, type TagMap, toUpperTagList } from '../tags.ts';
import {
  type DesiredResult,
  NotReadyError,
  type ObservedResource,
  type Provider,
  type ProviderContext,
} from '../types.ts';
import {
  accessPointSpecOf,
  fileSystemIdOf,
  normaliseAccessPoint,
  projectAccessPoint,
} from './access-point-shape.ts';
import { accessPointsOf } from './access-points-of.ts';
import { putEfsTags, releaseEfsTags } from './resource-tags.ts';

function observed(accessPoint: AccessPointDescription, identity: string, owned: boolean): ObservedResource {
  const state = accessPoint.LifeCycleState;
  return {
    identity,
    ids: { id: accessPoint.AccessPointId ?? '', arn: accessPoint.AccessPointArn ?? '' },
    owned,
    retained: retainedIn(fromUpperTagList(accessPoint.Tags)),
    state: projectAccessPoint(accessPoint),
    health:
      state === 'available'
        ? { health: 'Healthy' }
        : { health: 'Progressing', message: `access point is ${state}` },
    detail: accessPoint,
  };
}

/** The manifests by the file system they name; those whose file system does not exist yet are left out. */
function byFileSystem(
  manifests: readonly LoadedManifest[],
  context: ProviderContext,
): Map<string, LoadedManifest[]> {
  const grouped = new Map<string, LoadedManifest[]>();
  for (const manifest of manifests) {
    const fs = fileSystemIdOf(manifest, context);
    if (fs.ok) grouped.set(fs.id, [...(grouped.get(fs.id) ?? []), manifest]);
  }
  return grouped;
}

const ownerOf = (accessPoint: AccessPointDescription, context: ProviderContext): string | undefined =>
  context.ownership.identityOf(fromUpperTagList(accessPoint.Tags));

/**
 * A manifest's access point among its file system's: the one its ownership tag names; else, as
 * access points have no name of their own, an unowned one with its Name tag, to report or adopt it.
 */
function findFor(
  manifest: LoadedManifest,
  accessPoints: readonly AccessPointDescription[],
  context: ProviderContext,
): ObservedResource | undefined {
  const mine = accessPoints.find(
    (ap) => ownerOf(ap, context) === manifest.identity && ap.LifeCycleState !== 'deleted',
  );
  if (mine !== undefined) return observed(mine, manifest.identity, true);
  const name = accessPointSpecOf(manifest).tags?.Name;
  const unowned = name === undefined ? undefined : accessPoints.find((ap) => ap.Name === name);
  return unowned === undefined ? undefined : observed(unowned, manifest.identity, false);
}

export const accessPointProvider: Provider = {
  kind: 'AccessPoint',
  compare: { lists: { 'posixUser.secondaryGids': 'set' } },
  // EFS has no update for access points: anything but tags makes a new one.
  replaceOn: ['fileSystemId', 'posixUser', 'rootDirectory'],

  /**
   * With `everyOwned`, one account-wide listing (fewer calls than one per file system, and it
   * finds owned access points on any file system); else one listing per file system named.
   */
  async read({ manifests, everyOwned }, context) {
    const all = everyOwned ? await accessPointsOf(undefined, context) : undefined;
    const result = new Map<string, ObservedResource>();
    for (const [fileSystemId, ofFileSystem] of byFileSystem(manifests, context)) {
      const accessPoints =
        all?.filter((ap) => ap.FileSystemId === fileSystemId) ??
        (await accessPointsOf(fileSystemId, context));
      for (const manifest of ofFileSystem) {
        const found = findFor(manifest, accessPoints, context);
        if (found !== undefined) result.set(manifest.identity, found);
      }
    }
    for (const accessPoint of all ?? []) {
      const identity = ownerOf(accessPoint, context);
      if (identity?.startsWith('AccessPoint/') === true && !result.has(identity))
        result.set(identity, observed(accessPoint, identity, true));
    }
    return result;
  },

  desired(manifest, context): DesiredResult {
    const fs = fileSystemIdOf(manifest, context);
    if (!fs.ok) return fs;
    const spec = accessPointSpecOf(manifest);
    return {
      ok: true,
      state: {
        fileSystemId: fs.id,
        ...normaliseAccessPoint(
          spec.posixUser as JsonObject | undefined,
          spec.rootDirectory as JsonObject | undefined,
        ),
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

  async update(_manifest, desired, live, delta, context) {
    await putEfsTags(live.ids.id ?? '', desired.tags as TagMap, live.state.tags as TagMap, delta, context);
  },

  release: (live, context) => releaseEfsTags(live.ids.id ?? '', context),

  async delete(live, context) {
    try {
      await context.aws.efs.send(new DeleteAccessPointCommand({ AccessPointId: live.ids.id }));
    } catch (error) {
      if (!isErrorCode(error, 'AccessPointNotFound')) throw error;
    }
    return 'deleted';
  },
};
