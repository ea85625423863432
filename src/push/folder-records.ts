import type { S3Client } from '@aws-sdk/client-s3';
import { COMMIT_RECORD_KEY, type CommitRecord } from '../source/commit-record.ts';
import { type CurrentRecord, readCurrentRecord } from './current-record.ts';
import { isInFolder, type OverlayTree } from './overlay-tree.ts';

/**
 * The commit record of one folder below the pushed prefix: an S3 source pointed at an overlay
 * (`s3://b/envs/prod/`) reads `envs/prod/_shipshape/commit.json`, and its base, read as a source of
 * its own, `envs/base/_shipshape/commit.json`. Each names the commit's objects under its folder.
 */
export interface FolderRecord {
  /** `/`-separated below the prefix, never `''` (the pushed folder's record is the commit's own). */
  readonly folder: string;
  readonly record: CommitRecord;
  /** The one in force when the push read it: its ETag conditions the write. */
  readonly current: CurrentRecord | undefined;
}

const RECORD_SUFFIX = `/${COMMIT_RECORD_KEY}`;

/**
 * The folders that get a record: every base and overlay of the tree but the pushed folder itself,
 * bases first, so that a reader who finds an overlay's new record finds its base's too.
 */
export function recordFolders(tree: OverlayTree): string[] {
  const bases = tree.bases.filter((folder) => folder !== '');
  const overlays = tree.overlays.filter((folder) => folder !== '' && !bases.includes(folder));
  return [...bases, ...overlays];
}

/** Whether a path below the prefix is a folder's record (the prefix's own is not). */
export function isFolderRecordPath(path: string): boolean {
  return path.endsWith(RECORD_SUFFIX);
}

/** The folder whose record a path below the prefix is. */
export function folderOfRecordPath(path: string): string {
  return path.slice(0, -RECORD_SUFFIX.length);
}

export async function readFolderRecords(
  client: S3Client,
  bucket: string,
  prefix: string,
  folders: readonly string[],
): Promise<Map<string, CurrentRecord | undefined>> {
  const read = await Promise.all(
    folders.map(
      async (folder) => [folder, await readCurrentRecord(client, bucket, `${prefix}${folder}/`)] as const,
    ),
  );
  return new Map(read);
}

/** The commit as `folder`'s record: its objects under the folder, keys relative to it. */
export function folderRecordOf(
  commit: CommitRecord,
  folder: string,
  current: CurrentRecord | undefined,
): FolderRecord {
  const { parent: _parent, ...rest } = commit;
  const objects = commit.objects
    .filter((object) => isInFolder(object.key, folder))
    .map((object) => ({ ...object, key: object.key.slice(folder.length + 1) }));
  const record = { ...rest, ...(current === undefined ? {} : { parent: current.record.id }), objects };
  return { folder, record, current };
}

/** Whether the record in force already says this: the same commit id and objects. */
export function isInForce(folder: FolderRecord): boolean {
  const current = folder.current?.record;
  if (current === undefined || current.id !== folder.record.id) return false;
  const text = (record: CommitRecord) =>
    JSON.stringify(record.objects.map(({ key, sha256, size, versionId }) => [key, sha256, size, versionId]));
  return text(current) === text(folder.record);
}
