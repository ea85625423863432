import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StateStore } from '../../src/state/state-store.ts';
import type { ResourceStatus } from '../../src/state/types.ts';
import { createTable, leadingToken, startDynamo, type TestDynamo } from './dynamo.ts';

function status(identity: string, overrides: Partial<ResourceStatus> = {}): ResourceStatus {
  return {
    identity,
    sync: 'Synced',
    health: 'Healthy',
    conditions: [],
    drift: [],
    observedAt: '2026-11-28T12:00:00.000Z',
    awsIds: {},
    ...overrides,
  };
}

describe('resource status in the state table', () => {
  let dynamo: TestDynamo;
  let store: StateStore;
  let token: number;

  beforeAll(async () => {
    dynamo = await startDynamo();
    const table = await createTable(dynamo);
    store = new StateStore({ client: dynamo.client, table, fenceMode: 'check-then-write' });
    ({ token } = await leadingToken(dynamo.client, table));
  });

  afterAll(async () => {
    await dynamo?.close();
  });

  it('reads back every field it wrote', async () => {
    const written = status('Service/bssmagic/tmf-runtime', {
      sync: 'OutOfSync',
      health: 'Degraded',
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'CrashLoop',
          message: 'tasks stopped 3 times in 10 minutes: Essential container in task exited',
          lastTransitionTime: '2026-11-28T11:59:00.000Z',
        },
      ],
      appliedRevision: 'sha256:abc',
      drift: [
        { path: 'desiredCount', desired: 2, actual: 5 },
        { path: 'networkConfiguration.awsvpcConfiguration.subnets', desired: ['a', 'b'], actual: null },
        { path: 'tags.team', desired: { nested: [1, { x: '' }] }, actual: '' },
      ],
      lastError: { code: 'SS900', message: 'ServiceNotActiveException', at: '2026-11-28T11:58:00.000Z' },
      awsIds: { arn: 'arn:aws:ecs:us-east-1:123456789012:service/bssmagic/tmf-runtime' },
    });
    await store.putStatus(written, token);
    expect(await store.getStatus('Service/bssmagic/tmf-runtime')).toEqual({ ...written, driftCount: 3 });
  });

  it('answers undefined for a resource without status, and forgets a deleted one', async () => {
    expect(await store.getStatus('Service/nowhere/nothing')).toBeUndefined();
    await store.putStatus(status('Cluster/gone/c1'), token);
    await store.deleteStatus('Cluster/gone/c1', token);
    expect(await store.getStatus('Cluster/gone/c1')).toBeUndefined();
  });

  it('refuses an identity that is not Kind/namespace/name', async () => {
    await expect(store.putStatus(status('Service/only-two'), token)).rejects.toThrow(
      'Expected an identity "Kind/namespace/name", got "Service/only-two"',
    );
  });

  it('lists with filters by namespace, kind, sync and health', async () => {
    await store.putStatus(status('Service/shop/web', { sync: 'OutOfSync' }), token);
    await store.putStatus(status('Service/shop/worker', { health: 'Progressing' }), token);
    await store.putStatus(status('TargetGroup/shop/web'), token);
    await store.putStatus(status('Service/shopping/cart', { sync: 'OutOfSync' }), token);
    await store.putStatus(status('Cluster/other/main', { sync: 'Unknown', health: 'Missing' }), token);

    const ids = async (filter: Parameters<StateStore['listStatuses']>[0]) =>
      (await store.listStatuses(filter)).map((entry) => entry.identity);

    expect(await ids({ namespace: 'shop' })).toEqual([
      'Service/shop/web',
      'Service/shop/worker',
      'TargetGroup/shop/web',
    ]);
    expect(await ids({ namespace: 'shop', kind: 'Service' })).toEqual([
      'Service/shop/web',
      'Service/shop/worker',
    ]);
    expect(await ids({ sync: 'OutOfSync' })).toEqual(
      expect.arrayContaining(['Service/shop/web', 'Service/shopping/cart', 'Service/bssmagic/tmf-runtime']),
    );
    expect(await ids({ sync: 'OutOfSync' })).toHaveLength(3);
    expect(await ids({ health: 'Missing' })).toEqual(['Cluster/other/main']);
    expect(await ids({ namespace: 'shop', health: 'Healthy', kind: 'Service' })).toEqual([
      'Service/shop/web',
    ]);
    expect((await ids({})).length).toBeGreaterThanOrEqual(6);
  });

  it('cuts a drift list too large for one item and says so', async () => {
    const huge = 'x'.repeat(20_000);
    const drift = Array.from({ length: 60 }, (_, index) => ({
      path: `containerDefinitions[${index}].command`,
      desired: index === 0 ? huge : `short-${index}-${'y'.repeat(4_000)}`,
      actual: 'z',
    }));
    await store.putStatus(status('TaskDefinition/big/app', { sync: 'OutOfSync', drift }), token);
    const read = await store.getStatus('TaskDefinition/big/app');
    expect(read?.driftTruncated).toBe(true);
    expect(read?.driftCount).toBe(60);
    expect(read?.drift.length).toBeLessThan(60);
    expect(read?.drift.length).toBeGreaterThan(10);
    expect(read?.drift[0]).toMatchObject({
      path: 'containerDefinitions[0].command',
      actual: 'z',
      truncated: true,
    });
    expect(String(read?.drift[0]?.desired).length).toBeLessThan(huge.length);
    expect(read?.drift[1]).toEqual(drift[1]);
  });

  it('keeps a small drift list whole, without the truncation flag', async () => {
    await store.putStatus(
      status('Service/small/app', { drift: [{ path: 'cpu', desired: '256', actual: '512' }] }),
      token,
    );
    const read = await store.getStatus('Service/small/app');
    expect(read?.driftTruncated).toBeUndefined();
    expect(read?.drift).toEqual([{ path: 'cpu', desired: '256', actual: '512' }]);
  });
});
