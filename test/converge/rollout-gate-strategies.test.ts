import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BlueGreenStack } from '../emulator/ecs-rollouts-fixtures.ts';
import { weightsOf } from '../emulator/ecs-rollouts-fixtures.ts';
import { type OperatorHarness, startOperatorHarness } from '../support/operator-harness.ts';
import {
  cluster,
  continues,
  gateCondition,
  latest,
  pausedAtGate,
  SERVICE,
  service,
  stackOf,
  task,
  until,
} from './rollout-gate-fixtures.ts';

vi.setConfig({ testTimeout: 240_000 });

let h: OperatorHarness;
let stack: BlueGreenStack;
beforeEach(async () => {
  h = await startOperatorHarness();
  stack = await stackOf(h);
});
afterEach(async () => {
  await h.close();
});

const LINEAR = 'strategy: LINEAR\nlinearConfiguration: {stepPercent: 25, stepBakeTimeInMinutes: 1}';
const CANARY = 'strategy: CANARY\ncanaryConfiguration: {canaryPercent: 10, canaryBakeTimeInMinutes: 2}';

// The hook sits at POST_TEST_TRAFFIC_SHIFT, a stage the emulator enters once for every strategy;
// PRE_PRODUCTION_TRAFFIC_SHIFT is entered again before each LINEAR/CANARY traffic step.
const files = (strategy: string) => (image: string) => ({
  'c.yaml': cluster,
  't.yaml': task(image),
  's.yaml': service(stack, 'checks: [{manual: {}}]', undefined, strategy),
});

/** The production rule's weight on the green target group; throws if the two weights do not add up to 100. */
async function greenWeight(): Promise<number> {
  const weights = await weightsOf(h.aws.elbv2, stack.productionRule);
  const green = weights[stack.green] ?? 0;
  if ((weights[stack.blue] ?? 0) + green !== 100) throw new Error(`weights: ${JSON.stringify(weights)}`);
  return green;
}

/** Lets time pass until the deployment is SUCCESSFUL, noting each new production weight of green on the way. */
async function stepsToSuccess(): Promise<number[]> {
  const seen = [await greenWeight()];
  const done = await until(h, async () => {
    const green = await greenWeight();
    if (seen.at(-1) !== green) seen.push(green);
    return (await latest(h))?.status === 'SUCCESSFUL';
  });
  if (!done) throw new Error(`not SUCCESSFUL: ${JSON.stringify(await latest(h))}; weights so far ${seen}`);
  return seen;
}

describe.each([
  { name: 'LINEAR', strategy: LINEAR, steps: [0, 25, 50, 75, 100] },
  { name: 'CANARY', strategy: CANARY, steps: [0, 10, 100] },
])('rollout gate on a $name deployment', ({ name, strategy, steps }) => {
  it('waits at the PAUSE hook with no production traffic on green, and a promote steps traffic to 0/100', async () => {
    await pausedAtGate(h, files(strategy));
    const condition = gateCondition(await h.store.getStatus(SERVICE));
    expect(condition).toMatchObject({ status: 'True', reason: 'AwaitingApproval' });
    expect(condition?.message).toMatch(
      new RegExp(`${name} .* at POST_TEST_TRAFFIC_SHIFT .*manual \\[pending\\]`),
    );
    expect(await latest(h)).toMatchObject({
      status: 'IN_PROGRESS',
      lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT',
    });
    expect(await weightsOf(h.aws.elbv2, stack.productionRule)).toEqual({
      [stack.blue]: 100,
      [stack.green]: 0,
    });
    expect(continues(h)).toBe(0);

    expect(await h.operator.decideRollout(SERVICE, 'promote')).toMatchObject({
      done: true,
      stage: 'POST_TEST_TRAFFIC_SHIFT',
    });
    expect(await stepsToSuccess()).toEqual(steps);
    expect(await weightsOf(h.aws.elbv2, stack.productionRule)).toEqual({
      [stack.blue]: 0,
      [stack.green]: 100,
    });
    expect(continues(h)).toBe(1);
    expect(gateCondition(await h.store.getStatus(SERVICE))).toMatchObject({
      status: 'False',
      reason: 'Continued',
    });
  });
});

describe('rollout gate abort on a CANARY deployment', () => {
  it('rolls back before any production traffic moved: ROLLBACK_SUCCESSFUL, blue keeps 100', async () => {
    await pausedAtGate(h, files(CANARY));
    expect(await h.operator.decideRollout(SERVICE, 'abort')).toMatchObject({ done: true });
    expect(await until(h, async () => (await latest(h))?.status === 'ROLLBACK_SUCCESSFUL')).toBe(true);
    expect(continues(h)).toBe(1);
    expect(await weightsOf(h.aws.elbv2, stack.productionRule)).toEqual({
      [stack.blue]: 100,
      [stack.green]: 0,
    });
    expect(await weightsOf(h.aws.elbv2, stack.testRule)).toEqual({ [stack.blue]: 100, [stack.green]: 0 });
    expect(gateCondition(await h.store.getStatus(SERVICE))).toMatchObject({
      status: 'False',
      reason: 'RolledBack',
    });
  });
});
