/** The lease item's attributes (docs/STATE.md, "Lease"). */
export const LEASE_TOKEN_ATTRIBUTE = 'fencingToken';

export interface LeaseRecord {
  /** Empty when released. */
  readonly holder: string;
  /** Grows by one on every acquisition; writes carry it as their fence. */
  readonly fencingToken: number;
  /** Grows by one on every write of the lease item; conditional writes compare it. */
  readonly version: number;
  /** The holder's clock, informational: other replicas judge expiry by their own clock. */
  readonly renewedAt: number;
  readonly acquiredAt: number;
  readonly durationMs: number;
}

/** Reads a stored lease item; undefined when there is none. */
export function parseLeaseRecord(
  item: Readonly<Record<string, unknown>> | undefined,
): LeaseRecord | undefined {
  if (item === undefined) return undefined;
  const { holder, fencingToken, version, renewedAt, acquiredAt, durationMs } = item;
  if (
    typeof holder !== 'string' ||
    typeof fencingToken !== 'number' ||
    typeof version !== 'number' ||
    typeof renewedAt !== 'number' ||
    typeof acquiredAt !== 'number' ||
    typeof durationMs !== 'number'
  ) {
    throw new TypeError(`the lease item is malformed: ${JSON.stringify(item)}`);
  }
  return { holder, fencingToken, version, renewedAt, acquiredAt, durationMs };
}
