import { type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FencedOut } from '../../src/state/fenced-out.ts';
import type { FenceMode } from '../../src/state/fenced-writer.ts';
import { LeaseManager } from '../../src/state/lease.ts';
import { StateStore } from '../../src/state/state-store.ts';
import { ensureTable } from '../../src/state/table.ts';
import type { ResourceStatus } from '../../src/state/types.ts';
import { ManualClock, tableName } from './dynamo.ts';

export interface FencingTarget {
  readonly client: DynamoDBClient;
  close(): Promise<void>;
}

const web = 'Service/shop/web';

function status(sync: ResourceStatus['sync'], appliedRevision: string): ResourceStatus {
  return {
    identity: web,
    sync,
    health: 'Healthy',
    conditions: [],
    appliedRevision,
    drift: [],
    observedAt: '2026-11-28T12:00:00.000Z',
    awsIds: { arn: 'arn:aws:ecs:us-east-1:123456789012:service/shop/web' },
  };
}

/** The same fencing cases against any DynamoDB implementation with the given fence mode. */
export function fencingSuite(name: string, start: () => Promise<FencingTarget>, fenceMode: FenceMode): void {
  // moto answers slowly on a loaded machine; nothing here is measured against time.
  describe(`fenced writes (${name}, ${fenceMode})`, { timeout: 30_000 }, () => {
    let target: FencingTarget;

    beforeAll(async () => {
      target = await start();
    }, 60_000);

    afterAll(async () => {
      await target?.close();
    });

    async function deposedLeader() {
      const table = tableName('fence');
      await ensureTable(target.client, table);
      const store = new StateStore({ client: target.client, table, fenceMode });
      // Two clocks: the old leader is paused (its clock does not move), so it still believes it leads.
      const oldClock = new ManualClock();
      const newClock = new ManualClock();
      const old = new LeaseManager({ client: target.client, table, holderId: 'old', clock: oldClock });
      const next = new LeaseManager({ client: target.client, table, holderId: 'new', clock: newClock });
      expect(await old.tryAcquireOrRenew()).toBe(true);
      const oldToken = old.fencingToken() ?? -1;

      await store.putStatus(status('Synced', 'rev-1'), oldToken);
      await store.recordEvent(
        { identity: web, at: '2026-11-28T12:00:00.000Z', type: 'Normal', reason: 'Created', message: '' },
        oldToken,
      );
      await store.updateOperator({ currentRevision: 'rev-1', leader: 'old' }, oldToken);
      await store.recordRevision(
        { id: 'rev-1', at: '2026-11-28T12:00:00.000Z', source: 'file://m', result: 'applied', errorCount: 0 },
        oldToken,
      );

      expect(await next.tryAcquireOrRenew()).toBe(false);
      newClock.advance(15_000);
      expect(await next.tryAcquireOrRenew()).toBe(true);
      const newToken = next.fencingToken() ?? -1;
      expect(newToken).toBeGreaterThan(oldToken);
      expect(old.isLeader()).toBe(true);
      return { store, oldToken, newToken };
    }

    async function snapshot(store: StateStore) {
      return {
        status: await store.getStatus(web),
        events: await store.listEvents(undefined, 10),
        operator: await store.getOperator(),
        revisions: await store.listRevisions(),
      };
    }

    it('refuses every kind of write from a deposed leader with FencedOut, and changes nothing', async () => {
      const { store, oldToken } = await deposedLeader();
      const before = await snapshot(store);
      expect(before.status?.appliedRevision).toBe('rev-1');

      const attempts = [
        () => store.putStatus(status('OutOfSync', 'rev-stale'), oldToken),
        () => store.deleteStatus(web, oldToken),
        () =>
          store.recordEvent(
            { identity: web, at: '2026-11-28T12:00:01.000Z', type: 'Warning', reason: 'Stale', message: '' },
            oldToken,
          ),
        () => store.updateOperator({ currentRevision: 'rev-stale', leader: 'old' }, oldToken),
        () =>
          store.recordRevision(
            {
              id: 'rev-stale',
              at: '2026-11-28T12:00:01.000Z',
              source: 'file://m',
              result: 'applied',
              errorCount: 0,
            },
            oldToken,
          ),
      ];
      for (const attempt of attempts) {
        const error = await attempt().then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(FencedOut);
        expect(error).toMatchObject({ code: 'FENCED_OUT', fencingToken: oldToken });
      }
      expect(await snapshot(store)).toEqual(before);
    });

    it('accepts the new leader writes, which the old token can then never overwrite', async () => {
      const { store, oldToken, newToken } = await deposedLeader();
      await store.putStatus(status('OutOfSync', 'rev-2'), newToken);
      await store.updateOperator({ currentRevision: 'rev-2', leader: 'new' }, newToken);
      await expect(store.putStatus(status('Synced', 'rev-1'), oldToken)).rejects.toBeInstanceOf(FencedOut);
      expect((await store.getStatus(web))?.appliedRevision).toBe('rev-2');
      expect((await store.getOperator()).leader).toBe('new');
    });

    it('refuses to overwrite an item that a newer token wrote, even where the lease check passes', async () => {
      const table = tableName('fence');
      await ensureTable(target.client, table);
      const store = new StateStore({ client: target.client, table, fenceMode });
      const lease = new LeaseManager({
        client: target.client,
        table,
        holderId: 'only',
        clock: new ManualClock(),
      });
      await lease.tryAcquireOrRenew();
      const token = lease.fencingToken() ?? -1;
      // As if a later leader had written it and the lease item had since been lost or restored.
      await target.client.send(
        new PutItemCommand({
          TableName: table,
          Item: {
            pk: { S: 'OPERATOR' },
            sk: { S: 'OPERATOR' },
            fence: { N: String(token + 5) },
            leader: { S: 'later' },
          },
        }),
      );
      await expect(store.updateOperator({ leader: 'only' }, token)).rejects.toBeInstanceOf(FencedOut);
      expect((await store.getOperator()).leader).toBe('later');
    });

    it('refuses a token when no lease was ever taken', async () => {
      const table = tableName('fence');
      await ensureTable(target.client, table);
      const store = new StateStore({ client: target.client, table, fenceMode });
      await expect(store.putStatus(status('Synced', 'rev-1'), 1)).rejects.toBeInstanceOf(FencedOut);
      expect(await store.getStatus(web)).toBeUndefined();
    });
  });
}
