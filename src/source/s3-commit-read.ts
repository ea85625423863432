import type { S3Client } from '@aws-sdk/client-s3';
import {
  type CommitObject,
  type CommitRecord,
  CommitRecordError,
  parseCommitRecord,
} from './commit-record.ts';
import { type FetchedObject, fetchObject, getUnlessMatch, ObjectOverLimit, statusOf } from './s3-fetch.ts';
import { SourceReadError } from './source-error.ts';

/** A commit record as last read: its ETag makes the next read a conditional GET. */
export interface HeadRecord {
  readonly etag: string;
  readonly record: CommitRecord;
}

/** A record this big is not one: a read refuses it rather than holding it in memory. */
const MAX_RECORD_BYTES = 16 * 1_048_576;

/**
 * Reads the commit record at `key`: `absent` when there is none, `unchanged` when `known` is still
 * the one there (a 304, one cheap call), else the record. A record that does not parse is a
 * {@link SourceReadError} naming `source`, the record's URL and the field.
 */
export async function readHeadRecord(
  client: S3Client,
  bucket: string,
  key: string,
  known: HeadRecord | undefined,
  source: string,
  signal?: AbortSignal,
): Promise<HeadRecord | 'absent' | 'unchanged'> {
  let response: Awaited<ReturnType<typeof getUnlessMatch>>;
  try {
    response = await getUnlessMatch(client, bucket, key, known?.etag, signal);
  } catch (error) {
    if (statusOf(error) === 404) return 'absent';
    throw error;
  }
  if (response === 'unchanged') return response;
  const where = `s3://${bucket}/${key}`;
  if (response.Body === undefined || response.ETag === undefined) {
    throw new Error(`GetObject ${key} answered without a body or an ETag`);
  }
  if ((response.ContentLength ?? 0) > MAX_RECORD_BYTES) {
    throw new SourceReadError(source, `${where}: over ${MAX_RECORD_BYTES} bytes, not a commit record`);
  }
  const text = await response.Body.transformToString('utf8');
  try {
    return { etag: response.ETag, record: parseCommitRecord(text, where) };
  } catch (error) {
    if (error instanceof CommitRecordError)
      throw new SourceReadError(source, error.message, { cause: error });
    throw error;
  }
}

/** One object a commit names, as read: its content, or what was found instead. */
export type CommittedRead =
  | { readonly ready: true; readonly object: FetchedObject }
  | {
      readonly ready: false;
      /** What was found, e.g. `no object` or `sha256 …, 12 bytes`. */
      readonly found: string;
      /** The other content read, kept so that the next look can ask "still this?" with a 304. */
      readonly seen?: FetchedObject;
    };

/**
 * Gets the version of `key` the commit names (by its versionId when it has one) and checks its
 * size and sha256. `cached` is the content last read of the key: it is asked for with
 * If-None-Match, so a 304 means it is still there.
 */
export async function readCommitted(
  client: S3Client,
  bucket: string,
  key: string,
  named: CommitObject,
  cached: FetchedObject | undefined,
  signal?: AbortSignal,
): Promise<CommittedRead> {
  let result: FetchedObject | 'unchanged';
  try {
    result = await fetchObject(client, bucket, key, cached, named.size, signal, named.versionId);
  } catch (error) {
    if (statusOf(error) === 404) return { ready: false, found: 'no object' };
    if (error instanceof ObjectOverLimit) return { ready: false, found: `${error.size} bytes` };
    throw error;
  }
  const object = result === 'unchanged' ? cached : result;
  if (object === undefined) throw new Error(`GetObject ${key} answered 304 to an unconditional GET`);
  if (object.sha256 === named.sha256 && object.size === named.size) return { ready: true, object };
  return { ready: false, found: `sha256 ${object.sha256}, ${object.size} bytes`, seen: object };
}
