import { pairsDigest } from './pairs-digest.ts';

/**
 * The digest of a snapshot read through a commit record: the commit id and the (file, sha256)
 * pairs, so that the same record read again is the same state. The id's pair has an empty name,
 * which no file has.
 */
export function commitDigest(id: string, files: readonly (readonly [string, string])[]): string {
  return pairsDigest([['', id] as const, ...files]);
}

/** What a source says, once, when it finds no commit record. */
export function noRecordNotice(source: string, record: string): string {
  return (
    `${source} has no commit record (${record}): commits are not atomic, a read between two ` +
    'uploads can see half of one. Write with `shipshape push` (S3) or `shipshape put-manifests` ' +
    '(DynamoDB) to make commits land whole.'
  );
}
