import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
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
  h = await startOperatorHarness({}, { probeThroughEmulator: true });
  stack = await stackOf(h);
});
afterEach(async () => {
  await h.close();
});

const files = (gate: string) => (image: string) => ({
  'c.yaml': cluster,
  't.yaml': task(image),
  's.yaml': service(stack, gate),
});
const reasons = async () => (await h.store.listEvents(SERVICE, 100)).map((event) => event.reason);
const testListener = async () => {
  const described = await h.aws.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['gate'] }));
  return `http://${described.LoadBalancers?.[0]?.DNSName}:8080/health`;
};

describe('rollout gate http check through the test listener', () => {
  it('probes the new tasks behind the test listener and continues: production ends 100/0 on green', async () => {
    await h.control.action('ecs', 'image-behaviour', { image: 'api:v2', httpBody: 'v2 ok' });
    await pausedAtGate(
      h,
      files('checks: [{http: {path: /health, bodyPattern: "v2 ok", successes: 2, intervalSeconds: 5}}]'),
    );
    expect(await until(h, async () => (await latest(h))?.status === 'SUCCESSFUL')).toBe(true);
    expect(continues(h)).toBe(1);
    expect(await weightsOf(h.aws.elbv2, stack.productionRule)).toEqual({
      [stack.blue]: 0,
      [stack.green]: 100,
    });
    const condition = gateCondition(await h.store.getStatus(SERVICE));
    expect(condition?.reason).toBe('Continued');
    // The body pattern only the v2 image answers: the probe reached the green tasks, through the test listener.
    expect(condition?.message).toContain(`GET ${await testListener()} answered 200 (2/2 good answers)`);
    expect(await reasons()).toEqual(expect.arrayContaining(['GatePassed', 'RolloutContinued']));
    // Each stage the gated deployment was seen at is an event, with the one before and how long.
    const stages = (await h.store.listEvents(SERVICE, 100))
      .filter((event) => event.reason === 'RolloutStage')
      .map((event) => event.message);
    expect(stages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^BLUE_GREEN arn:\S+ at POST_TEST_TRAFFIC_SHIFT/),
        expect.stringMatching(/ at BAKE_TIME after \w+ \(\d+ s\)$/),
      ]),
    );
  });

  it('rolls back when the new tasks never answer as expected before the gate times out', async () => {
    // The green tasks start (the load balancer's health check passes) but the app answers 500.
    await h.control.action('ecs', 'image-behaviour', {
      image: 'api:v2',
      httpStatus: 500,
      httpBody: 'broken',
    });
    await pausedAtGate(
      h,
      files('checks: [{http: {path: /health, successes: 2, intervalSeconds: 5}}]\ntimeoutSeconds: 400'),
    );
    expect(await until(h, async () => (await latest(h))?.status === 'ROLLBACK_SUCCESSFUL')).toBe(true);
    expect(await weightsOf(h.aws.elbv2, stack.productionRule)).toEqual({
      [stack.blue]: 100,
      [stack.green]: 0,
    });
    // The operator's next look at the Service reports the rollback ECS made at the gate's word.
    expect(await until(h, async () => (await h.store.getStatus(SERVICE))?.health === 'Degraded')).toBe(true);
    const status = await h.store.getStatus(SERVICE);
    expect(gateCondition(status)?.reason).toBe('RolledBack');
    expect(gateCondition(status)?.message).toContain(
      `GET ${await testListener()} answered 500, expected 200`,
    );
    expect(status?.conditions.find((condition) => condition.type === 'Healthy')?.reason).toBe(
      'RolledBackByECS',
    );
    expect(await reasons()).toEqual(expect.arrayContaining(['GateTimedOut', 'RolloutRolledBack']));
  });
});
