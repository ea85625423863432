import { userInfo } from 'node:os';
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Diagnostic } from '../manifest/diagnostic.ts';
import { DEFAULT_READ_LIMITS, type ReadLimits } from '../manifest/limits.ts';
import type { ParameterStore } from '../manifest/overlay/reader.ts';
import {
  COMMIT_FORMAT,
  COMMIT_RECORD_KEY,
  type CommitObject,
  type CommitRecord,
  contentCommitId,
  serialiseCommitRecord,
} from '../source/commit-record.ts';
import { DEFAULT_IGNORE, manifestFilter } from '../source/ignore.ts';
import { mapLimit } from '../source/map-limit.ts';
import { listManifestObjects } from '../source/s3-listing.ts';
import { putIfUnchanged, RecordChanged } from './conditional-put.ts';
import { type CurrentRecord, readCurrentRecord, recordUrl } from './current-record.ts';
import {
  type FolderRecord,
  folderOfRecordPath,
  folderRecordOf,
  isFolderRecordPath,
  isInForce,
  readFolderRecords,
  recordFolders,
} from './folder-records.ts';
import { type GitCommit, gitCommitOf } from './git-commit.ts';
import type { OverlayTree } from './overlay-tree.ts';
import { type PushPlan, planPush } from './plan-push.ts';
import { type PushFile, readPushFolder } from './read-push-folder.ts';

export interface PushOptions {
  readonly client: S3Client;
  readonly dir: string;
  readonly bucket: string;
  /** Empty (the whole bucket) or ending in `/`, as parseSourceUrl gives it. */
  readonly prefix: string;
  readonly message?: string | undefined;
  readonly author?: string | undefined;
  /** Plan only: read the bucket, write nothing. */
  readonly dryRun?: boolean;
  readonly limits?: ReadLimits;
  /** Where an overlay's `parameters` are read to validate its rendering (docs/OVERLAYS.md). */
  readonly parameters?: ParameterStore;
  readonly now?: () => Date;
}

/** Where the commit id came from. */
export type CommitOrigin = 'git' | 'git-uncommitted' | 'content';

export type PushOutcome =
  | {
      readonly kind: 'invalid';
      readonly errors: readonly Diagnostic[];
      readonly warnings: readonly Diagnostic[];
    }
  | {
      /** `up-to-date`: the prefix already holds this commit; nothing was written. */
      readonly kind: 'pushed' | 'dry-run' | 'up-to-date';
      readonly record: CommitRecord;
      readonly plan: PushPlan;
      readonly origin: CommitOrigin;
      readonly warnings: readonly Diagnostic[];
      readonly overlays: OverlayTree;
      /** The records of the overlay and base folders below the prefix, written after the commit's own. */
      readonly folders: readonly FolderRecord[];
      /** Folders whose record an earlier push left and this tree no longer has: deleted with the objects. */
      readonly staleRecords: readonly string[];
    };

/** Another push wrote the record between this push's read of it and its own write. */
export class PushConflict extends Error {
  override readonly name = 'PushConflict';
}

const IN_FLIGHT = 8;

/**
 * Pushes a folder to an S3 prefix as one commit: validates it whole (each overlay by its
 * rendering), uploads the objects that changed, writes the commit record with a conditional PUT
 * on the record it read, then the record of each overlay and base folder below the prefix, and
 * only then deletes the objects the folder no longer has. A push that loses the race for a record
 * throws {@link PushConflict} and deletes nothing.
 */
