import { PutObjectCommand, type S3Client, S3ServiceException } from '@aws-sdk/client-s3';

/** The record changed since it was read: another push landed first. */
export class RecordChanged extends Error {
  override readonly name = 'RecordChanged';
}

export interface ConditionalPut {
  readonly bucket: string;
  readonly key: string;
  readonly body: string;
  /** The ETag of the object being replaced; undefined means there must be none (If-None-Match: *). */
  readonly replacing: string | undefined;
}

/**
 * Writes an object only if it is still the one read (S3's conditional writes), and answers the
 * version written (undefined where the bucket keeps none). Throws {@link RecordChanged} when it is
 * not: 412 PreconditionFailed, 409 ConditionalRequestConflict (a write to the key in flight), or
 * 404 when the object replaced has since been deleted.
 */
export async function putIfUnchanged(client: S3Client, put: ConditionalPut): Promise<string | undefined> {
  try {
    const written = await client.send(
      new PutObjectCommand({
        Bucket: put.bucket,
        Key: put.key,
        Body: put.body,
        ContentType: 'application/json',
        ...(put.replacing === undefined ? { IfNoneMatch: '*' } : { IfMatch: put.replacing }),
      }),
    );
    return written.VersionId;
  } catch (error) {
    if (lostTheRace(error, put.replacing !== undefined)) {
      throw new RecordChanged(`s3://${put.bucket}/${put.key} changed since it was read`, { cause: error });
    }
    throw error;
  }
}

function lostTheRace(error: unknown, replacing: boolean): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  const status = error.$metadata.httpStatusCode;
  return (
    error.name === 'PreconditionFailed' ||
    error.name === 'ConditionalRequestConflict' ||
    status === 412 ||
    status === 409 ||
    (replacing && (error.name === 'NoSuchKey' || status === 404))
  );
}
