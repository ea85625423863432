import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LocalAws, startLocalAws } from '../../src/local/aws.ts';
import { type Tools, toolsFor, waitFor } from './cluster-tools.ts';
import { type Replica, startReplica, writesOf } from './replica-process.ts';
import {
  expectedInventory,
  liveInventory,
  resourceCount,
  type WorkloadShape,
  workloadFiles,
} from './workload.ts';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 60_000 });

const BUCKET = 'manifests';
const TABLE = 'leader-state';
const LEASE_SECONDS = 3;
const shape = (desiredCount: number): WorkloadShape => ({
  namespace: 'lead',
  clusters: 2,
  servicesPerCluster: 4,
  targetGroups: 2,
  desiredCount,
});

let local: LocalAws;
let tools: Tools;
const replicas: Replica[] = [];

beforeAll(async () => {
  local = await startLocalAws({ clock: 'real', buckets: [BUCKET] });
  tools = toolsFor(local);
});
afterAll(async () => {
  for (const replica of replicas) {
    if (replica.child.signalCode === 'SIGSTOP') replica.child.kill('SIGCONT');
    await replica.kill('SIGKILL');
  }
  tools?.close();
  await local?.close();
});

const start = async (replicaId: string) => {
  const replica = await startReplica(local, {
    replicaId,
    source: `s3://${BUCKET}/live/`,
    stateTable: TABLE,
    instance: 'leader-test',
    leaseDurationSeconds: LEASE_SECONDS,
    leaseRenewDeadlineSeconds: 2,
    leaseRetrySeconds: 1,
  });
  replicas.push(replica);
  return replica;
};

const converged = async (desiredCount: number) =>
  waitFor(`the workload at desiredCount ${desiredCount}`, async () => {
    if (!isDeepStrictEqual(await liveInventory(tools.aws), expectedInventory(shape(desiredCount))))
      return false;
    const statuses = await tools.store(TABLE).listStatuses();
    return (
      statuses.length === resourceCount(shape(desiredCount)) && statuses.every((s) => s.sync === 'Synced')
    );
  });

/** Resolves once `replica` has completed `count` more resyncs than now. */
async function resyncs(replica: Replica, count: number): Promise<void> {
  const from = await replica.looks('resync');
  await waitFor(
    `${count} more resyncs of ${replica.id}`,
    async () => (await replica.looks('resync')) >= from + count,
  );
}

describe('two replicas on one table', () => {
  let a: Replica;
  let b: Replica;

  it('only the leader writes', async () => {
    await tools.commit(BUCKET, 'live/', workloadFiles(shape(1)));
    a = await start('replica-a');
    await waitFor('a to lead', () => a.isLeader());
    b = await start('replica-b');
    await converged(1);
    // Two more resyncs of the leader's with both running: the follower made no AWS call at all.
    await resyncs(a, 2);
    expect(await b.isLeader()).toBe(false);
    expect(await b.awsCalls()).toEqual({});
    expect(await b.looks('resync')).toBe(0);
    expect(writesOf(await a.awsCalls())).toBeGreaterThanOrEqual(resourceCount(shape(1)));
  });

  it('the leader paused past its lease is deposed and, resumed, writes nothing', async () => {
    const before = writesOf(await a.awsCalls());
    a.child.kill('SIGSTOP');
    // Bounded by three lease durations: the follower must acquire once the lease has expired.
    await waitFor('b to take over', () => b.isLeader(), 3 * LEASE_SECONDS * 1_000 + 5_000);
    await tools.commit(BUCKET, 'live/', workloadFiles(shape(2)));
    await converged(2);
    // Resumed: it finds its lease gone; meanwhile the new revision is in the bucket for it to see.
    a.child.kill('SIGCONT');
    await waitFor('a to answer again', async () => (await a.isLeader()) === false);
    // Two of the new leader's resyncs while the old one runs: it wrote nothing.
    await resyncs(b, 2);
    expect(await a.isLeader()).toBe(false);
    expect(writesOf(await a.awsCalls())).toBe(before);
    expect(await b.isLeader()).toBe(true);
  });

  it('kill -9 of the leader: the other takes over and converges, with no duplicate', async () => {
    await b.kill('SIGKILL');
    await waitFor('a to take over', () => a.isLeader(), 3 * LEASE_SECONDS * 1_000 + 5_000);
    await tools.commit(BUCKET, 'live/', workloadFiles(shape(3)));
    await converged(3);
    expect(await liveInventory(tools.aws)).toEqual(expectedInventory(shape(3)));
  });
});
