/**
 * A write refused because its fencing token is no longer the lease's: the writer has been
 * deposed (or a newer leader already wrote the item). Not retryable with the same token; the
 * caller should stop writing and look at its lease.
 */
export class FencedOut extends Error {
  readonly code = 'FENCED_OUT';
  readonly fencingToken: number;

  constructor(fencingToken: number, detail: string, options?: ErrorOptions) {
    super(`write with fencing token ${fencingToken} refused: ${detail}`, options);
    this.name = 'FencedOut';
    this.fencingToken = fencingToken;
  }
}

export function isFencedOut(error: unknown): error is FencedOut {
  return error instanceof FencedOut;
}
