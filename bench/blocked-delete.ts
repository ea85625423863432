import { setTimeout as sleep } from 'node:timers/promises';
import { COLD_SHARE, rateFloorSeconds } from './cold-converge.ts';
import { fleetFiles, load } from './fleet.ts';
import { startOperatorRig } from './operator-rig.ts';
import type { BenchResult } from './results.ts';
import { seed, startWorld } from './world.ts';

const SCALABLE_TARGET = `apiVersion: shipshape.dev/v1
kind: ScalableTarget
metadata: {name: svc-0, namespace: c0}
spec: {serviceRef: svc-0, minCapacity: 1, maxCapacity: 4}
`;
const ANCHOR =
  'apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: anchor, namespace: anchor}\nspec: {}\n';

/**
 * N services removed at once while one of them sits behind a delete that cannot finish (its
 * scalable target's deregistration is refused, a terminal error): the time until the other
 * N - 1 are deleted, against the rate floor of their DeleteService calls.
 */
export async function blockedDelete(services: number): Promise<BenchResult> {
  const world = await startWorld({ throttling: true, rateLimited: true, share: COLD_SHARE });
  const rig = await startOperatorRig(world, { workers: 8 });
  try {
    const files = {
      ...fleetFiles({ services, clusters: 10, namespaces: 4, withNetworking: false }),
      'anchor.yaml': ANCHOR,
    };
    const full = load({ ...files, 'c0/svc-0-scaling.yaml': SCALABLE_TARGET });
    await seed(world, full);
    rig.revisions.set(full);
    await rig.startLeading();
    await rig.settled();
    await world.control.addFault({
      action: 'autoscaling:DeregisterScalableTarget',
      error: { code: 'AccessDeniedException', message: 'not allowed to deregister', status: 400 },
      count: 1_000_000,
    });
    const deletes = () => world.aws.stats.snapshot()['ecs:DeleteService']?.ok ?? 0;
    const deregisters = () =>
      world.aws.stats.total((service, op) => service === 'autoscaling' && op === 'DeregisterScalableTarget');
    world.aws.stats.reset();
    // Everything but an anchor removed: more than the prune guard's share, so the removal is allowed by hand.
    rig.revisions.set(load({ 'anchor.yaml': ANCHOR }));
    const started = performance.now();
    await rig.operator.onRevision();
    await rig.operator.allowPrune();
    const deadline = started + 30 * 60_000;
    while (deletes() < services - 1 && performance.now() < deadline) await sleep(250);
    const seconds = (performance.now() - started) / 1000;
    const floor = rateFloorSeconds({ 'ecs:DeleteService': services - 1 }, COLD_SHARE)[0] ?? {
      group: '',
      seconds: 0,
    };
    const blocked = await rig.store.getStatus('Service/c0/svc-0');
    const target = await rig.store.getStatus('ScalableTarget/c0/svc-0');
    const held = blocked?.conditions.find((c) => c.type === 'WaitingForDeletes')?.message ?? '(none)';
    return {
      figures: [
        {
          id: 'blocked-delete.seconds',
          bench: 'blocked-delete',
          figure: `${services - 1} of ${services} services deleted, one behind a delete that cannot finish`,
          measured: seconds,
          unit: 's',
          reference: floor.seconds,
          referenceLabel: `floor: ${floor.group} at share ${COLD_SHARE}`,
          goal: { max: 1.1 * floor.seconds, label: '<= 1.1x the rate floor' },
          note: `deleted=${deletes()}, deregister attempts=${deregisters()}`,
        },
      ],
      details: {
        seconds,
        floor,
        deleted: deletes(),
        deregisterAttempts: deregisters(),
        blockedService: { sync: blocked?.sync, held },
        scalableTarget: { lastError: target?.lastError },
      },
    };
  } finally {
    await world.close();
    await rig.close().catch(() => undefined);
  }
}
