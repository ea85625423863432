import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GetObjectCommand, paginateListObjectsV2, type S3Client } from '@aws-sdk/client-s3';
import type { CommandIo } from '../../src/cli/command.ts';
import { dispatch } from '../../src/cli/dispatch.ts';
import {
  COMMIT_RECORD_KEY,
  type CommitRecord,
  parseCommitRecord,
  sha256Hex,
} from '../../src/source/commit-record.ts';

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `shipshape <args>` in this process, as bin/shipshape.js runs it. */
export async function shipshape(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  };
  const code = await dispatch(args, io);
  return { code, stdout, stderr };
}

/** Makes `dir` hold exactly `files` (path below dir to content). */
export async function writeTree(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

/** Every key in the bucket with the sha256 of its content, sorted by key. */
export async function bucketContents(client: S3Client, bucket: string): Promise<Record<string, string>> {
  const keys: string[] = [];
  for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket })) {
    for (const object of page.Contents ?? []) if (object.Key !== undefined) keys.push(object.Key);
  }
  const entries = await Promise.all(
    keys.sort().map(async (key) => [key, sha256Hex(await readObject(client, bucket, key))] as const),
  );
  return Object.fromEntries(entries);
}

export async function readObject(client: S3Client, bucket: string, key: string): Promise<Uint8Array> {
  const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (got.Body === undefined) throw new Error(`${key} has no body`);
  return got.Body.transformToByteArray();
}

export async function readRecord(client: S3Client, bucket: string, prefix: string): Promise<CommitRecord> {
  const bytes = await readObject(client, bucket, `${prefix}${COMMIT_RECORD_KEY}`);
  return parseCommitRecord(Buffer.from(bytes).toString('utf8'), 'record');
}
