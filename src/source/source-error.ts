import { errorCatalogue } from '../errors.ts';

/**
 * A source could not be read whole (a transient error, or a change during the read that retries did
 * not outlast). The last good revision stays in force; the next look tries again.
 */
export class SourceReadError extends Error {
  readonly code = errorCatalogue.SOURCE_UNREADABLE.code;
  readonly retryable = true;
  override readonly name = 'SourceReadError';

  constructor(
    readonly source: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot read ${source}: ${reason}`, options);
  }
}

/** The read saw the source change under it; reading again may succeed. */
export class ChangedDuringRead extends Error {
  override readonly name = 'ChangedDuringRead';
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
