import type { InputReader } from '../core/input.ts';
import { validationError } from './errors.ts';

export interface Page<T> {
  readonly items: T[];
  readonly nextMarker: string | undefined;
}

/** Marker/PageSize paging (PageSize 1-400); a marker is the opaque offset of the next page. */
export function paginate<T>(all: readonly T[], input: InputReader): Page<T> {
  const pageSize = input.number('PageSize', { min: 1, max: 400 }) ?? 400;
  const marker = input.string('Marker');
  let start = 0;
  if (marker !== undefined) {
    const decoded = Number(Buffer.from(marker, 'base64url').toString('utf8'));
    if (!Number.isInteger(decoded) || decoded < 0) throw validationError('Invalid value for Marker');
    start = decoded;
  }
  const end = start + pageSize;
  return {
    items: all.slice(start, end),
    nextMarker: end < all.length ? Buffer.from(String(end), 'utf8').toString('base64url') : undefined,
  };
}
