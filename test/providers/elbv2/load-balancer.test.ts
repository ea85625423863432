import {
  CreateLoadBalancerCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  ModifyLoadBalancerAttributesCommand,
  SetIpAddressTypeCommand,
  SetSecurityGroupsCommand,
  SetSubnetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countByAction } from '../../../src/converge/plan-types.ts';
import type { LoadedManifest } from '../../../src/manifest/manifest.ts';
import { type ProviderHarness, startProviderHarness } from '../../support/provider-harness.ts';

const loadBalancer = (spec = '', annotations = '') => `
apiVersion: shipshape.dev/v1
kind: LoadBalancer
metadata:
  name: web-alb
  namespace: shop
${annotations}
spec:
  subnets: [subnet-0a2b3c4d5e6f70002, subnet-0a2b3c4d5e6f70001]
  securityGroups: [sg-0a2b3c4d5e6f70011]
  attributes: {idle_timeout.timeout_seconds: "120"}
  tags: {team: payments}
${spec}
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

async function describeAlb() {
  const answer = await h.aws.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['web-alb'] }));
  const found = answer.LoadBalancers?.[0];
  if (found?.LoadBalancerArn === undefined) throw new Error('web-alb not found');
  return { ...found, arn: found.LoadBalancerArn };
}

async function applied(yaml = loadBalancer()) {
  const manifests = h.load({ 'lb.yaml': yaml });
  expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
  return manifests;
}

async function driftOf(manifests: LoadedManifest[]) {
  return (await h.plan(manifests)).changes.map((change) =>
    'drift' in change ? { action: change.action, drift: change.drift } : { action: change.action },
  );
}

describe('LoadBalancer provider', () => {
  it('creates an internet-facing application load balancer, Progressing until active, then plans no change', async () => {
    const manifests = h.load({ 'lb.yaml': loadBalancer() });
    expect(countByAction(await h.plan(manifests))).toMatchObject({ create: 1 });
    await applied();
    const created = await describeAlb();
    expect(created).toMatchObject({ Scheme: 'internet-facing', Type: 'application', IpAddressType: 'ipv4' });
    const attributes = await h.aws.elbv2.send(
      new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: created.arn }),
    );
    expect(attributes.Attributes).toContainEqual({ Key: 'idle_timeout.timeout_seconds', Value: '120' });
    const tags = await h.aws.elbv2.send(new DescribeTagsCommand({ ResourceArns: [created.arn] }));
    expect(tags.TagDescriptions?.[0]?.Tags).toContainEqual({
      Key: 'shipshape.dev/resource',
      Value: 'LoadBalancer/shop/web-alb',
    });

    const provisioning = (await h.plan(manifests)).changes[0];
    expect(provisioning).toMatchObject({
      action: 'noop',
      drift: [],
      observed: { health: { health: 'Progressing' } },
    });
    await h.control.advance(120_000);
    expect((await h.plan(manifests)).changes[0]).toMatchObject({
      action: 'noop',
      observed: { health: { health: 'Healthy' } },
    });
  });

  it('compares subnets and security groups as sets and puts hand edits back', async () => {
    const manifests = await applied();
    const { arn } = await describeAlb();
    await h.aws.elbv2.send(
      new SetSecurityGroupsCommand({ LoadBalancerArn: arn, SecurityGroups: ['sg-0fffffffffffff001'] }),
    );
    await h.aws.elbv2.send(
      new SetSubnetsCommand({
        LoadBalancerArn: arn,
        Subnets: ['subnet-0a2b3c4d5e6f70001', 'subnet-0a2b3c4d5e6f70003'],
      }),
    );
    expect(await driftOf(manifests)).toEqual([
      {
        action: 'update',
        drift: [
          { path: 'securityGroups', desired: ['sg-0a2b3c4d5e6f70011'], actual: ['sg-0fffffffffffff001'] },
          {
            path: 'subnets',
            desired: ['subnet-0a2b3c4d5e6f70001', 'subnet-0a2b3c4d5e6f70002'],
            actual: ['subnet-0a2b3c4d5e6f70001', 'subnet-0a2b3c4d5e6f70003'],
          },
        ],
      },
    ]);
    expect((await h.apply(manifests)).converged).toBe(true);
    expect(await driftOf(manifests)).toEqual([{ action: 'noop', drift: [] }]);
    expect((await describeAlb()).SecurityGroups).toEqual(['sg-0a2b3c4d5e6f70011']);
  });

  it('reports a declared attribute changed by hand, not an undeclared one', async () => {
    const manifests = await applied();
    const { arn } = await describeAlb();
    await h.aws.elbv2.send(
      new ModifyLoadBalancerAttributesCommand({
        LoadBalancerArn: arn,
        Attributes: [
          { Key: 'idle_timeout.timeout_seconds', Value: '60' },
          { Key: 'routing.http2.enabled', Value: 'false' },
        ],
      }),
    );
    expect(await driftOf(manifests)).toEqual([
      {
        action: 'update',
        drift: [{ path: 'attributes["idle_timeout.timeout_seconds"]', desired: '120', actual: '60' }],
      },
    ]);
    await h.apply(manifests);
    expect(await driftOf(manifests)).toEqual([{ action: 'noop', drift: [] }]);
  });

  it('accepts the default security group AWS gives an application load balancer created without one', async () => {
    const manifests = await applied(loadBalancer().replace('  securityGroups: [sg-0a2b3c4d5e6f70011]\n', ''));
    expect((await describeAlb()).SecurityGroups?.length).toBe(1);
    expect(await driftOf(manifests)).toEqual([{ action: 'noop', drift: [] }]);
  });

  it('reports an IP address type changed by hand and sets it back', async () => {
    const manifests = await applied();
    const { arn } = await describeAlb();
    await h.aws.elbv2.send(new SetIpAddressTypeCommand({ LoadBalancerArn: arn, IpAddressType: 'dualstack' }));
    expect(await driftOf(manifests)).toEqual([
      { action: 'update', drift: [{ path: 'ipAddressType', desired: 'ipv4', actual: 'dualstack' }] },
    ]);
    expect((await h.apply(manifests)).converged).toBe(true);
    expect((await describeAlb()).IpAddressType).toBe('ipv4');
  });

  it('applies a network load balancer with a TCP listener and an HTTP-checked TCP target group, then plans no change', async () => {
    const manifests = h.load({
      'nlb.yaml': `
