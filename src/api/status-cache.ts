import type { ResourceStatus, StatusFilter } from '../state/types.ts';
import type { StatusReader } from './deps.ts';

interface Entry<T> {
  readonly at: number;
  readonly value: Promise<T>;
}

function matches(status: ResourceStatus, filter: StatusFilter): boolean {
  const [kind, namespace] = status.identity.split('/');
  return (
    (filter.kind === undefined || filter.kind === kind) &&
    (filter.namespace === undefined || filter.namespace === namespace) &&
    (filter.sync === undefined || filter.sync === status.sync) &&
    (filter.health === undefined || filter.health === status.health)
  );
}

/**
 * A read-through cache in front of the state store for the API: every request
 * within `ttlMs` shares one read of the table (status is at most that stale),
 * and concurrent requests share the read in flight. Filters apply in memory.
 */
export function cachedStatusReader(
  reader: StatusReader,
  ttlMs = 1_000,
  now: () => number = Date.now,
): StatusReader {
  const entries = new Map<string, Entry<unknown>>();
  const cached = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    const hit = entries.get(key);
    if (hit !== undefined && now() - hit.at < ttlMs) return hit.value as Promise<T>;
    const value = read();
    entries.set(key, { at: now(), value });
    value.catch(() => entries.delete(key));
    return value;
  };
  return {
    async listStatuses(filter = {}) {
      const all = await cached('statuses', () => reader.listStatuses());
      return all.filter((status) => matches(status, filter));
    },
    async getStatus(identity) {
      const all = await cached('statuses', () => reader.listStatuses());
      return all.find((status) => status.identity === identity);
    },
    listEvents: (identity, limit) =>
      cached(`events:${identity ?? ''}:${limit}`, () => reader.listEvents(identity, limit)),
    getOperator: () => cached('operator', () => reader.getOperator()),
    listRevisions: (limit) => cached(`revisions:${limit ?? ''}`, () => reader.listRevisions(limit)),
  };
}
