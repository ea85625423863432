import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LocalAws, startLocalAws } from '../../src/local/aws.ts';
import { type Tools, toolsFor, waitFor } from '../faults/cluster-tools.ts';
import { type Replica, startReplica } from '../faults/replica-process.ts';
import { resourceCount, type WorkloadShape, workloadFiles } from '../faults/workload.ts';
import { type HttpReceiver, startReceiver } from './http-receiver.ts';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 60_000 });

const BUCKET = 'manifests';
const TABLE = 'notify-state';
const shape = (desiredCount: number): WorkloadShape => ({
  namespace: 'notify',
  clusters: 1,
  servicesPerCluster: 3,
  targetGroups: 1,
  desiredCount,
});

let local: LocalAws;
let tools: Tools;
let receiver: HttpReceiver;
let replica: Replica | undefined;

beforeAll(async () => {
  [local, receiver] = await Promise.all([
    startLocalAws({ clock: 'real', buckets: [BUCKET] }),
    startReceiver(),
  ]);
  tools = toolsFor(local);
});
afterAll(async () => {
  await replica?.kill('SIGKILL');
  tools?.close();
  await receiver?.close();
  await local?.close();
});

const start = () =>
  startReplica(local, {
    replicaId: 'notifying',
    source: `s3://${BUCKET}/live/`,
    stateTable: TABLE,
    instance: 'notify-test',
    leaseDurationSeconds: 3,
    leaseRenewDeadlineSeconds: 2,
    leaseRetrySeconds: 1,
    notifications: [
      {
        type: 'webhook',
        name: 'hook',
        url: `${receiver.url}/hook`,
        secret: 'failover-secret-0123456789',
        maxPerMinute: 1_000,
        maxAttempts: 20,
      },
    ],
  });

const converged = async (desiredCount: number) => {
  const statuses = await tools.store(TABLE).listStatuses();
  return statuses.length === resourceCount(shape(desiredCount)) && statuses.every((s) => s.sync === 'Synced');
};

/** `<at> <identity> <reason>` of each notification the receiver accepted. */
const accepted = () =>
  receiver.accepted().map((request) => {
    const body = JSON.parse(request.body) as { at: string; identity: string; reason: string };
    return `${body.at} ${body.identity} ${body.reason}`;
  });

describe('notifications across a kill -9 of the leader', () => {
  it('the next leader delivers what was left, and nothing twice', async () => {
    let refusing = false;
    receiver.answer = () => (refusing ? 503 : 200);
    await tools.commit(BUCKET, 'live/', workloadFiles(shape(1)));
    replica = await start();
    await waitFor('the first revision converged', () => converged(1), 90_000);

    // The receiver goes down; a change of every service brings drift, then its healing.
    refusing = true;
    await tools.commit(BUCKET, 'live/', workloadFiles(shape(2)));
    const store = tools.store(TABLE);
    await waitFor('drift and healing of every service waiting in the outbox', async () => {
      const reasons = (await store.listOutbox()).map((entry) => entry.reason);
      return (
        reasons.filter((reason) => reason === 'DriftDetected').length >= 3 &&
        reasons.filter((reason) => reason === 'Healed').length >= 3
      );
    });
    const waiting = (await store.listOutbox()).map(
      (entry) => `${entry.at} ${entry.identity} ${entry.reason}`,
    );
    await replica.kill('SIGKILL');

    refusing = false;
    replica = await start();
    await waitFor(
      'the outbox emptied by the new leader',
      async () => (await store.listOutbox()).length === 0,
    );
    await waitFor('the second revision converged', () => converged(2), 90_000);

    const delivered = accepted();
    // Nothing lost: what waited at the kill, and every notifiable event kept, was delivered.
    expect(delivered).toEqual(expect.arrayContaining(waiting));
    const notifiable = (await store.listEvents(undefined, 1_000))
      .filter((event) => ['DriftDetected', 'Degraded', 'Recovered', 'RolledBack'].includes(event.reason))
      .map((event) => `${event.at} ${event.identity} ${event.reason}`);
    expect(notifiable.length).toBeGreaterThanOrEqual(3);
    expect(delivered).toEqual(expect.arrayContaining(notifiable));
    // Nothing twice: each delivery id was accepted once.
    const ids = receiver.accepted().map((request) => String(request.headers['x-shipshape-delivery']));
    expect(ids.length).toBe(new Set(ids).size);
    const log = await store.listDeliveries(1_000);
    expect(log.filter((entry) => entry.outcome === 'failed')).toEqual([]);
  });
});
