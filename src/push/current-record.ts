import { GetObjectCommand, type GetObjectCommandOutput, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { COMMIT_RECORD_KEY, type CommitRecord, parseCommitRecord } from '../source/commit-record.ts';

/** The commit record in force under a prefix, with the ETag a conditional write names. */
export interface CurrentRecord {
  readonly record: CommitRecord;
  readonly etag: string;
}

/** `s3://bucket/prefix/_shipshape/commit.json`: what messages call the record. */
export function recordUrl(bucket: string, prefix: string): string {
  return `s3://${bucket}/${prefix}${COMMIT_RECORD_KEY}`;
}

/**
 * The record under `prefix` (which ends in `/` or is empty), or undefined when there is none yet.
 * A record that is not one throws CommitRecordError naming it and the field.
 */
export async function readCurrentRecord(
  client: S3Client,
  bucket: string,
  prefix: string,
): Promise<CurrentRecord | undefined> {
  const response = await getUnlessMissing(client, bucket, `${prefix}${COMMIT_RECORD_KEY}`);
  if (response === undefined) return undefined;
  const where = recordUrl(bucket, prefix);
  if (response.Body === undefined || response.ETag === undefined) {
    throw new Error(`${where}: GetObject answered without a body or an ETag`);
  }
  return { record: parseCommitRecord(await response.Body.transformToString(), where), etag: response.ETag };
}

async function getUnlessMissing(
  client: S3Client,
  bucket: string,
  key: string,
): Promise<GetObjectCommandOutput | undefined> {
  try {
    return await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  } catch (error) {
    if (error instanceof NoSuchKey) return undefined;
    throw error;
  }
}
