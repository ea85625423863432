import { setTimeout as sleep } from 'node:timers/promises';
import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import type { AwsClients } from '../src/aws/clients.ts';

/**
 * Sets service `svc-<index>` (in `cluster-<index mod 10>`) to 3 tasks behind Shipshape's back and
 * times it to the revert: until `reverts` (successful UpdateService calls, counted from just after
 * the edit) moves. Infinity when it does not within `timeoutMs`.
 */
export async function editAndTimeRevert(
  hand: AwsClients,
  index: number,
  reverts: () => number,
  timeoutMs: number,
): Promise<number> {
  await hand.ecs.send(
    new UpdateServiceCommand({ cluster: `cluster-${index % 10}`, service: `svc-${index}`, desiredCount: 3 }),
  );
  const edited = performance.now();
  const before = reverts();
  while (reverts() === before && performance.now() - edited < timeoutMs) await sleep(10);
  return reverts() === before ? Number.POSITIVE_INFINITY : performance.now() - edited;
}
