import { describe, expect, it } from 'vitest';
import type { StatusReader } from '../../src/api/deps.ts';
import { cachedStatusReader } from '../../src/api/status-cache.ts';
import type { ResourceStatus } from '../../src/state/types.ts';

function status(identity: string, sync: ResourceStatus['sync']): ResourceStatus {
  return {
    identity,
    sync,
    health: 'Healthy',
    conditions: [],
    drift: [],
    observedAt: '2026-11-28T00:00:00Z',
    awsIds: {},
  };
}

/** A reader over a list the test changes, counting the reads that reach it. */
function countingReader(statuses: ResourceStatus[]): StatusReader & { reads: number } {
  const reader = {
    reads: 0,
    async listStatuses() {
      reader.reads += 1;
      return [...statuses];
    },
    async getStatus(identity: string) {
      return statuses.find((s) => s.identity === identity);
    },
    async listEvents() {
      return [];
    },
    async getOperator() {
      return { sourceErrors: [], pruneGuard: { held: false, pendingDeletions: 0, override: false } };
    },
    async listRevisions() {
      return [];
    },
  };
  return reader;
}

describe('the API status cache', () => {
  it('shares one table read among requests within the time to live, and filters in memory', async () => {
    const statuses = [status('Service/a/web', 'Synced'), status('Cluster/b/main', 'OutOfSync')];
    const reader = countingReader(statuses);
    let clock = 0;
    const cached = cachedStatusReader(reader, 1_000, () => clock);
    await Promise.all([
      cached.listStatuses(),
      cached.listStatuses({ namespace: 'a' }),
      cached.getStatus('Cluster/b/main'),
    ]);
    expect(reader.reads).toBe(1);
    expect((await cached.listStatuses({ sync: 'OutOfSync' })).map((s) => s.identity)).toEqual([
      'Cluster/b/main',
    ]);
    expect((await cached.listStatuses({ kind: 'Service', namespace: 'a' })).map((s) => s.identity)).toEqual([
      'Service/a/web',
    ]);
    expect(await cached.getStatus('Service/x/none')).toBeUndefined();

    statuses.push(status('Service/a/api', 'Synced'));
    clock = 999;
    expect(await cached.listStatuses()).toHaveLength(2);
    clock = 1_000;
    expect(await cached.listStatuses()).toHaveLength(3);
    expect(reader.reads).toBe(2);
  });

  it('does not keep a failed read', async () => {
    const reader = countingReader([]);
    let fail = true;
    const flaky: StatusReader = {
      ...reader,
      listStatuses: async () => {
        if (fail) throw new Error('table unreachable');
        return reader.listStatuses();
      },
    };
    const cached = cachedStatusReader(flaky, 60_000, () => 0);
    await expect(cached.listStatuses()).rejects.toThrow('table unreachable');
    fail = false;
    await expect(cached.listStatuses()).resolves.toEqual([]);
  });
});
