import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Operator } from '../../src/converge/operator.ts';
import type { BlueGreenStack } from '../emulator/ecs-rollouts-fixtures.ts';
import { weightsOf } from '../emulator/ecs-rollouts-fixtures.ts';
import { type OperatorHarness, startOperatorHarness } from '../support/operator-harness.ts';
import { workUntil } from '../support/work-until.ts';
import {
  cluster,
  continues,
  latest,
  pausedAtGate,
  SERVICE,
  service,
  stackOf,
  task,
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

const files = (image: string) => ({
  'c.yaml': cluster,
  't.yaml': task(image),
  's.yaml': service(stack, 'checks: [{manual: {}}]'),
});

/** The operator killed while the rollout is paused, and a new one (a new process) started on the same state. */
async function restarted(): Promise<Operator> {
  const { operator } = await h.successor();
  return operator;
}

const until = (operator: Operator, done: () => Promise<boolean>): Promise<boolean> =>
  workUntil(h, done, { operator });

describe('rollout gate across a restart', () => {
  it('a new operator takes up the paused gate: a promote continues it exactly once', async () => {
    await pausedAtGate(h, files);
    const operator = await restarted();
    expect(operator.leading).toBe(true);
    expect(await operator.decideRollout(SERVICE, 'promote')).toMatchObject({ done: true });
    expect(await until(operator, async () => (await latest(h))?.status === 'SUCCESSFUL')).toBe(true);
    expect(continues(h)).toBe(1);
    expect(await weightsOf(h.aws.elbv2, stack.productionRule)).toEqual({
      [stack.blue]: 0,
      [stack.green]: 100,
    });
  });

  it('a decision kept but not sent before the kill is sent once, and not again after', async () => {
    await pausedAtGate(h, files);
    await h.operator.stop();
    // What a kill -9 between keeping the decision and calling ECS leaves in the state table.
    const status = await h.store.getStatus(SERVICE);
    const gate = JSON.parse(status?.awsIds.rolloutGate ?? '{}');
    const kept = { ...gate, manual: 'promote', decision: 'CONTINUE', why: 'passed' };
    const token = h.lease.fencingToken();
    if (status === undefined || token === undefined) throw new Error('no status or lease');
    await h.store.putStatus(
      { ...status, awsIds: { ...status.awsIds, rolloutGate: JSON.stringify(kept) } },
      token,
    );

    const operator = await restarted();
    expect(await until(operator, async () => (await latest(h))?.status === 'SUCCESSFUL')).toBe(true);
    expect(continues(h)).toBe(1);
    // Another restart after ECS took it: nothing is sent again.
    await operator.stop();
    const third = await restarted();
    expect(await until(third, async () => third.leading && third.idle)).toBe(true);
    expect(continues(h)).toBe(1);
  });
});
