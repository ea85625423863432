import { setTimeout as sleep } from 'node:timers/promises';
import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { fleet } from './fleet.ts';
import { startOperatorRig } from './operator-rig.ts';
import { type BenchResult, percentile } from './results.ts';
import { clientsFor, seed, startWorld } from './world.ts';

export const DRIFT_SCAN_MS = 2_000;
const SERVICES = 50;

/** 3. A hand edit (desiredCount changed behind Shipshape's back) to the operator's revert, against the scan interval. */
export async function driftRevert(edits: number): Promise<BenchResult> {
  const world = await startWorld({ throttling: true, rateLimited: true });
  const rig = await startOperatorRig(world, { driftScanMs: DRIFT_SCAN_MS, resyncMs: 10 * 60_000 });
  const hand = clientsFor(world.emulator.endpoint);
  try {
    const { revision } = fleet({ services: SERVICES, clusters: 10, namespaces: 4, withNetworking: false });
    await seed(world, revision);
    rig.revisions.set(revision);
    rig.operator.start();
    while (!rig.operator.ready) await sleep(50);
    const reverts = () => world.aws.stats.snapshot()['ecs:UpdateService']?.ok ?? 0;
    const latencies: number[] = [];
    let missed = 0;
    for (let i = 0; i < edits; i += 1) {
      const index = (i * 7) % SERVICES;
      const before = reverts();
      await hand.ecs.send(
        new UpdateServiceCommand({
          cluster: `cluster-${index % 10}`,
          service: `svc-${index}`,
          desiredCount: 3,
        }),
      );
      const edited = performance.now();
      while (reverts() === before && performance.now() - edited < 10 * DRIFT_SCAN_MS) await sleep(10);
      if (reverts() === before) missed += 1;
      else latencies.push(performance.now() - edited);
      // Lands the next edit at another point of the scan cycle.
      await sleep(100 + ((i * 613) % DRIFT_SCAN_MS));
    }
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    return {
      figures: [
        {
          bench: '3 edit to revert',
          figure: `p50 over ${latencies.length} edits`,
          measured: p50,
          unit: 'ms',
          reference: DRIFT_SCAN_MS,
          referenceLabel: 'scan interval',
          note: `missed=${missed}`,
        },
        {
          bench: '3 edit to revert',
          figure: `p95 over ${latencies.length} edits`,
          measured: p95,
          unit: 'ms',
          reference: DRIFT_SCAN_MS,
          referenceLabel: 'scan interval',
        },
      ],
      details: { latencies, missed, driftScanMs: DRIFT_SCAN_MS, services: SERVICES },
    };
  } finally {
    hand.destroy();
    await rig.close();
    await world.close();
  }
}
