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

const manual = (extra = '') => `checks: [{manual: {}}]${extra}`;
const files = (gate: string) => (image: string) => ({
  'c.yaml': cluster,
  't.yaml': task(image),
  's.yaml': service(stack, gate),
});
const reasons = async () => (await h.store.listEvents(SERVICE, 100)).map((event) => event.reason);

describe('rollout gate with a manual check', () => {
  it('waits at the PAUSE hook, and a promote continues the deployment to 100/0', async () => {
    await pausedAtGate(h, files(manual()));
    const status = await h.store.getStatus(SERVICE);
    expect(gateCondition(status)).toMatchObject({ status: 'True', reason: 'AwaitingApproval' });
    expect(gateCondition(status)?.message).toMatch(
      /BLUE_GREEN .* at POST_TEST_TRAFFIC_SHIFT .*manual \[pending\]/,
    );
    expect(await weightsOf(h.aws.elbv2, stack.productionRule)).toEqual({
      [stack.blue]: 100,
      [stack.green]: 0,
    });
    expect(continues(h)).toBe(0);

    expect(await h.operator.decideRollout(SERVICE, 'promote')).toMatchObject({
      done: true,
      stage: 'POST_TEST_TRAFFIC_SHIFT',
    });
    expect(await until(h, async () => (await latest(h))?.status === 'SUCCESSFUL')).toBe(true);
    expect(continues(h)).toBe(1);
    expect(await weightsOf(h.aws.elbv2, stack.productionRule)).toEqual({
      [stack.blue]: 0,
      [stack.green]: 100,
    });
    expect(await reasons()).toEqual(
      expect.arrayContaining(['GateWaiting', 'RolloutPromoted', 'GatePassed', 'RolloutContinued']),
    );
    expect(gateCondition(await h.store.getStatus(SERVICE))).toMatchObject({
      status: 'False',
      reason: 'Continued',
    });
    // Nothing is paused any more: a second promote is refused.
    expect(await h.operator.decideRollout(SERVICE, 'promote')).toEqual({ done: false, reason: 'not-paused' });
  });

  it('rolls back on an abort: ECS rolls back, and status and events say so', async () => {
    await pausedAtGate(h, files(manual()));
    expect(await h.operator.decideRollout(SERVICE, 'abort')).toMatchObject({ done: true });
    expect(await until(h, async () => (await latest(h))?.status === 'ROLLBACK_SUCCESSFUL')).toBe(true);
    expect(continues(h)).toBe(1);
    expect(await weightsOf(h.aws.elbv2, stack.productionRule)).toEqual({
      [stack.blue]: 100,
      [stack.green]: 0,
    });
    expect(await reasons()).toEqual(
      expect.arrayContaining(['RolloutAborted', 'GateFailed', 'RolloutRolledBack']),
    );
    // ECS's rollback is then reported as one (docs/ROLLOUTS.md): Degraded, RolledBackByECS.
    expect(await until(h, async () => (await h.store.getStatus(SERVICE))?.health === 'Degraded')).toBe(true);
    expect(await reasons()).toContain('RolledBackByECS');
    const status = await h.store.getStatus(SERVICE);
    expect(gateCondition(status)).toMatchObject({ status: 'False', reason: 'RolledBack' });
    expect(gateCondition(status)?.message).toMatch(/manual \[fail\] aborted; ROLLBACK sent/);
    expect(status?.conditions.find((condition) => condition.type === 'Healthy')?.reason).toBe(
      'RolledBackByECS',
    );
    // Self-heal does not deploy the aborted task definition again.
    expect(h.calls.filter((call) => call === 'ecs:UpdateService')).toHaveLength(1);
    expect(status?.awsIds.runningTaskDefinition).toMatch(/api:1$/);
  });
});

describe('rollout gate timeout', () => {
  it('rolls back when no check passed in time and onTimeout is ROLLBACK', async () => {
    await pausedAtGate(h, files(manual('\ntimeoutSeconds: 120\nonTimeout: ROLLBACK')));
    expect(await until(h, async () => (await latest(h))?.status === 'ROLLBACK_SUCCESSFUL')).toBe(true);
    expect(continues(h)).toBe(1);
    expect(await reasons()).toEqual(expect.arrayContaining(['GateTimedOut', 'RolloutRolledBack']));
    expect(await weightsOf(h.aws.elbv2, stack.productionRule)).toEqual({
      [stack.blue]: 100,
      [stack.green]: 0,
    });
  });

  it('continues when no check passed in time and onTimeout is CONTINUE', async () => {
    await pausedAtGate(h, files(manual('\ntimeoutSeconds: 120\nonTimeout: CONTINUE')));
    expect(await until(h, async () => (await latest(h))?.status === 'SUCCESSFUL')).toBe(true);
    expect(continues(h)).toBe(1);
    expect(await reasons()).toEqual(expect.arrayContaining(['GateTimedOut', 'RolloutContinued']));
    expect(await weightsOf(h.aws.elbv2, stack.productionRule)).toEqual({
      [stack.blue]: 0,
      [stack.green]: 100,
    });
  });

  it("ends without a decision when ECS's own hook timeout goes first: no call, no buttons", async () => {
    const ecsFirst = (image: string) => ({
      'c.yaml': cluster,
      't.yaml': task(image),
      's.yaml': service(
        stack,
        manual(),
        '{targetType: PAUSE, lifecycleStages: [POST_TEST_TRAFFIC_SHIFT], timeoutConfiguration: {timeoutInMinutes: 1, action: CONTINUE}}',
      ),
    });
    await pausedAtGate(h, ecsFirst);
    expect(await until(h, async () => (await latest(h))?.status === 'SUCCESSFUL')).toBe(true);
    expect(
      await until(h, async () => gateCondition(await h.store.getStatus(SERVICE))?.reason === 'Ended'),
    ).toBe(true);
    expect(continues(h)).toBe(0);
    expect(gateCondition(await h.store.getStatus(SERVICE))?.status).toBe('False');
    expect(await h.operator.decideRollout(SERVICE, 'promote')).toEqual({ done: false, reason: 'not-paused' });
  });
});
