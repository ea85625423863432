import type { AccessPointDescription } from '@aws-sdk/client-efs';
import type { JsonObject } from '../../diff/index.ts';
import { awsSpecOf } from '../../manifest/controls.ts';
import type { AccessPointSpec } from '../../manifest/generated/types.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { fromApiCase } from '../api-case.ts';
import { referencedIdentity, resolveReference } from '../references.ts';
import { fromUpperTagList } from '../tags.ts';
import type { ProviderContext } from '../types.ts';

export const accessPointSpecOf = (manifest: LoadedManifest): AccessPointSpec =>
  awsSpecOf(manifest) as AccessPointSpec;

/** The file system id the manifest names, literally or through `fileSystemRef`. */
export function fileSystemIdOf(
  manifest: LoadedManifest,
  context: ProviderContext,
): { ok: true; id: string } | { ok: false; waitingFor: string } {
  const spec = accessPointSpecOf(manifest);
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
export function normaliseAccessPoint(
  posixUser: JsonObject | undefined,
  rootDirectory: JsonObject | undefined,
): JsonObject {
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

export function projectAccessPoint(accessPoint: AccessPointDescription): JsonObject {
  return {
    fileSystemId: accessPoint.FileSystemId ?? '',
    ...normaliseAccessPoint(
      accessPoint.PosixUser === undefined ? undefined : (fromApiCase(accessPoint.PosixUser) as JsonObject),
      accessPoint.RootDirectory === undefined
        ? undefined
        : (fromApiCase(accessPoint.RootDirectory) as JsonObject),
    ),
    tags: fromUpperTagList(accessPoint.Tags),
  };
}
