import { createHash } from 'node:crypto';
import { Ajv } from 'ajv';
import type { FromSchema } from '../config/schema-type.ts';
import { pairsDigest } from './pairs-digest.ts';

/**
 * Where a commit record lives, relative to the source root (an S3 prefix). The default ignore list
 * (`_*`) keeps it out of the manifests themselves.
 */
export const COMMIT_RECORD_KEY = '_shipshape/commit.json';

export const COMMIT_FORMAT = 'shipshape.dev/commit/v1';

const SHA256_HEX = '^[0-9a-f]{64}$';

/**
 * What `shipshape push` (and `put-manifests`) write last: one commit of the whole source. A reader
 * takes exactly the objects it lists, each checked against its sha256, or waits.
 */
export const COMMIT_RECORD_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['format', 'id', 'author', 'message', 'time', 'objects'],
  properties: {
    format: { const: COMMIT_FORMAT },
    /** The Git SHA when pushed from a Git checkout, else `sha256:` of the objects (contentCommitId). */
    id: { type: 'string', minLength: 1, maxLength: 200 },
    /** The commit this one replaced; absent on the first. */
    parent: { type: 'string', minLength: 1, maxLength: 200 },
    author: { type: 'string', maxLength: 500 },
    message: { type: 'string', maxLength: 10000 },
    /** ISO 8601. */
    time: { type: 'string', minLength: 1, maxLength: 64 },
    objects: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'sha256', 'size'],
        properties: {
          /** The path relative to the source root (the S3 prefix; the manifests table's sk). */
          key: { type: 'string', minLength: 1, maxLength: 1024 },
          sha256: { type: 'string', pattern: SHA256_HEX },
          size: { type: 'integer', minimum: 0 },
          /** The S3 version written, where the bucket keeps versions: a read fetches exactly it. */
          versionId: { type: 'string', minLength: 1, maxLength: 1024 },
        },
      },
    },
  },
} as const;

export type CommitRecord = FromSchema<typeof COMMIT_RECORD_SCHEMA>;
export type CommitObject = CommitRecord['objects'][number];

/** Who committed what: what revisions, events and the history carry of a commit record. */
export type CommitInfo = Omit<CommitRecord, 'format' | 'objects'>;

const validate = new Ajv({ allErrors: true, strict: true }).compile(COMMIT_RECORD_SCHEMA);

/** A commit record that cannot be read as one: `where` names it (e.g. `s3://b/p/_shipshape/commit.json`). */
export class CommitRecordError extends Error {
  override readonly name = 'CommitRecordError';
}

/** Parses and checks a record; throws {@link CommitRecordError} naming `where` and the field. */
export function parseCommitRecord(text: string, where: string): CommitRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CommitRecordError(
      `${where}: not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (!validate(value)) {
    const first = validate.errors?.[0];
    const field = first?.instancePath === '' || first === undefined ? '(record)' : first.instancePath;
    throw new CommitRecordError(`${where}: ${field} ${first?.message ?? 'is invalid'}`);
  }
  const record = value as CommitRecord;
  const seen = new Set<string>();
  for (const [i, object] of record.objects.entries()) {
    if (seen.has(object.key))
      throw new CommitRecordError(`${where}: /objects/${i}/key "${object.key}" is listed twice`);
    seen.add(object.key);
  }
  return record;
}

/** The record as written: stable key order, objects sorted by key, one trailing newline. */
export function serialiseCommitRecord(record: CommitRecord): string {
  const objects = [...record.objects]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ key, sha256, size, versionId }) => ({
      key,
      sha256,
      size,
      ...(versionId === undefined ? {} : { versionId }),
    }));
  const ordered: CommitRecord = {
    format: COMMIT_FORMAT,
    id: record.id,
    ...(record.parent === undefined ? {} : { parent: record.parent }),
    author: record.author,
    message: record.message,
    time: record.time,
    objects,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

export function commitInfoOf(record: CommitRecord): CommitInfo {
  const { format: _format, objects: _objects, ...info } = record;
  return info;
}

/** The id of a commit made outside Git: `sha256:` of its (key, sha256) pairs. */
export function contentCommitId(objects: readonly Pick<CommitObject, 'key' | 'sha256'>[]): string {
  return pairsDigest(objects.map(({ key, sha256 }) => [key, sha256] as const));
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
