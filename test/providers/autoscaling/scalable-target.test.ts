import {
  DescribeScalableTargetsCommand,
  ListTagsForResourceCommand,
  RegisterScalableTargetCommand,
  TagResourceCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countByAction, type Plan } from '../../../src/converge/plan-types.ts';
import { type ProviderHarness, startProviderHarness } from '../../support/provider-harness.ts';
import { ECS_WORKLOAD } from './workload.ts';

const target = (options: { min?: number; annotations?: string } = {}) => `
apiVersion: shipshape.dev/v1
kind: ScalableTarget
metadata:
  name: api
  namespace: shop
${options.annotations ?? ''}
spec:
  serviceRef: api
  minCapacity: ${options.min ?? 2}
  maxCapacity: 10
  tags: {team: shop}
`;

const RESOURCE = 'service/shop/api';
const IDENTITY = 'ScalableTarget/shop/api';

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

async function targets() {
  const answer = await h.aws.autoscaling.send(
    new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs' }),
  );
  return answer.ScalableTargets ?? [];
}

const changeOf = (plan: Plan) => plan.changes.find((change) => change.identity === IDENTITY);

async function applied(text = target()) {
  const manifests = h.load({ ...ECS_WORKLOAD, 'target.yaml': text });
  expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
  return manifests;
}

