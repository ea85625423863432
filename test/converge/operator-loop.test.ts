import { TagResourceCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Operator } from '../../src/converge/operator.ts';
import { defaultProviders } from '../../src/providers/all.ts';
import { ownershipFor } from '../../src/providers/ownership.ts';
import { ManualScheduler } from '../../src/reconcile/index.ts';
import { LeaseManager } from '../../src/state/index.ts';
import { type OperatorHarness, startOperatorHarness } from '../support/operator-harness.ts';

vi.setConfig({ testTimeout: 60_000 });

const cluster = (name: string, team = 'shop') =>
  `apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: ${name}, namespace: loop}\nspec:\n  tags: {team: ${team}}\n`;
const three = (team = 'shop') => ({
  'a.yaml': cluster('one'),
  'b.yaml': cluster('two'),
  'c.yaml': cluster('three', team),
});

let h: OperatorHarness;
beforeEach(async () => {
  h = await startOperatorHarness();
});
afterEach(async () => {
  await h.close();
});

const calls = (operation: string) => h.aws.stats.snapshot()[`ecs:${operation}`]?.ok ?? 0;

describe('the per-resource loop', () => {
  it('a new revision queues only what it changed, and reads at most that one resource', async () => {
    h.revisions.set(three());
    await h.converge();
    const before = h.reconciled.length;
    const reads = h.aws.stats.total((_, op) => /^(Describe|List|Get)/.test(op));
    h.revisions.set(three('payments'));
    await h.operator.onRevision();
    await h.drain();
    const after = h.reconciled.slice(before);
    expect(after.length).toBeGreaterThan(0);
    expect(new Set(after)).toEqual(new Set(['Cluster/loop/three']));
    expect(calls('TagResource')).toBe(1);
    // The update, then one look to verify it; no listing of anything.
    expect(h.aws.stats.total((_, op) => /^(Describe|List|Get)/.test(op)) - reads).toBeLessThanOrEqual(2);
    expect(calls('ListClusters')).toBe(h.operator.activity.count('resyncs'));
  });

  it('a drift scan runs while a resync is stuck in its listing: neither waits for the other', async () => {
    h.revisions.set(three());
    await h.converge();
    await h.control.addFault({ action: 'efs:DescribeFileSystems', latencyMs: 2_000 });
    const resyncs = h.operator.activity.count('resyncs');
    const resync = h.operator.resync({ spread: false });
    // A hand edit, found by a scan that finishes while the resync still waits for EFS.
    const two = (await h.store.getStatus('Cluster/loop/two'))?.awsIds.arn ?? '';
    await h.aws.ecs.send(
      new TagResourceCommand({ resourceArn: two, tags: [{ key: 'team', value: 'someone' }] }),
    );
    await h.operator.scan();
    expect(h.operator.activity.count('resyncs')).toBe(resyncs);
    await h.drain();
    expect(h.reconciled.slice(-2)).toContain('Cluster/loop/two');
    expect(h.operator.activity.count('resyncs')).toBe(resyncs);
    await resync;
    expect(h.operator.activity.count('resyncs')).toBe(resyncs + 1);
    await h.control.clearFaults();
  });

  it('stops its timers and looks at nothing more once stopped', async () => {
    h.revisions.set(three());
    await h.converge();
    await h.operator.stop();
    expect(h.scheduler.pending).toBe(0);
    const reads = h.aws.stats.total();
    await h.operator.resync();
    await h.operator.scan();
    expect(h.aws.stats.total()).toBe(reads);
  });

  it('a replica that takes over leadership lists once and serves every status', async () => {
    h.revisions.set(three());
    await h.converge();
    const statuses = await h.store.listStatuses();
    expect(statuses).toHaveLength(3);
    await h.operator.stop();
    await h.lease.release();
    // A second replica on the same table: it follows until the lease is free, then leads.
    const lease = new LeaseManager({
      client: h.dynamo,
      table: h.table,
      holderId: 'replica-b',
      clock: { now: () => h.scheduler.now() },
    });
    const scheduler = new ManualScheduler(h.scheduler.now());
    const successor = new Operator({
      providers: defaultProviders(),
      base: { aws: h.aws, ownership: ownershipFor('test') },
      store: h.store,
      leader: lease,
      revisions: h.revisions,
      scheduler,
    });
    successor.start();
    await successor.checkLeadership();
    expect(successor.leading).toBe(false);
    const reads = h.aws.stats.total();
    await lease.tryAcquireOrRenew();
    await successor.checkLeadership();
    expect(successor.leading).toBe(true);
    expect(successor.activity.count('resyncs')).toBe(1);
    for (let spin = 0; spin < 200 && !successor.idle; spin += 1) await new Promise((r) => setTimeout(r, 10));
    expect(
      successor
        .statuses()
        .map((s) => s.identity)
        .sort(),
    ).toEqual(['Cluster/loop/one', 'Cluster/loop/three', 'Cluster/loop/two']);
    expect(successor.statuses().every((s) => s.sync === 'Synced')).toBe(true);
    expect(calls('ListClusters')).toBeGreaterThan(0);
    expect(h.aws.stats.total() - reads).toBeGreaterThan(0);
    await successor.stop();
  });
});
