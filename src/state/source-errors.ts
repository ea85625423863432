import { type Item, num, text } from './decode.ts';
import { boundMessage } from './limits.ts';
import type { SourceError } from './types.ts';

/** Source errors kept on the operator item; a revision with more says so by its error count. */
export const MAX_SOURCE_ERRORS = 200;
/** Errors kept on each rejected revision of the history: enough to see why, within an item's 400 KB. */
export const MAX_REVISION_ERRORS = 20;

/** Errors as stored: the first `max`, each message redacted and bounded. */
export function storedSourceErrors(errors: readonly SourceError[], max: number): SourceError[] {
  return errors.slice(0, max).map((error) => ({ ...error, message: boundMessage(error.message) }));
}

export function toSourceError(item: Item): SourceError {
  return {
    code: text(item, 'code'),
    file: text(item, 'file'),
    line: num(item, 'line'),
    column: num(item, 'column'),
    path: text(item, 'path'),
    message: text(item, 'message'),
  };
}
