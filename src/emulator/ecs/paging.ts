import { invalidParameter } from './errors.ts';

/** One page of `items` from an opaque offset token, as ECS's list calls page. */
export function page<T>(
  items: readonly T[],
  nextToken: string | undefined,
  maxResults: number,
): { items: T[]; nextToken: string | undefined } {
  const start = nextToken === undefined ? 0 : decode(nextToken);
  const slice = items.slice(start, start + maxResults);
  const end = start + slice.length;
  return { items: slice, nextToken: end < items.length ? encode(end) : undefined };
}

function encode(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64');
}

function decode(token: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'offset' in parsed) {
      const offset = parsed.offset;
      if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
    }
  } catch {
    // falls through to the error below
  }
  throw invalidParameter('Invalid nextToken.');
}
