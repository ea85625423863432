import type { CommitRecord } from '../source/commit-record.ts';
import type { PushFile } from './read-push-folder.ts';

/** What a push does to the prefix, keys relative to it, each list sorted by key. */
export interface PushPlan {
  readonly upload: PushFile[];
  /** Already there as recorded: not uploaded; the record keeps its versionId. */
  readonly unchanged: { readonly file: PushFile; readonly versionId?: string }[];
  /** In the previous record or listed under the prefix, and no longer in the folder: deleted after the record. */
  readonly remove: string[];
}

/** A single-part upload's ETag is the MD5 of the content; multipart and SSE-KMS ETags are not. */
const MD5_ETAG = /^"?([0-9a-f]{32})"?$/;

/**
 * Compares the folder with the current record and the listing (manifest keys to ETags).
 * With a record, a file is unchanged when the record names its sha256 and the listed object
 * agrees (its ETag, when that is an MD5, is the file's): an object overwritten outside push, or
 * by the loser of a race, is uploaded again. Without a record every file is uploaded, so the first
 * record names exactly what was written (and its versions, where the bucket keeps them).
 */
export function planPush(
  files: readonly PushFile[],
  previous: CommitRecord | undefined,
  listed: ReadonlyMap<string, string>,
): PushPlan {
  const recorded = new Map((previous?.objects ?? []).map((object) => [object.key, object]));
  const upload: PushFile[] = [];
  const unchanged: PushPlan['unchanged'] = [];
  for (const file of [...files].sort(byKey)) {
    const entry = recorded.get(file.key);
    const etag = listed.get(file.key);
    const listedMd5 = etag === undefined ? undefined : MD5_ETAG.exec(etag)?.[1];
    const agrees = etag !== undefined && (listedMd5 === undefined || listedMd5 === file.md5);
    if (entry !== undefined && entry.sha256 === file.sha256 && agrees) {
      unchanged.push({ file, ...(entry.versionId === undefined ? {} : { versionId: entry.versionId }) });
    } else {
      upload.push(file);
    }
  }
  const kept = new Set(files.map((file) => file.key));
  const remove = [...new Set([...recorded.keys(), ...listed.keys()])].filter((key) => !kept.has(key)).sort();
  return { upload, unchanged, remove };
}

function byKey(a: PushFile, b: PushFile): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