export async function push(options: PushOptions): Promise<PushOutcome> {
  const { client, dir, bucket, prefix } = options;
  const folder = await readPushFolder(dir, options.limits ?? DEFAULT_READ_LIMITS, options.parameters);
  if (!folder.ok) return { kind: 'invalid', errors: folder.errors, warnings: folder.warnings };
  if (folder.files.length === 0) {
    throw new Error(`${dir} holds no manifest (*.yaml, *.yml); nothing was pushed`);
  }
  const wanted = manifestFilter(DEFAULT_IGNORE);
  const folders = recordFolders(folder.overlays);
  const [git, current, listed, folderCurrent] = await Promise.all([
    gitCommitOf(dir),
    readCurrentRecord(client, bucket, prefix),
    // The folder records an earlier push left come with the same listing.
    listManifestObjects(client, bucket, prefix, (path) => wanted(path) || isFolderRecordPath(path)),
    readFolderRecords(client, bucket, prefix, folders),
  ]);
  const paths = listed.map((object) => ({ path: object.key.slice(prefix.length), etag: object.etag }));
  const manifests = paths.filter(({ path }) => !isFolderRecordPath(path));
  const staleRecords = paths
    .filter(({ path }) => isFolderRecordPath(path) && !folders.includes(folderOfRecordPath(path)))
    .map(({ path }) => folderOfRecordPath(path));
  const plan = planPush(
    folder.files,
    current?.record,
    new Map(manifests.map(({ path, etag }) => [path, etag])),
  );
  const origin: CommitOrigin = git === undefined ? 'content' : git.dirty ? 'git-uncommitted' : 'git';
  const unchanged = plan.unchanged.map(({ file, versionId }) => objectOf(file, versionId));
  const draft = commitOf(options, git?.dirty === false ? git : undefined, current, [
    ...unchanged,
    ...plan.upload.map((file) => objectOf(file, undefined)),
  ]);
  const recordsOf = (commit: CommitRecord) =>
    folders.map((path) => folderRecordOf(commit, path, folderCurrent.get(path)));
  const done = { plan, origin, warnings: folder.warnings, overlays: folder.overlays, staleRecords };
  if (options.dryRun === true) return { kind: 'dry-run', record: draft, folders: recordsOf(draft), ...done };
  const nothingToDo = plan.upload.length === 0 && plan.remove.length === 0;
  const inForce = nothingToDo && current !== undefined && current.record.id === draft.id;
  if (inForce) {
    const pending = recordsOf(current.record).filter((record) => !isInForce(record));
    if (pending.length === 0 && staleRecords.length === 0) {
      return { kind: 'up-to-date', record: current.record, folders: [], ...done };
    }
  }

  const uploaded = await mapLimit(plan.upload, IN_FLIGHT, async (file) => {
    const written = await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `${prefix}${file.key}`,
        Body: file.bytes,
        ContentType: 'application/yaml',
        // S3 checks the bytes it stores against the sha256 the record names.
        ChecksumSHA256: Buffer.from(file.sha256, 'hex').toString('base64'),
      }),
    );
    return objectOf(file, written.VersionId);
  });
  // Already in force (only folder records were missing): the commit's own record stays as it is.
  const record: CommitRecord = inForce ? current.record : { ...draft, objects: [...unchanged, ...uploaded] };
  if (!inForce) await writeRecord(client, bucket, prefix, record, current);
  // The commit record decided which push won; each folder's record follows it, bases first.
  const written = recordsOf(record).filter((folderRecord) => !isInForce(folderRecord));
  for (const { folder: path, record: folderRecord, current: was } of written) {
    try {
      await writeRecord(client, bucket, `${prefix}${path}/`, folderRecord, was);
    } catch (error) {
      if (!(error instanceof PushConflict)) throw error;
      // A later push won the commit record after this one: its folder records are the newer ones.
      throw new PushConflict(
        `wrote commit ${record.id}, but the record of ${path}/ changed after this push read it: ` +
          error.message,
        { cause: error },
      );
    }
  }

  const removed = [...plan.remove, ...staleRecords.map((path) => `${path}/${COMMIT_RECORD_KEY}`)];
  await mapLimit(removed, IN_FLIGHT, async (key) => {
    try {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: `${prefix}${key}` }));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `pushed ${record.id}, but could not delete s3://${bucket}/${prefix}${key} (${reason}); ` +
          'the record does not name it, so the operator ignores it; run push again to delete it',
        { cause: error },
      );
    }
  });
  return { kind: 'pushed', record, folders: written, ...done };
}

/** A record's conditional write; losing the race is a {@link PushConflict} naming the winner. */
async function writeRecord(
  client: S3Client,
  bucket: string,
  prefix: string,
  record: CommitRecord,
  current: CurrentRecord | undefined,
): Promise<void> {
  try {
    await putIfUnchanged(client, {
      bucket,
      key: `${prefix}${COMMIT_RECORD_KEY}`,
      body: serialiseCommitRecord(record),
      replacing: current?.etag,
    });
  } catch (error) {
    if (error instanceof RecordChanged) throw await conflict(client, bucket, prefix, error);
    throw error;
  }
}

function objectOf(file: PushFile, versionId: string | undefined): CommitObject {
  return {
    key: file.key,
    sha256: file.sha256,
    size: file.size,
    ...(versionId === undefined ? {} : { versionId }),
  };
}

/** The record to write: id, author and message from Git when the folder is HEAD's content, flags first. */
function commitOf(
  options: PushOptions,
  git: GitCommit | undefined,
  current: CurrentRecord | undefined,
  objects: CommitObject[],
): CommitRecord {
  return {
    format: COMMIT_FORMAT,
    id: git?.sha ?? contentCommitId(objects),
    ...(current === undefined ? {} : { parent: current.record.id }),
    author: options.author ?? git?.author ?? localUser(),
    message: options.message ?? git?.subject ?? '',
    time: (options.now?.() ?? new Date()).toISOString(),
    objects: [...objects].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}

function localUser(): string {
  const fromEnv = process.env.USER ?? process.env.USERNAME;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** The loser's error, naming the commit that won when it can be read. */
async function conflict(
  client: S3Client,
  bucket: string,
  prefix: string,
  cause: RecordChanged,
): Promise<PushConflict> {
  const winner = await readCurrentRecord(client, bucket, prefix).catch(() => undefined);
  const who =
    winner === undefined
      ? `${recordUrl(bucket, prefix)} changed`
      : `commit ${winner.record.id} by ${winner.record.author}`;
  return new PushConflict(
    `another push landed first (${who}); nothing was deleted; run push again to build on it`,
    { cause },
  );
}
