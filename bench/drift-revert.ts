import { setTimeout as sleep } from 'node:timers/promises';
import { PENDING_MS, PROVISIONING_MS, STABLE_AFTER_MS } from '../src/emulator/ecs/timing.ts';
import { fleet } from './fleet.ts';
import { editAndTimeRevert } from './hand-edit.ts';
import { startOperatorRig } from './operator-rig.ts';
import { type BenchResult, percentile } from './results.ts';
import { clientsFor, seed, startWorld } from './world.ts';

/** At the production share (0.5), a drift scan of 1,000 services (100 DescribeServices at 10/s) fits in 10 s. */
export const REVERT_SCAN_MS = 10_000;

/** A hand edit (desiredCount changed behind Shipshape's back) to the operator's revert, against the scan interval. */
export async function driftRevert(services: number, edits: number): Promise<BenchResult> {
  const world = await startWorld({ throttling: true, rateLimited: true });
  // The production resync (60 s) runs alongside: the scan must not wait behind it.
  const rig = await startOperatorRig(world, { driftScanMs: REVERT_SCAN_MS, resyncMs: 60_000 });
  const hand = clientsFor(world.emulator.endpoint);
  try {
    const { revision } = fleet({ services, clusters: 10, namespaces: 4, withNetworking: false });
    await seed(world, revision);
    // Steady state first: services still starting change at every scan and would queue ahead of the edit.
    await sleep(PROVISIONING_MS + PENDING_MS + STABLE_AFTER_MS + 1_000);
    rig.revisions.set(revision);
    await rig.startLeading();
    await rig.settled();
    const reverts = () => world.aws.stats.snapshot()['ecs:UpdateService']?.ok ?? 0;
    const latencies: number[] = [];
    let missed = 0;
    for (let i = 0; i < edits; i += 1) {
      const latency = await editAndTimeRevert(hand, (i * 397) % services, reverts, 4 * REVERT_SCAN_MS);
      // A missed edit counts as never reverted.
      if (latency === Number.POSITIVE_INFINITY) missed += 1;
      latencies.push(latency);
      // Lands the next edit at another point of the scan cycle.
      await sleep(100 + ((i * 613) % REVERT_SCAN_MS));
    }
    const goal = { max: REVERT_SCAN_MS + 1_000, label: '<= scan interval + 1 s' };
    return {
      figures: [50, 95].map((p) => ({
        id: `revert.p${p}`,
        bench: 'revert',
        figure: `hand edit to revert, p${p} over ${edits} edits, ${services} services`,
        measured: percentile(latencies, p),
        unit: 'ms',
        reference: REVERT_SCAN_MS,
        referenceLabel: 'scan interval',
        ...(p === 95 ? { goal } : {}),
        note: `missed=${missed}`,
      })),
      details: { latencies, missed, driftScanMs: REVERT_SCAN_MS, services },
    };
  } finally {
    hand.destroy();
    await rig.close();
    await world.close();
  }
}
