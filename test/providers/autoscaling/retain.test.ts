import {
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LoadedManifest } from '../../../src/manifest/manifest.ts';
import type { ObservedResource } from '../../../src/providers/types.ts';
import { type ProviderHarness, startProviderHarness } from '../../support/provider-harness.ts';
import { ECS_WORKLOAD } from './workload.ts';

const target = (deletionPolicy: string) => `
apiVersion: shipshape.dev/v1
kind: ScalableTarget
metadata: {name: api, namespace: shop}
spec: {serviceRef: api, minCapacity: 2, maxCapacity: 10, tags: {team: shop}, deletionPolicy: ${deletionPolicy}}
`;

const policy = (deletionPolicy: string) => `
apiVersion: shipshape.dev/v1
kind: ScalingPolicy
metadata: {name: api-cpu, namespace: shop}
spec:
  scalableTargetRef: api
  policyType: TargetTrackingScaling
  targetTrackingScalingPolicyConfiguration:
    targetValue: 70
    predefinedMetricSpecification: {predefinedMetricType: ECSServiceAverageCPUUtilization}
  deletionPolicy: ${deletionPolicy}
`;

const TARGET = 'ScalableTarget/shop/api';
const POLICY = 'ScalingPolicy/shop/api-cpu';

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

function load(targetPolicy: string, policyPolicy = targetPolicy): LoadedManifest[] {
  return h.load({
    ...ECS_WORKLOAD,
    'target.yaml': target(targetPolicy),
    'policy.yaml': policy(policyPolicy),
  });
}

const manifest = (manifests: readonly LoadedManifest[], identity: string) =>
  manifests.find((m) => m.identity === identity) ?? expect.fail(`no manifest ${identity}`);

/** Reads the target, then the policy (its scalableTargetRef resolved from what the first read found). */
async function readBoth(manifests: readonly LoadedManifest[], everyOwned: boolean, context = h.context()) {
  const ofTarget = await h.providers
    .get('ScalableTarget')
    .read({ manifests: [manifest(manifests, TARGET)], everyOwned }, context);
  const live = ofTarget.get(TARGET) ?? expect.fail('the target was not read');
  const resolver = { idsOf: (identity: string) => (identity === TARGET ? live.ids : undefined) };
  const ofPolicy = await h.providers
    .get('ScalingPolicy')
    .read({ manifests: [manifest(manifests, POLICY)], everyOwned }, { ...context, resolver });
  return { target: live, policy: ofPolicy.get(POLICY) ?? expect.fail('the policy was not read') };
}

async function targetTags(): Promise<Record<string, string>> {
  const answer = await h.aws.autoscaling.send(
    new DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs' }),
  );
  const arn = answer.ScalableTargets?.[0]?.ScalableTargetARN ?? expect.fail('no scalable target');
  return (await h.aws.autoscaling.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags ?? {};
}

const scalingChanges = async (manifests: readonly LoadedManifest[], prune = false) =>
  (await h.plan(manifests, prune)).changes.filter(
    (change) => change.kind === 'ScalableTarget' || change.kind === 'ScalingPolicy',
  );

describe('deletionPolicy Retain on scaling resources', () => {
  it('reads a retained target and policy as retained, in a targeted read and a full listing', async () => {
    const manifests = load('Retain');
    expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
    for (const everyOwned of [false, true]) {
      const { target: live, policy: livePolicy } = await readBoth(manifests, everyOwned);
      expect(live).toMatchObject({ owned: true, retained: true });
      expect(livePolicy).toMatchObject({ owned: true, retained: true });
    }
  });

  it("follows the manifest's deletionPolicy: the policy's Retain mark is written and taken off by update", async () => {
    expect(await h.apply(load('Delete'))).toMatchObject({ converged: true, failures: [] });
    expect((await readBoth(load('Delete'), false)).policy.retained).toBe(false);

    const retaining = load('Delete', 'Retain');
    expect((await scalingChanges(retaining)).find((change) => change.identity === POLICY)).toMatchObject({
      action: 'update',
      drift: [{ path: 'deletionPolicy', desired: 'Retain', actual: undefined }],
    });
    await h.control.resetRequests();
    expect(await h.apply(retaining)).toMatchObject({ converged: true, failures: [] });
    // Only the mark changed: no PutScalingPolicy, and the target's own tags are left alone.
    const calls = await h.control.requests();
    expect(calls['autoscaling:PutScalingPolicy']).toBeUndefined();
    expect(calls['autoscaling:UntagResource']).toBeUndefined();
    expect((await readBoth(retaining, false)).policy.retained).toBe(true);
    expect((await scalingChanges(retaining)).map((change) => change.action)).toEqual(['noop', 'noop']);

    expect(await h.apply(load('Delete'))).toMatchObject({ converged: true, failures: [] });
    expect((await readBoth(load('Delete'), false)).policy.retained).toBe(false);
    expect(Object.values(await targetTags())).toContain(POLICY);
  });

  it("tags the target Retain when its manifest says so, keeping the policies' marks", async () => {
    expect(await h.apply(load('Delete'))).toMatchObject({ converged: true, failures: [] });
    expect(await h.apply(load('Retain', 'Delete'))).toMatchObject({ converged: true, failures: [] });
    expect((await readBoth(load('Retain', 'Delete'), true)).target).toMatchObject({
      owned: true,
      retained: true,
    });
    expect(Object.values(await targetTags())).toContain(POLICY);
  });

  it('release leaves the target and the policy in place without its marks: a later prune finds nothing owned', async () => {
    const manifests = load('Retain');
    expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
    const context = h.context();
    const { target: live, policy: livePolicy } = await readBoth(manifests, true, context);
    await h.providers.get('ScalingPolicy').release(livePolicy, context);
    await h.providers.get('ScalableTarget').release(live, context);

    const tags = await targetTags();
    expect(tags).toEqual({ team: 'shop' });
    const policies = await h.aws.autoscaling.send(
      new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs' }),
    );
    expect(policies.ScalingPolicies?.map((found) => found.PolicyName)).toEqual(['api-cpu']);

    const withoutThem = h.load(ECS_WORKLOAD);
    expect(await scalingChanges(withoutThem, true)).toEqual([]);
    // The same tag cache saw the release: a full listing through it finds nothing owned either.
    const owned: ObservedResource[] = [];
    for (const kind of ['ScalableTarget', 'ScalingPolicy'] as const)
      owned.push(
        ...(await h.providers.get(kind).read({ manifests: [], everyOwned: true }, context)).values(),
      );
    expect(owned).toEqual([]);
  });

  it("reads a target's tags once: a second read through the same tag cache makes no ListTagsForResource", async () => {
    const manifests = load('Retain');
    expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
    const context = h.context();
    await readBoth(manifests, true, context);
    await h.control.resetRequests();
    await readBoth(manifests, true, context);
    await readBoth(manifests, false, context);
    const calls = await h.control.requests();
    expect(calls['autoscaling:ListTagsForResource']).toBeUndefined();
    expect(calls['autoscaling:DescribeScalableTargets']).toMatchObject({ ok: 2 });
    expect(calls['autoscaling:DescribeScalingPolicies']).toMatchObject({ ok: 2 });
  });
});
