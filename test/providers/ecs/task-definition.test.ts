import {
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countByAction } from '../../../src/converge/plan-types.ts';
import { REVISIONS_KEPT } from '../../../src/providers/ecs/task-definition.ts';
import { type ProviderHarness, startProviderHarness } from '../../support/provider-harness.ts';

const taskDefinition = (
  image = 'nginx:1.27',
  environment = '[{name: MODE, value: web}, {name: LOG_LEVEL, value: info}]',
) => `
apiVersion: shipshape.dev/v1
kind: TaskDefinition
metadata: {name: web, namespace: shop}
spec:
  networkMode: awsvpc
  requiresCompatibilities: [FARGATE]
  cpu: "0.25 vCPU"
  memory: "0.5 GB"
  containerDefinitions:
    - name: app
      image: ${image}
      portMappings: [{containerPort: 8080}]
      environment: ${environment}
      healthCheck: {command: [CMD-SHELL, "curl -f http://localhost:8080/ || exit 1"]}
`;

let h: ProviderHarness;
beforeAll(async () => {
  h = await startProviderHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await h.control.reset();
});

async function revisions(): Promise<string[]> {
  const answer = await h.aws.ecs.send(
    new ListTaskDefinitionsCommand({ familyPrefix: 'web', status: 'ACTIVE' }),
  );
  return answer.taskDefinitionArns ?? [];
}

describe('TaskDefinition provider', () => {
  it('registers once, then plans no change despite AWS defaults and size units', async () => {
    const manifests = h.load({ 'td.yaml': taskDefinition() });
    expect((await h.apply(manifests)).converged).toBe(true);
    expect(await revisions()).toHaveLength(1);
    expect(countByAction(await h.plan(manifests))).toMatchObject({ update: 0, noop: 1 });
    await h.apply(manifests);
    expect(await revisions()).toHaveLength(1);
  });

  it('treats environment as a set: reordering it is no change', async () => {
    await h.apply(h.load({ 'td.yaml': taskDefinition() }));
    const reordered = h.load({
      'td.yaml': taskDefinition('nginx:1.27', '[{name: LOG_LEVEL, value: info}, {name: MODE, value: web}]'),
    });
    expect(countByAction(await h.plan(reordered))).toMatchObject({ update: 0, noop: 1 });
  });

  it('reports a revision registered by hand as container drift and registers the manifest again', async () => {
    const manifests = h.load({ 'td.yaml': taskDefinition() });
    await h.apply(manifests);
    const current = await h.aws.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'web' }));
    const definition = current.taskDefinition;
    await h.aws.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        networkMode: definition?.networkMode,
        requiresCompatibilities: definition?.requiresCompatibilities,
        cpu: definition?.cpu,
        memory: definition?.memory,
        containerDefinitions: (definition?.containerDefinitions ?? []).map((container) => ({
          ...container,
          image: 'nginx:hacked',
          environment: [...(container.environment ?? []), { name: 'DEBUG', value: '1' }],
        })),
      }),
    );
    const drifted = await h.plan(manifests);
    expect(drifted.changes[0]).toMatchObject({ action: 'update' });
    const drift =
      drifted.changes[0] !== undefined && 'drift' in drifted.changes[0] ? drifted.changes[0].drift : [];
    expect(drift.map((entry) => entry.path)).toEqual(
      expect.arrayContaining([
        'containerDefinitions[name=app].environment[name=DEBUG]',
        'containerDefinitions[name=app].image',
      ]),
    );
    expect(drift.find((entry) => entry.path === 'containerDefinitions[name=app].image')).toEqual({
      path: 'containerDefinitions[name=app].image',
      desired: 'nginx:1.27',
      actual: 'nginx:hacked',
    });
    await h.apply(manifests);
    expect(countByAction(await h.plan(manifests))).toMatchObject({ update: 0, noop: 1 });
    expect(await revisions()).toHaveLength(3);
  });

  it(`keeps the newest ${REVISIONS_KEPT} revisions active and deregisters older ones`, async () => {
    for (let version = 1; version <= REVISIONS_KEPT + 2; version += 1) {
      await h.apply(h.load({ 'td.yaml': taskDefinition(`nginx:1.${version}`) }));
    }
    const active = await revisions();
    expect(active).toHaveLength(REVISIONS_KEPT);
    expect(active.at(-1)).toMatch(/:7$/);
  });
});
