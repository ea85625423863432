import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeClustersCommand,
  RegisterTaskDefinitionCommand,
  TagResourceCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countByAction } from '../../../src/converge/plan-types.ts';
import { type ProviderHarness, startProviderHarness } from '../../support/provider-harness.ts';

const manifest = (annotations = '') => `
apiVersion: shipshape.dev/v1
kind: Cluster
metadata:
  name: web
  namespace: shop
${annotations}
spec:
  tags: {team: payments}
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

describe('Cluster provider', () => {
  it('creates from empty, then plans no change', async () => {
    const manifests = h.load({ 'cluster.yaml': manifest() });
    expect(countByAction(await h.plan(manifests))).toMatchObject({ create: 1 });
    const result = await h.apply(manifests);
    expect(result).toMatchObject({ converged: true, failures: [] });
    const described = await h.aws.ecs.send(
      new DescribeClustersCommand({ clusters: ['web'], include: ['TAGS'] }),
    );
    expect(described.clusters?.[0]?.tags).toEqual(
      expect.arrayContaining([
        { key: 'team', value: 'payments' },
        { key: 'shipshape.dev/resource', value: 'Cluster/shop/web' },
        { key: 'shipshape.dev/instance', value: 'test' },
      ]),
    );
    expect(countByAction(await h.plan(manifests))).toMatchObject({ create: 0, update: 0, noop: 1 });
  });

  it('reports a tag added by hand as drift and puts it back', async () => {
    const manifests = h.load({ 'cluster.yaml': manifest() });
    await h.apply(manifests);
    const arn = (await h.aws.ecs.send(new DescribeClustersCommand({ clusters: ['web'] }))).clusters?.[0]
      ?.clusterArn;
    await h.aws.ecs.send(
      new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'owner', value: 'someone' }] }),
    );
    const drifted = await h.plan(manifests);
    expect(drifted.changes).toEqual([
      expect.objectContaining({
        action: 'update',
        drift: [{ path: 'tags.owner', desired: undefined, actual: 'someone' }],
      }),
    ]);
    await h.apply(manifests);
    expect(countByAction(await h.plan(manifests))).toMatchObject({ update: 0, noop: 1 });
  });

  it('never touches a cluster it does not own, unless asked to adopt it', async () => {
    await h.aws.ecs.send(new CreateClusterCommand({ clusterName: 'web' }));
    const plain = h.load({ 'cluster.yaml': manifest() });
    const conflicted = await h.plan(plain);
    expect(conflicted.changes[0]).toMatchObject({ action: 'conflict', identity: 'Cluster/shop/web' });
    const result = await h.apply(plain);
    expect(result.converged).toBe(false);
    const untouched = await h.aws.ecs.send(
      new DescribeClustersCommand({ clusters: ['web'], include: ['TAGS'] }),
    );
    expect(untouched.clusters?.[0]?.tags ?? []).toEqual([]);

    const adopting = h.load({ 'cluster.yaml': manifest('  annotations: {shipshape.dev/adopt: "true"}') });
    expect((await h.apply(adopting)).converged).toBe(true);
    expect(countByAction(await h.plan(adopting))).toMatchObject({ noop: 1 });
  });

  it('leaves a cluster that still runs services it does not own, and says why', async () => {
    await h.apply(h.load({ 'cluster.yaml': manifest() }));
    await h.aws.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'theirs',
        containerDefinitions: [{ name: 'x', image: 'x:1', memory: 128 }],
      }),
    );
    await h.aws.ecs.send(
      new CreateServiceCommand({
        cluster: 'web',
        serviceName: 'theirs',
        taskDefinition: 'theirs',
        desiredCount: 0,
      }),
    );
    const result = await h.apply([], true);
    expect(result.converged).toBe(false);
    expect(result.failures).toEqual([
      {
        identity: 'Cluster/shop/web',
        message: expect.stringMatching(
          /^ForeignServicesError: cluster web still runs 1 service\(s\) Shipshape does not own \(theirs\)/,
        ),
      },
    ]);
    const still = await h.aws.ecs.send(new DescribeClustersCommand({ clusters: ['web'] }));
    expect(still.clusters?.[0]?.status).toBe('ACTIVE');
  });

  it('prunes a cluster whose manifest left the revision', async () => {
    await h.apply(h.load({ 'cluster.yaml': manifest() }));
    const pruning = await h.plan([], true);
    expect(pruning.changes).toEqual([
      expect.objectContaining({ action: 'delete', identity: 'Cluster/shop/web' }),
    ]);
    expect((await h.apply([], true)).converged).toBe(true);
    const gone = await h.aws.ecs.send(new DescribeClustersCommand({ clusters: ['web'] }));
    expect(gone.clusters?.[0]?.status ?? 'MISSING').not.toBe('ACTIVE');
  });
});
