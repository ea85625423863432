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

const migrateTask = (image: string) => `
apiVersion: shipshape.dev/v1
kind: TaskDefinition
metadata: {name: migrate, namespace: gate}
spec:
  networkMode: awsvpc
  requiresCompatibilities: [FARGATE]
  cpu: "256"
  memory: "512"
  containerDefinitions: [{name: migrate, image: "${image}"}]
`;
const job = `
apiVersion: shipshape.dev/v1
kind: Job
metadata: {name: migrate, namespace: gate}
spec:
  clusterRef: apps
  taskDefinitionRef: migrate
  launchType: FARGATE
  networkConfiguration:
    awsvpcConfiguration: {subnets: [subnet-aaa], securityGroups: [sg-111]}
`;

let h: OperatorHarness;
let stack: BlueGreenStack;
beforeEach(async () => {
  h = await startOperatorHarness();
  stack = await stackOf(h);
});
afterEach(async () => {
  await h.close();
});

/** The Service gated on the Job `migrate`; the Job's image changes with the Service's, so it runs again. */
const files = (migrateImage: (image: string) => string) => (image: string) => ({
  'c.yaml': cluster,
  't.yaml': task(image),
  's.yaml': service(stack, 'checks: [{job: {name: migrate}}]\ntimeoutSeconds: 3600'),
  'm.yaml': migrateTask(migrateImage(image)),
  'j.yaml': job,
});
const reasons = async () => (await h.store.listEvents(SERVICE, 100)).map((event) => event.reason);

describe('rollout gate with a Job check', () => {
  it('continues once the Job run exited 0', async () => {
    // The v2 migration runs for ten minutes: the gate waits for it.
    await h.control.action('ecs', 'image-behaviour', { image: 'migrate:api:v2', runSeconds: 600 });
    await pausedAtGate(
      h,
      files((image) => `migrate:${image}`),
    );
    expect(gateCondition(await h.store.getStatus(SERVICE))?.message).toMatch(/job migrate \[pending\]/);
    expect(continues(h)).toBe(0);
    expect(await until(h, async () => (await latest(h))?.status === 'SUCCESSFUL')).toBe(true);
    expect(continues(h)).toBe(1);
    expect(await reasons()).toEqual(expect.arrayContaining(['GatePassed', 'RolloutContinued']));
    expect(await weightsOf(h.aws.elbv2, stack.productionRule)).toEqual({
      [stack.blue]: 0,
      [stack.green]: 100,
    });
  });

  it('rolls back when the Job run failed', async () => {
    await h.control.action('ecs', 'image-behaviour', {
      image: 'migrate:api:v2',
      exitCode: 3,
      runSeconds: 120,
    });
    await pausedAtGate(
      h,
      files((image) => `migrate:${image}`),
    );
    expect(await until(h, async () => (await latest(h))?.status === 'ROLLBACK_SUCCESSFUL')).toBe(true);
    expect(continues(h)).toBe(1);
    expect(await reasons()).toEqual(expect.arrayContaining(['GateFailed', 'RolloutRolledBack']));
    expect(gateCondition(await h.store.getStatus(SERVICE))?.message).toMatch(
      /job migrate \[fail\] Job\/gate\/migrate: it failed/,
    );
    expect(await weightsOf(h.aws.elbv2, stack.productionRule)).toEqual({
      [stack.blue]: 100,
      [stack.green]: 0,
    });
  });
});
