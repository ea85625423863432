import type { AwsError } from './aws-error.ts';

export interface Page<T> {
  readonly items: T[];
  readonly nextToken: string | undefined;
}

/** Tokens are opaque to clients: an offset, base64-encoded. */
export function pageOf<T>(
  items: readonly T[],
  token: string | undefined,
  size: number,
  invalid: (message: string) => AwsError,
): Page<T> {
  let start = 0;
  if (token !== undefined) {
    start = Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw invalid(`Invalid NextToken: ${token}`);
  }
  const end = start + size;
  return {
    items: items.slice(start, end),
    nextToken: end < items.length ? Buffer.from(String(end), 'utf8').toString('base64url') : undefined,
  };
}
