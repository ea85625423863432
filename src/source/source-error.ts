import { errorCatalogue } from '../errors.ts';

/**
 * A source could not be read whole (a transient error, or a change during the read that retries did
 * not outlast). The last good revision stays in force; the next look tries again.
 */
export class SourceReadError extends Error {
  readonly code = errorCatalogue.SOURCE_UNREADABLE.code;
  readonly retryable = true;
  override readonly name: string = 'SourceReadError';

  constructor(
    readonly source: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot read ${source}: ${reason}`, options);
  }
}

/**
 * The source has a commit record, but an object it names is missing or holds other content: a
 * push is uploading, or one died half way. Not retried at once (readWhole passes it through); the
 * source looks again with backoff and the last good revision stays in force meanwhile.
 */
export class CommitPendingError extends SourceReadError {
  override readonly name = 'CommitPendingError';

  constructor(
    source: string,
    /** Where the object that is not ready lives, e.g. `s3://b/p/x.yaml`. */
    readonly object: string,
    readonly commit: string,
    detail: string,
  ) {
    super(source, detail);
    this.message = `${object} does not match commit ${commit} yet (${detail}); waiting`;
  }
}

/** The read saw the source change under it; reading again may succeed. */
export class ChangedDuringRead extends Error {
  override readonly name: string = 'ChangedDuringRead';
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
