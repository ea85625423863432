import {
  DescribeScalingPoliciesCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Operator } from '../../src/converge/operator.ts';
import { ManualScheduler } from '../../src/reconcile/index.ts';
import { LeaseManager } from '../../src/state/index.ts';
import { ECS_WORKLOAD } from '../providers/autoscaling/workload.ts';
import { type OperatorHarness, startOperatorHarness } from '../support/operator-harness.ts';

vi.setConfig({ testTimeout: 120_000 });

const TARGET = `apiVersion: shipshape.dev/v1
kind: ScalableTarget
metadata: {name: api, namespace: shop}
spec: {serviceRef: api, minCapacity: 1, maxCapacity: 4}
`;
const POLICY = `apiVersion: shipshape.dev/v1
kind: ScalingPolicy
metadata: {name: api-cpu, namespace: shop}
spec:
  scalableTargetRef: api
  policyType: TargetTrackingScaling
  targetTrackingScalingPolicyConfiguration:
    targetValue: 70
    predefinedMetricSpecification: {predefinedMetricType: ECSServiceAverageCPUUtilization}
`;
const FILES = { ...ECS_WORKLOAD, 'target.yaml': TARGET, 'policy.yaml': POLICY };
const IDENTITY = 'ScalingPolicy/shop/api-cpu';

let h: OperatorHarness;
beforeEach(async () => {
  h = await startOperatorHarness();
});
afterEach(async () => {
  await h.close();
});

/** The scaling policy's ownership mark on its target (the second call of its create). */
async function marked(): Promise<boolean> {
  const policies = await h.aws.autoscaling.send(
    new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs' }),
  );
  expect(policies.ScalingPolicies?.map((policy) => policy.PolicyName)).toEqual(['api-cpu']);
  const status = await h.store.getStatus('ScalableTarget/shop/api');
  const tags = await h.aws.autoscaling.send(
    new ListTagsForResourceCommand({ ResourceARN: status?.awsIds.arn }),
  );
  return Object.values(tags.Tags ?? {}).includes(IDENTITY);
}

describe('a create of two calls cut short between them (ScalingPolicy: PutScalingPolicy, then the mark on its target)', () => {
  it('is finished, not mistaken for a policy someone else made', async () => {
    await h.control.addFault({
      action: 'autoscaling:TagResource',
      error: { code: 'InternalServiceException', message: 'the second call fails', status: 500 },
      count: 1_000,
    });
    h.revisions.set(FILES);
    await h.converge(3);
    expect(await marked()).toBe(false);
    expect((await h.store.getStatus(IDENTITY))?.lastError?.code).toBe('InternalServiceException');
    await h.control.clearFaults();
    await h.converge();
    expect(await h.store.getStatus(IDENTITY)).toMatchObject({ sync: 'Synced' });
    expect(await marked()).toBe(true);
  });

  it('is finished by the next leader too: the intent is in the state table', async () => {
    await h.control.addFault({
      action: 'autoscaling:TagResource',
      error: { code: 'InternalServiceException', message: 'the second call fails', status: 500 },
      count: 1_000,
    });
    h.revisions.set(FILES);
    await h.converge(3);
    expect(await marked()).toBe(false);
    // This replica stops; another, with nothing in memory, takes over.
    await h.operator.stop();
    await h.lease.release();
    await h.control.clearFaults();
    const scheduler = new ManualScheduler(h.scheduler.now());
    const lease = new LeaseManager({
      client: h.dynamo,
      table: h.table,
      holderId: 'next',
      clock: { now: () => scheduler.now() },
    });
    await lease.tryAcquireOrRenew();
    const next = new Operator({
      providers: h.providers,
      base: h.base,
      store: h.store,
      leader: lease,
      revisions: h.revisions,
      scheduler,
      now: () => h.emulator.emulator.clock.now(),
    });
    next.start();
    await next.checkLeadership();
    for (let spin = 0; spin < 400 && (await h.store.getStatus(IDENTITY))?.sync !== 'Synced'; spin += 1) {
      await h.control.advance(1_000);
      await scheduler.advance(1_000);
      await lease.tryAcquireOrRenew();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await h.store.getStatus(IDENTITY)).toMatchObject({ sync: 'Synced' });
    expect(await marked()).toBe(true);
    await next.stop();
  });
});