describe('ScalableTarget provider', () => {
  it("registers the service's scalable target with ownership tags, then plans no change", async () => {
    const manifests = await applied();
    const [registered] = await targets();
    expect(registered).toMatchObject({ ResourceId: RESOURCE, MinCapacity: 2, MaxCapacity: 10 });
    const tags = await h.aws.autoscaling.send(
      new ListTagsForResourceCommand({ ResourceARN: registered?.ScalableTargetARN }),
    );
    expect(tags.Tags).toMatchObject({ team: 'shop', 'shipshape.dev/resource': IDENTITY });
    // The service-linked role AWS picks and the default suspended state are no drift.
    expect(changeOf(await h.plan(manifests))).toMatchObject({ action: 'noop' });
  });

  it('reports capacity and suspended state changed by hand, and registers them back', async () => {
    const manifests = await applied();
    await h.aws.autoscaling.send(
      new RegisterScalableTargetCommand({
        ServiceNamespace: 'ecs',
        ResourceId: RESOURCE,
        ScalableDimension: 'ecs:service:DesiredCount',
        MinCapacity: 1,
        SuspendedState: { DynamicScalingInSuspended: true },
      }),
    );
    expect(changeOf(await h.plan(manifests))).toMatchObject({
      action: 'update',
      drift: [
        { path: 'minCapacity', desired: 2, actual: 1 },
        { path: 'suspendedState.dynamicScalingInSuspended', desired: false, actual: true },
      ],
    });
    expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
    expect((await targets())[0]).toMatchObject({
      MinCapacity: 2,
      SuspendedState: { DynamicScalingInSuspended: false },
    });
  });

  it('reports a tag added by hand and removes it', async () => {
    const manifests = await applied();
    const arn = (await targets())[0]?.ScalableTargetARN;
    await h.aws.autoscaling.send(new TagResourceCommand({ ResourceARN: arn, Tags: { owner: 'me' } }));
    expect(changeOf(await h.plan(manifests))).toMatchObject({
      action: 'update',
      drift: [{ path: 'tags.owner', desired: undefined, actual: 'me' }],
    });
    expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
    expect(changeOf(await h.plan(manifests))).toMatchObject({ action: 'noop' });
  });

  it('updates the capacity in place when the manifest changes', async () => {
    await applied();
    const arn = (await targets())[0]?.ScalableTargetARN;
    const changed = h.load({ ...ECS_WORKLOAD, 'target.yaml': target({ min: 3 }) });
    expect(changeOf(await h.plan(changed))).toMatchObject({
      action: 'update',
      drift: [{ path: 'minCapacity', desired: 3, actual: 2 }],
    });
    expect(await h.apply(changed)).toMatchObject({ converged: true, failures: [] });
    expect((await targets())[0]).toMatchObject({ ScalableTargetARN: arn, MinCapacity: 3 });
  });

  it('never touches a target registered by someone else, unless asked to adopt it', async () => {
    await applied().then(() => h.apply(h.load(ECS_WORKLOAD), true));
    expect(await targets()).toEqual([]);
    await h.aws.autoscaling.send(
      new RegisterScalableTargetCommand({
        ServiceNamespace: 'ecs',
        ResourceId: RESOURCE,
        ScalableDimension: 'ecs:service:DesiredCount',
        MinCapacity: 1,
        MaxCapacity: 4,
      }),
    );
    const plain = h.load({ ...ECS_WORKLOAD, 'target.yaml': target() });
    expect(changeOf(await h.plan(plain))).toMatchObject({ action: 'conflict' });
    expect((await h.apply(plain)).converged).toBe(false);
    expect((await targets())[0]).toMatchObject({ MinCapacity: 1, MaxCapacity: 4 });

    const adopting = h.load({
      ...ECS_WORKLOAD,
      'target.yaml': target({ annotations: '  annotations: {shipshape.dev/adopt: "true"}' }),
    });
    expect(await h.apply(adopting)).toMatchObject({ converged: true, failures: [] });
    expect((await targets())[0]).toMatchObject({ MinCapacity: 2, MaxCapacity: 10 });
    expect(changeOf(await h.plan(adopting))).toMatchObject({ action: 'noop' });
  });

  it('replaces the target when it is moved to another service', async () => {
    await applied();
    const other = ECS_WORKLOAD['service.yaml']?.replace('name: api,', 'name: web,') ?? '';
    const moved = h.load({
      ...ECS_WORKLOAD,
      'web.yaml': other,
      'target.yaml': target().replace('serviceRef: api', 'serviceRef: web'),
    });
    expect(
      await h.apply(h.load({ ...ECS_WORKLOAD, 'web.yaml': other, 'target.yaml': target() })),
    ).toMatchObject({ converged: true });
    expect(changeOf(await h.plan(moved))).toMatchObject({
      action: 'replace',
      drift: [{ path: 'resourceId', desired: 'service/shop/web', actual: RESOURCE }],
    });
    expect(await h.apply(moved)).toMatchObject({ converged: true, failures: [] });
    expect((await targets()).map((registered) => registered.ResourceId)).toEqual(['service/shop/web']);
  });

  it('observes the targets of many services in one DescribeScalableTargets call', async () => {
    const web = ECS_WORKLOAD['service.yaml']?.replace('name: api,', 'name: web,') ?? '';
    const webTarget = target()
      .replace('name: api\n', 'name: web\n')
      .replace('serviceRef: api', 'serviceRef: web');
    const manifests = h.load({
      ...ECS_WORKLOAD,
      'web.yaml': web,
      'target.yaml': target(),
      'web-target.yaml': webTarget,
    });
    expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
    await h.control.resetRequests();
    const plan = await h.plan(manifests);
    expect(
      plan.changes.filter((change) => change.kind === 'ScalableTarget').map((change) => change.action),
    ).toEqual(['noop', 'noop']);
    expect((await h.control.requests())['autoscaling:DescribeScalableTargets']).toMatchObject({ ok: 1 });
  });

  it('prunes (deregisters) the target', async () => {
    await applied();
    const plan = await h.plan(h.load(ECS_WORKLOAD), true);
    expect(
      plan.changes.filter((change) => change.action === 'delete').map((change) => change.identity),
    ).toEqual([IDENTITY]);
    expect(await h.apply(h.load(ECS_WORKLOAD), true)).toMatchObject({ converged: true, failures: [] });
    expect(await targets()).toEqual([]);
    expect(countByAction(await h.plan(h.load(ECS_WORKLOAD)))).toMatchObject({ create: 0, update: 0 });
  });
});
