import { createHash } from 'node:crypto';
import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { type Decoded, decodeManifest } from '../manifest/decode.ts';
import { sha256Hex } from './commit-record.ts';
import { ChangedDuringRead } from './source-error.ts';

export interface FetchedObject {
  readonly etag: string;
  /** Of the bytes read: what a commit record names. */
  readonly sha256: string;
  readonly size: number;
  /** The text, or the object's error when it is not UTF-8. */
  readonly decoded: Decoded;
}

/** A single-part upload's ETag is the MD5 of the content; multipart ETags end in `-<parts>`. */
const MD5_ETAG = /^"?([0-9a-f]{32})"?$/;

/**
 * Gets one object. With `cached`, asks only for a newer one (If-None-Match) and answers
 * `unchanged` on 304. A Content-Length over `maxBytes` (the object grew since it was listed) is
 * refused before the body is read. The body must be whole: its length must match Content-Length,
 * and a single-part ETag must be its MD5; otherwise the read was cut short and throws. With
 * `versionId`, that version of the object (a bucket that keeps versions).
 */
export async function fetchObject(
  client: S3Client,
  bucket: string,
  key: string,
  cached: FetchedObject | undefined,
  maxBytes: number,
  signal?: AbortSignal,
  versionId?: string,
): Promise<FetchedObject | 'unchanged'> {
  const response = await getUnlessMatch(client, bucket, key, cached?.etag, signal, versionId);
  if (response === 'unchanged') return response;
  if (response.Body === undefined || response.ETag === undefined) {
    throw new Error(`GetObject ${key} answered without a body or an ETag`);
  }
  const length = response.ContentLength;
  if (length === undefined || length > maxBytes) {
    await discard(response.Body);
    if (length === undefined) throw new Error(`GetObject ${key} answered without a Content-Length`);
    throw new ObjectOverLimit(key, length, maxBytes);
  }
  const bytes = await response.Body.transformToByteArray();
  if (bytes.byteLength !== length) {
    throw new ChangedDuringRead(`${key}: read ${bytes.byteLength} of ${length} bytes`);
  }
  const md5 = MD5_ETAG.exec(response.ETag)?.[1];
  if (md5 !== undefined && createHash('md5').update(bytes).digest('hex') !== md5) {
    throw new ChangedDuringRead(`${key}: the content does not match its ETag ${response.ETag}`);
  }
  return {
    etag: response.ETag,
    sha256: sha256Hex(bytes),
    size: length,
    decoded: decodeManifest(key, bytes),
  };
}

/** The object grew past the bytes allowed since it was listed (or named by a commit record). */
export class ObjectOverLimit extends ChangedDuringRead {
  override readonly name = 'ObjectOverLimit';

  constructor(
    key: string,
    readonly size: number,
    maxBytes: number,
  ) {
    super(`${key} is ${size} bytes now, over the limit of ${maxBytes} bytes`);
  }
}

/** Drops a body unread: the connection is closed rather than drained. */
async function discard(body: NonNullable<GetObjectCommandOutput['Body']>): Promise<void> {
  try {
    await body.transformToWebStream().cancel();
  } catch {
    // Already gone: nothing to drop.
  }
}

/** GetObject, or `unchanged` when `etag` is given and the object still has it (a 304). */
export async function getUnlessMatch(
  client: S3Client,
  bucket: string,
  key: string,
  etag: string | undefined,
  signal: AbortSignal | undefined,
  versionId?: string,
): Promise<GetObjectCommandOutput | 'unchanged'> {
  try {
    return await client.send(
      new GetObjectCommand({
        Bucket: bucket,
        Key: key,
        ...(etag === undefined ? {} : { IfNoneMatch: etag }),
        ...(versionId === undefined ? {} : { VersionId: versionId }),
      }),
      signal === undefined ? {} : { abortSignal: signal },
    );
  } catch (error) {
    // The error's name is not reliable for a 304 (aws-sdk-js-v3 #5860); the status is.
    if (etag !== undefined && statusOf(error) === 304) return 'unchanged';
    throw error;
  }
}

export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return undefined;
  const metadata: unknown = error.$metadata;
  if (typeof metadata !== 'object' || metadata === null || !('httpStatusCode' in metadata)) return undefined;
  return typeof metadata.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined;
}
