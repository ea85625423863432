import type { ErrorName, ErrorParams } from '../errors.ts';
import type { Segment } from './positions.ts';

/** A problem in one document, before it is placed in its file: what, where, and which end of the field. */
export interface Problem {
  readonly name: ErrorName;
  readonly segments: readonly Segment[];
  /** `key` for a field that should not be there, `value` for a value that is wrong. */
  readonly target: 'key' | 'value';
  readonly params: ErrorParams;
}
