import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type OperatorHarness, startOperatorHarness } from '../support/operator-harness.ts';
import {
  expectedInventory,
  liveInventory,
  resourceCount,
  type WorkloadShape,
  workloadFiles,
} from './workload.ts';

vi.setConfig({ testTimeout: 150_000, hookTimeout: 30_000 });

const SHAPE: WorkloadShape = { namespace: 'flaky', clusters: 3, servicesPerCluster: 100, targetGroups: 5 };

let h: OperatorHarness;
beforeAll(async () => {
  // A pass observes everything at once: with one attempt per call and a fifth of calls failing,
  // nearly every observation of 300 services would fail. Five SDK attempts let most through.
  h = await startOperatorHarness({ workers: 16 }, { maxAttempts: 5 });
});
afterAll(async () => {
  await h?.close();
});

/** The harness's converge() trusts an empty plan, which a failed observation also gives: wait for the statuses instead. */
async function convergeThroughFaults(): Promise<void> {
  h.operator.start();
  await h.operator.checkLeadership();
  await h.operator.onRevision();
  for (let round = 0; round < 150; round += 1) {
    await h.operator.resync({ spread: false });
    await h.drain();
    const statuses = await h.store.listStatuses().catch(() => []);
    const synced = statuses.filter((s) => s.sync === 'Synced').length;
    const plan = h.operator.lastPlan().changes;
    if (
      synced === resourceCount(SHAPE) &&
      plan.length === resourceCount(SHAPE) &&
      plan.every((c) => c.action === 'noop')
    )
      return;
    await h.wait(5_000);
  }
  throw new Error('did not converge in 150 passes');
}

describe('300 services while a fifth of AWS calls fail', () => {
  it('converges to the exact end state: each resource once, none extra', async () => {
    await h.control.seedFaults(20);
    await h.control.addFault({ action: '*', errorRate: 0.08, throttleRate: 0.07, timeoutRate: 0.05 });
    h.revisions.set(workloadFiles(SHAPE));
    await convergeThroughFaults();

    // The faults really blew: about a fifth of the requests AWS saw were refused or dropped...
    const seen = Object.values(h.emulator.emulator.requests.snapshot());
    const refused = seen.reduce((sum, c) => sum + c.fault + c.throttled, 0);
    const requests = seen.reduce((sum, c) => sum + c.ok + c.error + c.fault + c.throttled, 0);
    expect(refused / requests).toBeGreaterThan(0.15);
    expect(refused / requests).toBeLessThan(0.25);
    // ...and some got past the SDK's retries to the loop's own.
    const calls = h.aws.stats.snapshot();
    expect(Object.values(calls).reduce((sum, c) => sum + c.error + c.throttled, 0)).toBeGreaterThan(0);

    await h.control.clearFaults();
    expect(await liveInventory(h.aws)).toEqual(expectedInventory(SHAPE));
    const statuses = await h.store.listStatuses();
    expect(statuses).toHaveLength(resourceCount(SHAPE));
    expect(statuses.filter((s) => s.sync !== 'Synced').map((s) => s.identity)).toEqual([]);
    // Repeated creates are answered by AWS with the resource already made (name or client token);
    // a task definition revision is not, so a second registration would be an orphan revision.
    const done = h.emulator.emulator.requests.snapshot();
    expect(done['ecs:RegisterTaskDefinition']?.ok).toBe(1);
  });
});
