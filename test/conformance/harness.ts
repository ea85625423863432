import { afterAll, beforeAll, describe } from 'vitest';
import type { Availability, RunningTarget, TargetSpec } from './target.ts';
import { emulatorTarget } from './targets/emulator.ts';
import { localstackTarget } from './targets/localstack.ts';
import { motoTarget } from './targets/moto.ts';

export const TARGETS: readonly TargetSpec[] = [emulatorTarget, motoTarget, localstackTarget];

// Known before any suite is collected, so an unavailable target's block is skipped as a whole.
const availability = new Map<TargetSpec, Availability>(
  await Promise.all(TARGETS.map(async (spec) => [spec, await spec.available()] as const)),
);
for (const [spec, available] of availability) {
  if (!available.ok) console.warn(`[conformance] ${spec.name} skipped: ${available.reason}`);
}

/**
 * Runs a conformance suite once per target, in a describe block named after the target. The target
 * is started before the block's tests and stopped after them; an unavailable target's block is
 * skipped, with the reason in its name and on the console. Inside, guard each test with
 * `it.skipIf(!spec.supports('ecs:CreateCluster'))`, and call target() only inside tests and hooks.
 */
export function forEachTarget(suite: (spec: TargetSpec, target: () => RunningTarget) => void): void {
  for (const spec of TARGETS) {
    const available = availability.get(spec) ?? { ok: false, reason: 'not checked' };
    const title = available.ok ? spec.name : `${spec.name} (skipped: ${available.reason})`;
    describe.skipIf(!available.ok)(title, () => {
      let running: RunningTarget | undefined;
      beforeAll(async () => {
        running = await spec.start();
      });
      afterAll(async () => {
        await running?.close();
      });
      suite(spec, () => {
        if (running === undefined) throw new Error(`the ${spec.name} target is not running (yet)`);
        return running;
      });
    });
  }
}
