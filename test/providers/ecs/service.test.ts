import { DescribeServicesCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PlannedChange } from '../../../src/converge/plan-types.ts';
import { countByAction } from '../../../src/converge/plan-types.ts';
import { type ProviderHarness, startProviderHarness } from '../../support/provider-harness.ts';

interface Options {
  readonly image?: string;
  readonly ignore?: string;
  readonly annotations?: string;
  readonly subnets?: string;
}

const files = (options: Options = {}) => ({
  'cluster.yaml': `
apiVersion: shipshape.dev/v1
kind: Cluster
metadata: {name: shop, namespace: shop}
spec: {}
`,
  'task.yaml': `
apiVersion: shipshape.dev/v1
kind: TaskDefinition
metadata: {name: api, namespace: shop}
spec:
  networkMode: awsvpc
  requiresCompatibilities: [FARGATE]
  cpu: "256"
  memory: "512"
  containerDefinitions:
    - {name: api, image: "${options.image ?? 'api:1'}", portMappings: [{containerPort: 8080}]}
`,
  'service.yaml': `
apiVersion: shipshape.dev/v1
kind: Service
metadata:
  name: api
  namespace: shop
${options.annotations ?? ''}
spec:
  clusterRef: shop
  taskDefinitionRef: api
  desiredCount: 2
  launchType: FARGATE
  networkConfiguration:
    awsvpcConfiguration:
      subnets: ${options.subnets ?? '[subnet-aaa, subnet-bbb]'}
      securityGroups: [sg-111]
${options.ignore ?? ''}
`,
});

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

async function describeApi() {
  const answer = await h.aws.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['api'] }));
  const service = answer.services?.[0];
  if (service === undefined) throw new Error('service api not found');
  return service;
}

function serviceChange(changes: readonly PlannedChange[]): PlannedChange | undefined {
  return changes.find((change) => change.identity === 'Service/shop/api');
}

describe('Service provider', () => {
  it('creates cluster, task definition and service in order, then plans no change and turns healthy', async () => {
    const manifests = h.load(files());
    expect(manifests.map((m) => m.kind)).toEqual(['Cluster', 'TaskDefinition', 'Service']);
    expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
    expect(countByAction(await h.plan(manifests))).toMatchObject({ create: 0, update: 0, noop: 3 });
    await h.control.advance(120_000);
    const service = await describeApi();
    expect(service.runningCount).toBe(2);
    expect(service.taskDefinition).toMatch(/task-definition\/api:1$/);
  });

  it('reports desiredCount changed by hand, and apply puts it back', async () => {
    const manifests = h.load(files());
    await h.apply(manifests);
    await h.aws.ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'api', desiredCount: 5 }));
    const change = serviceChange((await h.plan(manifests)).changes);
    expect(change).toMatchObject({
      action: 'update',
      drift: [{ path: 'desiredCount', desired: 2, actual: 5 }],
    });
    await h.apply(manifests);
    expect((await describeApi()).desiredCount).toBe(2);
  });

  it('leaves desiredCount alone under ignoreDifferences (autoscaling owns it)', async () => {
    const manifests = h.load(files({ ignore: '  ignoreDifferences: [desiredCount]' }));
    await h.apply(manifests);
    await h.aws.ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'api', desiredCount: 7 }));
    const change = serviceChange((await h.plan(manifests)).changes);
    expect(change).toMatchObject({
      action: 'noop',
      drift: [{ path: 'desiredCount', desired: 2, actual: 7 }],
    });
  });

  it('compares subnets as a set and reports a security group swapped by hand', async () => {
    await h.apply(h.load(files()));
    const reordered = h.load(files({ subnets: '[subnet-bbb, subnet-aaa]' }));
    expect(countByAction(await h.plan(reordered))).toMatchObject({ update: 0 });
    await h.aws.ecs.send(
      new UpdateServiceCommand({
        cluster: 'shop',
        service: 'api',
        networkConfiguration: {
          awsvpcConfiguration: { subnets: ['subnet-aaa', 'subnet-bbb'], securityGroups: ['sg-999'] },
        },
      }),
    );
    const change = serviceChange((await h.plan(reordered)).changes);
    expect(change).toMatchObject({
      action: 'update',
      drift: [
        {
          path: 'networkConfiguration.awsvpcConfiguration.securityGroups',
          desired: ['sg-111'],
          actual: ['sg-999'],
        },
      ],
    });
    await h.apply(reordered);
    expect(countByAction(await h.plan(reordered))).toMatchObject({ update: 0 });
  });

  it('rolls the service to a new revision when the container changes, never re-registering an unchanged one', async () => {
    await h.apply(h.load(files()));
    const next = h.load(files({ image: 'api:2' }));
    const planned = await h.plan(next);
    expect(planned.changes.find((c) => c.identity === 'TaskDefinition/shop/api')).toMatchObject({
      action: 'update',
    });
    await h.apply(next);
    expect((await describeApi()).taskDefinition).toMatch(/task-definition\/api:2$/);
    expect(countByAction(await h.plan(next))).toMatchObject({ update: 0, noop: 3 });
  });

  it('forces a new deployment when the redeploy annotation changes', async () => {
    await h.apply(h.load(files({ annotations: '  annotations: {shipshape.dev/redeploy: "1"}' })));
    await h.control.advance(300_000);
    const before = (await describeApi()).deployments?.[0]?.id;
    const bumped = h.load(files({ annotations: '  annotations: {shipshape.dev/redeploy: "2"}' }));
    expect(serviceChange((await h.plan(bumped)).changes)).toMatchObject({ action: 'update' });
    await h.apply(bumped);
    const deployments = (await describeApi()).deployments ?? [];
    expect(deployments.find((d) => d.status === 'PRIMARY')?.id).not.toBe(before);
    expect(countByAction(await h.plan(bumped))).toMatchObject({ update: 0 });
  });

  it('prunes in reverse order: service scaled to 0 and deleted before its cluster', async () => {
    await h.apply(h.load(files()));
    const pruning = await h.plan([], true);
    expect(pruning.changes.map((c) => `${c.action} ${c.identity}`)).toEqual([
      'delete Service/shop/api',
      'delete TaskDefinition/shop/api',
      'delete Cluster/shop/shop',
    ]);
    const result = await h.apply([], true);
    expect(result).toMatchObject({ converged: true });
    await expect(
      h.aws.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['api'] })),
    ).rejects.toMatchObject({
      name: 'ClusterNotFoundException',
    });
    expect((await h.plan([], true)).changes).toEqual([]);
  });
});
