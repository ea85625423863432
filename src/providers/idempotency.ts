import { createHash } from 'node:crypto';

/**
 * A deterministic idempotency token (CreationToken, ClientToken, CreatorRequestId)
 * for one resource of one Shipshape instance: a retry after a timeout sends the
 * same token, so AWS answers with the resource it already made.
 */
export function idempotencyToken(instance: string, identity: string, ...salt: readonly string[]): string {
  const digest = createHash('sha256')
    .update([instance, identity, ...salt].join('\n'))
    .digest('hex');
  return `shipshape-${digest.slice(0, 40)}`;
}

/** A short stable digest of a value, for tag keys. */
export function shortDigest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 16);
}
