import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StateStore } from '../../src/state/state-store.ts';
import { createTable, leadingToken, startDynamo, type TestDynamo } from './dynamo.ts';

describe('the operator item', () => {
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

  it('reads as empty, with the prune guard not holding, before anything was written', async () => {
    expect(await store.getOperator()).toEqual({
      sourceErrors: [],
      pruneGuard: { held: false, pendingDeletions: 0, override: false },
    });
  });

  it('merges patches: fields left out stay, undefined removes', async () => {
    const sourceErrors = [
      {
        code: 'SS112',
        file: 'shop/web.yaml',
        line: 12,
        column: 7,
        path: 'spec.healthCheckIntervalSeconds',
        message: 'must be <= 300, not 900',
      },
    ];
    await store.updateOperator(
      {
        currentRevision: 'sha256:2',
        lastGoodRevision: 'sha256:1',
        sourceErrors,
        leader: 'replica-a',
        lastPass: { at: '2026-11-28T12:00:00.000Z', outcome: 'partial', message: '2 resources failed' },
        pruneGuard: {
          held: true,
          reason: '6 of 10 owned resources would be deleted',
          pendingDeletions: 6,
          override: false,
        },
      },
      token,
    );
    await store.updateOperator(
      { lastPass: { at: '2026-11-28T12:01:00.000Z', outcome: 'succeeded' }, currentRevision: undefined },
      token,
    );
    expect(await store.getOperator()).toEqual({
      lastGoodRevision: 'sha256:1',
      sourceErrors,
      leader: 'replica-a',
      lastPass: { at: '2026-11-28T12:01:00.000Z', outcome: 'succeeded' },
      pruneGuard: {
        held: true,
        reason: '6 of 10 owned resources would be deleted',
        pendingDeletions: 6,
        override: false,
      },
    });
  });
});
