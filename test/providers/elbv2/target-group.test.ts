import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  ModifyTargetGroupAttributesCommand,
  ModifyTargetGroupCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countByAction } from '../../../src/converge/plan-types.ts';
import { type ProviderHarness, startProviderHarness } from '../../support/provider-harness.ts';

const targetGroup = (extra = '', annotations = '') => `
apiVersion: shipshape.dev/v1
kind: TargetGroup
metadata:
  name: api
  namespace: shop
${annotations}
spec:
  protocol: HTTP
  port: 8000
  vpcId: vpc-0a2b3c4d5e6f70021
  targetType: ip
  healthCheckPath: /health
  attributes: {deregistration_delay.timeout_seconds: "30"}
  tags: {team: payments}
${extra}
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

async function describeApi() {
  const answer = await h.aws.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['api'] }));
  const group = answer.TargetGroups?.[0];
  if (group?.TargetGroupArn === undefined) throw new Error('target group api not found');
  return { ...group, arn: group.TargetGroupArn };
}

async function applied(yaml = targetGroup()) {
  const manifests = h.load({ 'tg.yaml': yaml });
  expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
  return manifests;
}

async function driftOf(manifests: ReturnType<ProviderHarness['load']>) {
  const plan = await h.plan(manifests);
  return plan.changes.map((change) =>
    'drift' in change ? { action: change.action, drift: change.drift } : { action: change.action },
  );
}

describe('TargetGroup provider', () => {
  it('creates from empty with tags and declared attributes, then plans no change', async () => {
    const manifests = h.load({ 'tg.yaml': targetGroup() });
    expect(countByAction(await h.plan(manifests))).toMatchObject({ create: 1 });
    await applied();
    const group = await describeApi();
    expect(group).toMatchObject({ Port: 8000, HealthCheckPath: '/health', HealthCheckTimeoutSeconds: 6 });
    const attributes = await h.aws.elbv2.send(
      new DescribeTargetGroupAttributesCommand({ TargetGroupArn: group.arn }),
    );
    expect(attributes.Attributes).toContainEqual({
      Key: 'deregistration_delay.timeout_seconds',
      Value: '30',
    });
    const tags = await h.aws.elbv2.send(new DescribeTagsCommand({ ResourceArns: [group.arn] }));
    expect(tags.TagDescriptions?.[0]?.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'team', Value: 'payments' },
        { Key: 'shipshape.dev/resource', Value: 'TargetGroup/shop/api' },
        { Key: 'shipshape.dev/instance', Value: 'test' },
      ]),
    );
    expect(await driftOf(manifests)).toEqual([{ action: 'noop', drift: [] }]);
  });

  it('reports a health check setting and the matcher changed by hand, and puts them back', async () => {
    const manifests = await applied();
    const { arn } = await describeApi();
    await h.aws.elbv2.send(
      new ModifyTargetGroupCommand({
        TargetGroupArn: arn,
        HealthCheckIntervalSeconds: 60,
        Matcher: { HttpCode: '200-299' },
      }),
    );
    expect(await driftOf(manifests)).toEqual([
      {
        action: 'update',
        drift: [
          { path: 'healthCheckIntervalSeconds', desired: 30, actual: 60 },
          { path: 'matcher.httpCode', desired: '200', actual: '200-299' },
        ],
      },
    ]);
    expect((await h.apply(manifests)).converged).toBe(true);
    expect(await describeApi()).toMatchObject({
      HealthCheckIntervalSeconds: 30,
      Matcher: { HttpCode: '200' },
    });
    expect(await driftOf(manifests)).toEqual([{ action: 'noop', drift: [] }]);
  });

  it('compares only the attributes the manifest declares', async () => {
    const manifests = await applied();
    const { arn } = await describeApi();
    await h.aws.elbv2.send(
      new ModifyTargetGroupAttributesCommand({
        TargetGroupArn: arn,
        Attributes: [
          { Key: 'deregistration_delay.timeout_seconds', Value: '120' },
          { Key: 'stickiness.enabled', Value: 'true' },
        ],
      }),
    );
    expect(await driftOf(manifests)).toEqual([
      {
        action: 'update',
        drift: [{ path: 'attributes["deregistration_delay.timeout_seconds"]', desired: '30', actual: '120' }],
      },
    ]);
    await h.apply(manifests);
    const attributes = await h.aws.elbv2.send(
      new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }),
    );
    expect(attributes.Attributes).toContainEqual({
      Key: 'deregistration_delay.timeout_seconds',
      Value: '30',
    });
    expect(attributes.Attributes).toContainEqual({ Key: 'stickiness.enabled', Value: 'true' });
  });

  it('reports a tag added by hand and removes it', async () => {
    const manifests = await applied();
    const { arn } = await describeApi();
    await h.aws.elbv2.send(
      new AddTagsCommand({ ResourceArns: [arn], Tags: [{ Key: 'owner', Value: 'someone' }] }),
    );
    expect(await driftOf(manifests)).toEqual([
      { action: 'update', drift: [{ path: 'tags.owner', desired: undefined, actual: 'someone' }] },
    ]);
    await h.apply(manifests);
    expect(await driftOf(manifests)).toEqual([{ action: 'noop', drift: [] }]);
  });

  it('observes many target groups by the paged listing and 20 tag sets a call, skipping names that do not exist', async () => {
    const names = Array.from({ length: 25 }, (_, i) => `group-${i}`);
    const yaml = (list: string[]) =>
      list
        .map(
          (name) => `apiVersion: shipshape.dev/v1
