export type CallOutcome = 'ok' | 'error' | 'throttled';

const THROTTLING_CODES = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'TooManyRequests',
]);

export function isThrottlingError(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && 'name' in error && THROTTLING_CODES.has(String(error.name))
  );
}

/** Counts of AWS calls made by Shipshape, by `service:Operation` and outcome. */
export class CallStats {
  readonly #counts = new Map<string, Record<CallOutcome, number>>();

  record(service: string, operation: string, outcome: CallOutcome): void {
    const key = `${service}:${operation}`;
    let counts = this.#counts.get(key);
    if (counts === undefined) {
      counts = { ok: 0, error: 0, throttled: 0 };
      this.#counts.set(key, counts);
    }
    counts[outcome] += 1;
  }

  snapshot(): Record<string, Record<CallOutcome, number>> {
    return Object.fromEntries(
      [...this.#counts.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, counts]) => [key, { ...counts }]),
    );
  }

  /** Calls whose operation name starts with one of `prefixes` (e.g. writes: Create, Update, Delete, ...). */
  total(filter: (service: string, operation: string) => boolean = () => true): number {
    let sum = 0;
    for (const [key, counts] of this.#counts) {
      const [service = '', operation = ''] = key.split(':');
      if (filter(service, operation)) sum += counts.ok + counts.error + counts.throttled;
    }
    return sum;
  }

  reset(): void {
    this.#counts.clear();
  }
}

const READ_PREFIXES = ['Describe', 'List', 'Get'];

export function isReadOperation(operation: string): boolean {
  return READ_PREFIXES.some((prefix) => operation.startsWith(prefix));
}
