import { setTimeout as sleep } from 'node:timers/promises';
import { apiGroupOf, rateOf } from '../src/aws/rates.ts';
import { inCreateOrder } from '../src/converge/ordered.ts';
import { plan } from '../src/converge/plan.ts';
import { ownershipFor } from '../src/providers/ownership.ts';
import { type FleetShape, fleet } from './fleet.ts';
import { startOperatorRig } from './operator-rig.ts';
import type { BenchResult, Figure } from './results.ts';
import { clientsFor, INSTANCE, startWorld } from './world.ts';

/** The share of AWS's rates Shipshape's token buckets use in this bench (production default 0.5). */
export const COLD_SHARE = 0.5;

/** Calls a cold start must make, per operation: one create per resource (the task definitions register once). */
function writesNeeded(shape: FleetShape): Record<string, number> {
  return {
    'ecs:CreateCluster': shape.clusters,
    'ecs:RegisterTaskDefinition': shape.clusters,
    'ecs:CreateService': shape.services,
  };
}

/** For each API group, calls over its sustained rate at the configured share; the floor is the largest. */
export function rateFloorSeconds(
  calls: Record<string, number>,
  share: number,
): { group: string; seconds: number }[] {
  const byGroup = new Map<string, number>();
  for (const [key, count] of Object.entries(calls)) {
    const [service = '', operation = ''] = key.split(':');
    const group = `${service}:${apiGroupOf(service, operation)}`;
    byGroup.set(group, (byGroup.get(group) ?? 0) + count);
  }
  return [...byGroup]
    .map(([group, count]) => {
      const [service = '', name = ''] = group.split(':');
      const rate = rateOf(service, name);
      // The burst is spent at once; the rest waits for the refill.
      const burst = Math.max(1, Math.floor(rate.burst * share));
      return { group, seconds: Math.max(0, count - burst) / (rate.sustained * share) };
    })
    .sort((a, b) => b.seconds - a.seconds);
}

async function createdServices(control: { requests(): Promise<Record<string, Record<string, number>>> }) {
  const counts = await control.requests();
  return counts['ecs:CreateService']?.ok ?? 0;
}

/** Cold convergence: wall time from an empty account to every service created, against the rate floor. */
export async function coldConverge(services: number): Promise<BenchResult> {
  const shape: FleetShape = { services, clusters: 10, namespaces: 4, withNetworking: false };
  const world = await startWorld({ throttling: true, rateLimited: true, share: COLD_SHARE });
  const rig = await startOperatorRig(world, { workers: 8 });
  try {
    const { revision } = fleet(shape);
    rig.revisions.set(revision);
    const started = performance.now();
    rig.operator.start();
    const deadline = started + 20 * 60_000;
    while ((await createdServices(world.control)) < services && performance.now() < deadline)
      await sleep(250);
    const seconds = (performance.now() - started) / 1000;
    const stats = world.aws.stats.snapshot();
    const calls: Record<string, number> = {};
    for (const [key, c] of Object.entries(stats)) calls[key] = c.ok + c.error + c.throttled;
    const throttled = Object.values(stats).reduce((a, c) => a + c.throttled, 0);
    const floors = rateFloorSeconds(writesNeeded(shape), COLD_SHARE);
    const floor = floors[0] ?? { group: 'none', seconds: 0 };

    // Correctness: a plan with throttling off finds nothing left to create.
    await world.control.setThrottling(false);
    const check = clientsFor(world.emulator.endpoint);
    const after = await plan(
      inCreateOrder(revision),
      world.providers,
      { aws: check, ownership: ownershipFor(INSTANCE) },
      { prune: false },
    );
    check.destroy();
    const left = after.plan.changes.filter((c) => c.action === 'create').length;
    const figures: Figure[] = [
      {
        id: 'cold-converge.seconds',
        bench: 'cold-converge',
        figure: `wall time to ${services} services created`,
        measured: seconds,
        unit: 's',
        reference: floor.seconds,
        referenceLabel: `floor: ${floor.group} at share ${COLD_SHARE}`,
        goal: { max: 1.1 * floor.seconds, label: '<= 1.1x the rate floor' },
        note: `throttled=${throttled}, creates left=${left}`,
      },
    ];
    return { figures, details: { shape, seconds, floors, calls, throttled, createsLeft: left } };
  } finally {
    await world.close();
    await rig.close().catch(() => undefined);
  }
}