kind: TargetGroup
metadata: {name: ${name}}
spec: {protocol: HTTP, port: 80, vpcId: vpc-0a2b3c4d5e6f70021}
`,
        )
        .join('---\n');
    const manifests = h.load({ 'groups.yaml': yaml(names) });
    expect((await h.apply(manifests)).converged).toBe(true);
    await h.control.resetRequests();
    expect(countByAction(await h.plan(manifests))).toMatchObject({ noop: 25 });
    const counts = await h.control.requests();
    // More than 20 names: one page of the listing (400 a page) costs less than two batches of names.
    expect(counts['elbv2:DescribeTargetGroups']?.ok).toBe(1);
    expect(counts['elbv2:DescribeTags']?.ok).toBe(2);

    const withMissing = h.load({ 'groups.yaml': yaml([...names.slice(0, 3), 'missing']) });
    expect(countByAction(await h.plan(withMissing))).toMatchObject({ noop: 3, create: 1 });
  });

  it('fills health check defaults by protocol: a TCP target group has no path or matcher', async () => {
    const manifests = h.load({
      'tg.yaml': `
apiVersion: shipshape.dev/v1
kind: TargetGroup
metadata: {name: tcp}
spec: {protocol: TCP, port: 5432, vpcId: vpc-0a2b3c4d5e6f70021}
`,
    });
    expect((await h.apply(manifests)).converged).toBe(true);
    const [change] = (await h.plan(manifests)).changes;
    expect(change).toMatchObject({ action: 'noop', drift: [] });
    expect(change && 'observed' in change ? change.observed.state : {}).toMatchObject({
      healthCheckProtocol: 'TCP',
      healthCheckTimeoutSeconds: 10,
      targetType: 'instance',
    });
  });

  it('creates a target group of target type alb with an HTTP check on /, 200-399, then plans no change', async () => {
    const manifests = h.load({
      'tg.yaml': `