apiVersion: shipshape.dev/v1
kind: LoadBalancer
metadata: {name: db-nlb}
spec: {type: network, scheme: internal, subnets: [subnet-0a2b3c4d5e6f70001]}
---
apiVersion: shipshape.dev/v1
kind: TargetGroup
metadata: {name: db}
spec: {protocol: TCP, port: 5432, vpcId: vpc-0a2b3c4d5e6f70021, targetType: ip, healthCheckProtocol: HTTP, healthCheckPath: /ready}
---
apiVersion: shipshape.dev/v1
kind: Listener
metadata: {name: db}
spec:
  loadBalancerRef: db-nlb
  protocol: TCP
  port: 5432
  defaultActions: [{type: forward, targetGroupRef: db}]
`,
    });
    expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
    const plan = await h.plan(manifests);
    expect(
      plan.changes.map((change) => [change.identity, change.action, 'drift' in change ? change.drift : []]),
    ).toEqual(manifests.map((manifest) => [manifest.identity, 'noop', []]));
  });

  it('compares subnet mappings by subnet, only on the members the manifest gives', async () => {
    const mapped = loadBalancer().replace(
      '  subnets: [subnet-0a2b3c4d5e6f70002, subnet-0a2b3c4d5e6f70001]',
      '  subnetMappings: [{subnetId: subnet-0a2b3c4d5e6f70002}, {subnetId: subnet-0a2b3c4d5e6f70001}]',
    );
    const manifests = await applied(mapped);
    expect(await driftOf(manifests)).toEqual([{ action: 'noop', drift: [] }]);
    const { arn } = await describeAlb();
    await h.aws.elbv2.send(
      new SetSubnetsCommand({
        LoadBalancerArn: arn,
        Subnets: ['subnet-0a2b3c4d5e6f70001', 'subnet-0a2b3c4d5e6f70003'],
      }),
    );
    expect(await driftOf(manifests)).toEqual([
      {
        action: 'update',
        drift: [
          {
            path: 'subnetMappings[subnetId=subnet-0a2b3c4d5e6f70002]',
            desired: { subnetId: 'subnet-0a2b3c4d5e6f70002' },
            actual: undefined,
          },
          {
            path: 'subnetMappings[subnetId=subnet-0a2b3c4d5e6f70003]',
            desired: undefined,
            actual: { subnetId: 'subnet-0a2b3c4d5e6f70003' },
          },
        ],
      },
    ]);
    expect((await h.apply(manifests)).converged).toBe(true);
    expect(await driftOf(manifests)).toEqual([{ action: 'noop', drift: [] }]);
  });

  it('replaces the load balancer when its scheme changes', async () => {
    await applied();
    const before = await describeAlb();
    const internal = h.load({ 'lb.yaml': loadBalancer('  scheme: internal') });
    expect(await driftOf(internal)).toEqual([
      { action: 'replace', drift: [{ path: 'scheme', desired: 'internal', actual: 'internet-facing' }] },
    ]);
    expect((await h.apply(internal)).converged).toBe(true);
    const after = await describeAlb();
    expect(after.Scheme).toBe('internal');
    expect(after.arn).not.toBe(before.arn);
  });

  it('replaces the load balancer it made when the manifest renames it, leaving no orphan behind', async () => {
    await applied();
    const renamed = h.load({ 'lb.yaml': loadBalancer('  name: web-alb-2') });
    expect(await driftOf(renamed)).toEqual([
      { action: 'replace', drift: [{ path: 'name', desired: 'web-alb-2', actual: 'web-alb' }] },
    ]);
    expect((await h.apply(renamed)).converged).toBe(true);
    await expect(describeAlb()).rejects.toThrow();
    expect(await driftOf(renamed)).toEqual([{ action: 'noop', drift: [] }]);
  });

  it('never touches a same-named load balancer it does not own, unless asked to adopt it', async () => {
    await h.aws.elbv2.send(
      new CreateLoadBalancerCommand({
        Name: 'web-alb',
        Subnets: ['subnet-0a2b3c4d5e6f70001', 'subnet-0a2b3c4d5e6f70002'],
        SecurityGroups: ['sg-0a2b3c4d5e6f70011'],
      }),
    );
    const plain = h.load({ 'lb.yaml': loadBalancer() });
    expect((await h.plan(plain)).changes[0]).toMatchObject({
      action: 'conflict',
      identity: 'LoadBalancer/shop/web-alb',
    });
    expect((await h.apply(plain)).converged).toBe(false);
    const adopting = h.load({ 'lb.yaml': loadBalancer('', '  annotations: {shipshape.dev/adopt: "true"}') });
    expect((await h.apply(adopting)).converged).toBe(true);
    expect(await driftOf(adopting)).toEqual([{ action: 'noop', drift: [] }]);
  });

  it('prunes a load balancer whose manifest left the revision', async () => {
    await applied();
    expect((await h.plan([], true)).changes).toEqual([
      expect.objectContaining({ action: 'delete', identity: 'LoadBalancer/shop/web-alb' }),
    ]);
    expect((await h.apply([], true)).converged).toBe(true);
    await expect(describeAlb()).rejects.toThrow();
  });
});
