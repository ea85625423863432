import {
  DescribeScalingPoliciesCommand,
  ListTagsForResourceCommand,
  PutScalingPolicyCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/converge/plan-types.ts';
import { type ProviderHarness, startProviderHarness } from '../../support/provider-harness.ts';
import { ECS_WORKLOAD } from './workload.ts';

const TARGET = `
apiVersion: shipshape.dev/v1
kind: ScalableTarget
metadata: {name: api, namespace: shop}
spec: {serviceRef: api, minCapacity: 2, maxCapacity: 10}
`;

const cpuPolicy = (options: { target?: number; name?: string; annotations?: string } = {}) => `
apiVersion: shipshape.dev/v1
kind: ScalingPolicy
metadata:
  name: api-cpu
  namespace: shop
${options.annotations ?? ''}
spec:
  scalableTargetRef: api
  ${options.name === undefined ? '' : `policyName: ${options.name}`}
  policyType: TargetTrackingScaling
  targetTrackingScalingPolicyConfiguration:
    targetValue: ${options.target ?? 70}
    predefinedMetricSpecification: {predefinedMetricType: ECSServiceAverageCPUUtilization}
    scaleOutCooldown: 60
`;

const stepPolicy = `
apiVersion: shipshape.dev/v1
kind: ScalingPolicy
metadata: {name: api-step, namespace: shop}
spec:
  scalableTargetRef: api
  policyType: StepScaling
  stepScalingPolicyConfiguration:
    adjustmentType: ChangeInCapacity
    stepAdjustments: [{metricIntervalLowerBound: 0, scalingAdjustment: 1}]
`;

const IDENTITY = 'ScalingPolicy/shop/api-cpu';
const RESOURCE = {
  ServiceNamespace: 'ecs',
  ResourceId: 'service/shop/api',
  ScalableDimension: 'ecs:service:DesiredCount',
} as const;

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

async function policies() {
  return (
    (await h.aws.autoscaling.send(new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs' })))
      .ScalingPolicies ?? []
  );
}

const changeOf = (plan: Plan, identity = IDENTITY) =>
  plan.changes.find((change) => change.identity === identity);

async function applied(files: Record<string, string>) {
  const manifests = h.load({ ...ECS_WORKLOAD, 'target.yaml': TARGET, ...files });
  expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
  return manifests;
}

describe('ScalingPolicy provider', () => {
  it("puts the policies, marks them as owned on their target, then plans no change with AWS's defaults", async () => {
    const manifests = await applied({ 'cpu.yaml': cpuPolicy(), 'step.yaml': stepPolicy });
    const live = await policies();
    expect(live.map((policy) => policy.PolicyName).sort()).toEqual(['api-cpu', 'api-step']);
    const targetArn = (await h.plan(manifests)).changes.find(
      (change) => change.identity === 'ScalableTarget/shop/api',
    );
    const arn = targetArn !== undefined && 'observed' in targetArn ? targetArn.observed.ids.arn : undefined;
    const tags = await h.aws.autoscaling.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
    expect(Object.values(tags.Tags ?? {})).toEqual(
      expect.arrayContaining([IDENTITY, 'ScalingPolicy/shop/api-step']),
    );
    const plan = await h.plan(manifests);
    expect(changeOf(plan)).toMatchObject({ action: 'noop', drift: [] });
    expect(changeOf(plan, 'ScalingPolicy/shop/api-step')).toMatchObject({ action: 'noop', drift: [] });
    // The policies' marks are not the target's own tags: no drift there either.
    expect(changeOf(plan, 'ScalableTarget/shop/api')).toMatchObject({ action: 'noop', drift: [] });
  });

  it('reports a target tracking setting changed by hand and puts it back', async () => {
    const manifests = await applied({ 'cpu.yaml': cpuPolicy() });
    await h.aws.autoscaling.send(
      new PutScalingPolicyCommand({
        ...RESOURCE,
        PolicyName: 'api-cpu',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 50,
          PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
          ScaleOutCooldown: 60,
          DisableScaleIn: true,
        },
      }),
    );
    expect(changeOf(await h.plan(manifests))).toMatchObject({
      action: 'update',
      drift: [
        { path: 'targetTrackingScalingPolicyConfiguration.disableScaleIn', desired: false, actual: true },
        { path: 'targetTrackingScalingPolicyConfiguration.targetValue', desired: 70, actual: 50 },
      ],
    });
    expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
    expect((await policies())[0]?.TargetTrackingScalingPolicyConfiguration).toMatchObject({
      TargetValue: 70,
      DisableScaleIn: false,
    });
  });

  it('updates a policy in place when the manifest changes', async () => {
    await applied({ 'cpu.yaml': cpuPolicy() });
    const arn = (await policies())[0]?.PolicyARN;
    const changed = h.load({ ...ECS_WORKLOAD, 'target.yaml': TARGET, 'cpu.yaml': cpuPolicy({ target: 60 }) });
    expect(changeOf(await h.plan(changed))).toMatchObject({ action: 'update' });
    expect(await h.apply(changed)).toMatchObject({ converged: true, failures: [] });
    expect(await policies()).toMatchObject([
      { PolicyARN: arn, TargetTrackingScalingPolicyConfiguration: { TargetValue: 60 } },
    ]);
  });

  it('never touches a same-named policy it did not put, unless asked to adopt it', async () => {
    await applied({});
    await h.aws.autoscaling.send(
      new PutScalingPolicyCommand({
        ...RESOURCE,
        PolicyName: 'api-cpu',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 50,
          PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        },
      }),
    );
    const plain = h.load({ ...ECS_WORKLOAD, 'target.yaml': TARGET, 'cpu.yaml': cpuPolicy() });
    expect(changeOf(await h.plan(plain))).toMatchObject({ action: 'conflict' });
    expect((await h.apply(plain)).converged).toBe(false);
    expect((await policies())[0]?.TargetTrackingScalingPolicyConfiguration?.TargetValue).toBe(50);

    const adopting = h.load({
      ...ECS_WORKLOAD,
      'target.yaml': TARGET,
      'cpu.yaml': cpuPolicy({ annotations: '  annotations: {shipshape.dev/adopt: "true"}' }),
    });
    expect(await h.apply(adopting)).toMatchObject({ converged: true, failures: [] });
    expect(changeOf(await h.plan(adopting))).toMatchObject({ action: 'noop' });
    expect(changeOf(await h.plan(plain))).toMatchObject({ action: 'noop' });
  });

  it('prunes a policy whose manifest left, by its identity even when its policy name differs', async () => {
    await applied({ 'cpu.yaml': cpuPolicy({ name: 'cpu-at-70' }), 'step.yaml': stepPolicy });
    const kept = h.load({
      ...ECS_WORKLOAD,
      'target.yaml': TARGET,
      'cpu.yaml': cpuPolicy({ name: 'cpu-at-70' }),
    });
    const plan = await h.plan(kept, true);
    expect(
      plan.changes.filter((change) => change.action === 'delete').map((change) => change.identity),
    ).toEqual(['ScalingPolicy/shop/api-step']);
    expect(await h.apply(kept, true)).toMatchObject({ converged: true, failures: [] });
    expect((await policies()).map((policy) => policy.PolicyName)).toEqual(['cpu-at-70']);
  });
});