apiVersion: shipshape.dev/v1
kind: TargetGroup
metadata: {name: my-alb-target}
spec: {protocol: TCP, port: 80, targetType: alb, vpcId: vpc-0a2b3c4d5e6f70021}
`,
    });
    expect((await h.apply(manifests)).converged).toBe(true);
    const answer = await h.aws.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['my-alb-target'] }));
    expect(answer.TargetGroups?.[0]).toMatchObject({
      HealthCheckProtocol: 'HTTP',
      HealthCheckPath: '/',
      HealthCheckTimeoutSeconds: 10,
      Matcher: { HttpCode: '200-399' },
    });
    const [change] = (await h.plan(manifests)).changes;
    expect(change).toMatchObject({ action: 'noop', drift: [] });
  });

  it('replaces the target group when its port changes', async () => {
    await applied();
    const before = await describeApi();
    const changed = h.load({ 'tg.yaml': targetGroup().replace('port: 8000', 'port: 9000') });
    expect(await driftOf(changed)).toEqual([
      { action: 'replace', drift: [{ path: 'port', desired: 9000, actual: 8000 }] },
    ]);
    expect((await h.apply(changed)).converged).toBe(true);
    const after = await describeApi();
    expect(after.Port).toBe(9000);
    expect(after.arn).not.toBe(before.arn);
  });

  it('replaces the target group it made when the manifest renames it, leaving no orphan behind', async () => {
    await applied();
    const before = await describeApi();
    const renamed = h.load({ 'tg.yaml': targetGroup('  name: api-v2') });
    expect(await driftOf(renamed)).toEqual([
      { action: 'replace', drift: [{ path: 'name', desired: 'api-v2', actual: 'api' }] },
    ]);
    expect((await h.apply(renamed)).converged).toBe(true);
    await expect(describeApi()).rejects.toThrow();
    const after = await h.aws.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['api-v2'] }));
    expect(after.TargetGroups?.[0]?.TargetGroupArn).not.toBe(before.arn);
    expect(await driftOf(renamed)).toEqual([{ action: 'noop', drift: [] }]);
  });

  it('never touches a same-named target group it does not own, unless asked to adopt it', async () => {
    await h.aws.elbv2.send(
      new CreateTargetGroupCommand({
        Name: 'api',
        Protocol: 'HTTP',
        Port: 8000,
        VpcId: 'vpc-0a2b3c4d5e6f70021',
        TargetType: 'ip',
      }),
    );
    const plain = h.load({ 'tg.yaml': targetGroup() });
    expect((await h.plan(plain)).changes[0]).toMatchObject({
      action: 'conflict',
      identity: 'TargetGroup/shop/api',
    });
    expect((await h.apply(plain)).converged).toBe(false);
    const { arn } = await describeApi();
    const untouched = await h.aws.elbv2.send(new DescribeTagsCommand({ ResourceArns: [arn] }));
    expect(untouched.TagDescriptions?.[0]?.Tags ?? []).toEqual([]);

    const adopting = h.load({ 'tg.yaml': targetGroup('', '  annotations: {shipshape.dev/adopt: "true"}') });
    expect((await h.apply(adopting)).converged).toBe(true);
    expect(await driftOf(adopting)).toEqual([{ action: 'noop', drift: [] }]);
    expect((await describeApi()).HealthCheckPath).toBe('/health');
  });

  it('prunes a target group whose manifest left the revision', async () => {
    await applied();
    expect((await h.plan([], true)).changes).toEqual([
      expect.objectContaining({ action: 'delete', identity: 'TargetGroup/shop/api' }),
    ]);
    expect((await h.apply([], true)).converged).toBe(true);
    await expect(describeApi()).rejects.toThrow();
  });

  it('says clearly when a listener Shipshape does not manage keeps it from being deleted', async () => {
    await applied();
    const { arn } = await describeApi();
    const loadBalancer = await h.aws.elbv2.send(
      new CreateLoadBalancerCommand({ Name: 'hand-made', Subnets: ['subnet-0a000001', 'subnet-0b000002'] }),
    );
    const listener = await h.aws.elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: loadBalancer.LoadBalancers?.[0]?.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: 80,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: arn }],
      }),
    );
    const result = await h.apply([], true);
    expect(result.converged).toBe(false);
    expect(result.failures).toEqual([
      {
        identity: 'TargetGroup/shop/api',
        message: expect.stringContaining(
          `in use by ${listener.Listeners?.[0]?.ListenerArn}, which Shipshape does not manage`,
        ),
      },
    ]);
    expect((await describeApi()).arn).toBe(arn);
  });
});
