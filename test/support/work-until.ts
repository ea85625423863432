import type { Operator } from '../../src/converge/operator.ts';
import { settle } from '../../src/reconcile/index.ts';
import type { OperatorHarness } from './operator-harness.ts';

/** Lets the operator's workers finish what is queued now (simulated time stands still). */
export async function settled(operator: Operator): Promise<void> {
  await settle();
  while (!operator.settled) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    await settle();
  }
}

export interface WorkUntilOptions {
  /** Simulated time between looks at `done`. Default 5 s. */
  readonly stepMs?: number;
  /** Simulated time after which `done` is asked a last time. Default 15 minutes. */
  readonly limitMs?: number;
  /** The operator to let work: the harness's own, or a successor. */
  readonly operator?: Operator;
}

/** Works and lets simulated time pass, a step at a time, until `done` holds or the limit has passed. */
export async function workUntil(
  h: OperatorHarness,
  done: () => Promise<boolean>,
  options: WorkUntilOptions = {},
): Promise<boolean> {
  const { stepMs = 5_000, limitMs = 900_000 } = options;
  const operator = () => options.operator ?? h.operator;
  for (let waited = 0; waited < limitMs; waited += stepMs) {
    await settled(operator());
    if (await done()) return true;
    await h.wait(stepMs);
  }
  await settled(operator());
  return done();
}
