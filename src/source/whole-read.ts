import { reasonOf, SourceReadError } from './source-error.ts';

export const DEFAULT_READ_ATTEMPTS = 3;

/**
 * Runs a whole read up to `attempts` times: any failure (a change seen during the read, an object
 * gone, a server error, a body cut short) throws the attempt away and starts again from the listing.
 * After the last attempt, a {@link SourceReadError}; an abort, or a SourceReadError thrown by the
 * read itself (a bad commit record, a commit not ready), is passed through at once.
 */
export async function readWhole<T>(
  source: string,
  attempts: number,
  read: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    signal?.throwIfAborted();
    try {
      return await read();
    } catch (error) {
      if (signal?.aborted === true || error instanceof SourceReadError) throw error;
      last = error;
    }
  }
  throw new SourceReadError(source, `${reasonOf(last)} (after ${attempts} attempts)`, { cause: last });
}
