import { DescribeServicesCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type OperatorHarness, startOperatorHarness } from '../support/operator-harness.ts';

vi.setConfig({ testTimeout: 120_000 });

const doc = (kind: string, name: string, spec: string) =>
  `apiVersion: shipshape.dev/v1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: shop}\nspec:\n${spec}\n`;
const cluster = doc('Cluster', 'shop', '  tags: {team: shop}');
const task = (image: string) =>
  doc(
    'TaskDefinition',
    'api',
    `  networkMode: awsvpc\n  requiresCompatibilities: [FARGATE]\n  cpu: "256"\n  memory: "512"\n  containerDefinitions: [{name: api, image: "${image}"}]`,
  );
const service = (count = 2) =>
  doc(
    'Service',
    'api',
    `  clusterRef: shop\n  taskDefinitionRef: api\n  desiredCount: ${count}\n  launchType: FARGATE\n` +
      '  networkConfiguration: {awsvpcConfiguration: {subnets: [subnet-aaa], securityGroups: [sg-111]}}',
  );
const ID = 'Service/shop/api';

let h: OperatorHarness;
beforeEach(async () => {
  h = await startOperatorHarness();
});
afterEach(async () => {
  await h.close();
});

async function live() {
  const answer = await h.aws.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['api'] }));
  return answer.services?.[0];
}
const updates = () => h.calls.filter((call) => call === 'ecs:UpdateService').length;

/** Simulated minutes pass, each followed by a full resync and a drift scan worked off. */
async function minutes(count: number): Promise<void> {
  for (let minute = 0; minute < count; minute += 1) {
    await h.wait(60_000);
    await h.operator.resync({ spread: false });
    await h.operator.scan();
    await h.drain();
  }
}

/** Three revisions, each with a new image: api:1, api:2, api:3; the ids of the first two. */
async function threeRevisions(): Promise<{ first: string; second: string }> {
  const first = h.revisions.set({ 'c.yaml': cluster, 't.yaml': task('api:1'), 's.yaml': service() }).id;
  await h.converge();
  const second = h.revisions.set({ 'c.yaml': cluster, 't.yaml': task('api:2'), 's.yaml': service() }).id;
  await h.converge();
  h.revisions.set({ 'c.yaml': cluster, 't.yaml': task('api:3'), 's.yaml': service() });
  await h.converge();
  expect((await live())?.taskDefinition).toMatch(/api:3$/);
  return { first, second };
}

describe('rollback through the operator', () => {
  it('rolls to the task definition before, holds against self-heal, and a manifest change releases it', async () => {
    await threeRevisions();
    const outcome = await h.operator.rollback(ID);
    expect(outcome).toMatchObject({ done: true });
    expect(outcome.done && outcome.taskDefinitionArn).toMatch(/task-definition\/api:2$/);
    expect(outcome.done && outcome.from).toMatch(/task-definition\/api:3$/);
    await h.drain();
    expect((await live())?.taskDefinition).toMatch(/api:2$/);
    const status = await h.store.getStatus(ID);
    expect(status?.sync).toBe('OutOfSync');
    const held = status?.conditions.find((c) => c.type === 'RolledBack');
    expect(held).toMatchObject({ status: 'True', reason: 'Held' });
    expect(held?.message).toMatch(/rolled back to .*api:2 through the API/);
    expect((await h.store.getOperator()).rollbacks).toMatchObject([
      { identity: ID, taskDefinitionArn: expect.stringMatching(/api:2$/) },
    ]);

    // Drift scans and resyncs leave it there; so does a new leader, which reads the pin from the operator item.
    const before = updates();
    await minutes(3);
    expect(updates()).toBe(before);
    expect((await live())?.taskDefinition).toMatch(/api:2$/);
    const { operator: next, drain } = await h.successor();
    await drain();
    expect(next.leading).toBe(true);
    expect(next.rollbacks().map((pin) => pin.identity)).toEqual([ID]);
    await next.scan();
    await drain();
    expect(updates()).toBe(before);

    // The manifest changes (another desiredCount): the pin goes and the manifest is applied again.
    h.revisions.set({ 'c.yaml': cluster, 't.yaml': task('api:3'), 's.yaml': service(3) });
    await next.onRevision();
    await drain();
    expect(next.rollbacks()).toEqual([]);
    expect(await live()).toMatchObject({ desiredCount: 3, taskDefinition: expect.stringMatching(/api:3$/) });
    expect((await h.store.getOperator()).rollbacks).toEqual([]);
    const reasons = (await h.store.listEvents(ID, 20)).map((e) => e.reason);
    expect(reasons).toContain('RolledBack');
    expect(reasons).toContain('RollbackReleased');
  });

  it('rolls to the task definition a revision ran, or one named; refuses what it cannot', async () => {
    const { first, second } = await threeRevisions();
    const toFirst = await h.operator.rollback(ID, first);
    expect(toFirst.done && toFirst.taskDefinitionArn).toMatch(/api:1$/);
    await h.drain();
    expect((await live())?.taskDefinition).toMatch(/api:1$/);
    // A short digest names a revision too.
    const toSecond = await h.operator.rollback(ID, second.slice('sha256:'.length, 'sha256:'.length + 12));
    expect(toSecond.done && toSecond.taskDefinitionArn).toMatch(/api:2$/);
    const named = await h.operator.rollback(ID, 'api:3');
    expect(named.done && named.taskDefinitionArn).toMatch(/api:3$/);

    expect(await h.operator.rollback(ID, 'nope:9')).toMatchObject({
      done: false,
      reason: 'refused',
      message: expect.stringMatching(/ECS does not know task definition nope:9/),
    });
    expect(await h.operator.rollback(ID, 'sha256:0000000')).toMatchObject({
      done: false,
      reason: 'refused',
      message: expect.stringMatching(/no task definition is recorded for revision/),
    });
    expect(await h.operator.rollback('Service/shop/nope')).toEqual({ done: false, reason: 'unknown' });
    expect(await h.operator.rollback('TaskDefinition/shop/api')).toEqual({
      done: false,
      reason: 'not-a-service',
    });
    // A hand edit of a pinned service is not reverted either.
    await h.aws.ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'api', desiredCount: 4 }));
    await minutes(1);
    expect((await live())?.desiredCount).toBe(4);
  });
});
