import { isDeepStrictEqual } from 'node:util';
import { DescribeScalingPoliciesCommand } from '@aws-sdk/client-application-auto-scaling';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isReadOperation } from '../../src/aws/call-stats.ts';
import { type LocalAws, startLocalAws } from '../../src/local/aws.ts';
import { ECS_WORKLOAD } from '../providers/autoscaling/workload.ts';
import { type Tools, toolsFor, waitFor } from './cluster-tools.ts';
import { type Replica, startReplica } from './replica-process.ts';
import {
  expectedInventory,
  liveInventory,
  resourceCount,
  type WorkloadShape,
  workloadFiles,
} from './workload.ts';

vi.setConfig({ testTimeout: 200_000, hookTimeout: 60_000 });

const BUCKET = 'manifests';
const TABLE = 'crash-state';
const KILLS = 20;
// 1 task definition, 4 target groups, 3 clusters with 8 services each: 32 resources.
const shape = (desiredCount: number): WorkloadShape => ({
  namespace: 'crash',
  clusters: 3,
  servicesPerCluster: 8,
  targetGroups: 4,
  desiredCount,
});

let local: LocalAws;
let tools: Tools;
let replica: Replica | undefined;
const started: Replica[] = [];
const tracked = async (starting: Promise<Replica>): Promise<Replica> => {
  const running = await starting;
  started.push(running);
  return running;
};

beforeAll(async () => {
  local = await startLocalAws({ clock: 'real', buckets: [BUCKET] });
  tools = toolsFor(local);
});
afterAll(async () => {
  // Every replica either test started, not only the last: none outlives the file.
  for (const each of started) await each.kill('SIGKILL');
  tools?.close();
  await local?.close();
});

/** AWS writes the emulator has executed (ok or refused by AWS's own rules), Shipshape's only. */
function awsWrites(): number {
  let sum = 0;
  for (const [action, counts] of Object.entries(local.emulator.emulator.requests.snapshot())) {
    if (!isReadOperation(action.split(':')[1] ?? '')) sum += counts.ok + counts.error;
  }
  return sum;
}

// The same replica id, as a restarted process of one deployment: it takes its own lease back at once.
const start = () =>
  tracked(
    startReplica(local, {
      replicaId: 'crashing',
      source: `s3://${BUCKET}/live/`,
      stateTable: TABLE,
      instance: 'crash-test',
      leaseDurationSeconds: 3,
      leaseRenewDeadlineSeconds: 2,
      leaseRetrySeconds: 1,
      workers: 4,
    }),
  );

const isConverged = async (desiredCount: number) => {
  if (!isDeepStrictEqual(await liveInventory(tools.aws), expectedInventory(shape(desiredCount))))
    return false;
  const statuses = await tools.store(TABLE).listStatuses();
  return statuses.length === resourceCount(shape(desiredCount)) && statuses.every((s) => s.sync === 'Synced');
};

describe('kill -9 of the operator during an apply', () => {
  it('at 20 points, then a restart: the end state is exact, no duplicates, status intact', async () => {
    let desiredCount = 1;
    await tools.commit(BUCKET, 'live/', workloadFiles(shape(desiredCount)));
    let midApply = 0;
    for (let kill = 0; kill < KILLS; kill += 1) {
      const before = awsWrites();
      replica = await start();
      // Kill after 1 to 4 writes of this run: points spread over creates and updates.
      const after = 1 + (kill % 4);
      const point = await waitFor(`write ${after} of run ${kill}`, async () => {
        if (awsWrites() >= before + after) return 'mid-apply';
        // Nothing left to do in this revision: the next one changes every service.
        if (await isConverged(desiredCount)) return 'converged';
        return undefined;
      });
      await replica.kill('SIGKILL');
      if (point === 'mid-apply') midApply += 1;
      else {
        desiredCount += 1;
        await tools.commit(BUCKET, 'live/', workloadFiles(shape(desiredCount)));
      }
    }
    // Most kills landed while writes were going on.
    expect(midApply).toBeGreaterThanOrEqual(15);

    replica = await start();
    await waitFor('the last revision converged', () => isConverged(desiredCount), 90_000);
    expect(await liveInventory(tools.aws)).toEqual(expectedInventory(shape(desiredCount)));
    const statuses = await tools.store(TABLE).listStatuses();
    expect(statuses).toHaveLength(resourceCount(shape(desiredCount)));
    const revisions = new Set(statuses.map((s) => s.appliedRevision));
    expect(revisions.size).toBe(1);
    expect(statuses.every((s) => s.sync === 'Synced' && s.lastError === undefined)).toBe(true);
  });
});

const SCALING = {
  'target.yaml': `apiVersion: shipshape.dev/v1
kind: ScalableTarget
metadata: {name: api, namespace: steps}
spec: {serviceRef: api, minCapacity: 1, maxCapacity: 4}
`,
  'policy.yaml': `apiVersion: shipshape.dev/v1
kind: ScalingPolicy
metadata: {name: api-cpu, namespace: steps}
spec:
  scalableTargetRef: api
  policyType: TargetTrackingScaling
  targetTrackingScalingPolicyConfiguration:
    targetValue: 70
    predefinedMetricSpecification: {predefinedMetricType: ECSServiceAverageCPUUtilization}
`,
};

describe('kill -9 between the two calls of a create (every kind whose create takes more than one)', () => {
  it('ScalingPolicy (PutScalingPolicy, then its mark on the target): the restarted operator finishes it', async () => {
    const files = {
      ...Object.fromEntries(
        Object.entries(ECS_WORKLOAD).map(([file, body]) => [
          file,
          body.replaceAll('namespace: shop', 'namespace: steps'),
        ]),
      ),
      ...SCALING,
    };
    await tools.commit(BUCKET, 'steps/', files);
    // The second call fails until the kill: the gap stays open for as long as it takes.
    await local.emulator.emulator.faults.add({
      action: 'autoscaling:TagResource',
      error: { code: 'InternalServiceException', message: 'cut short', status: 500 },
      count: 1_000_000,
    });
    const counts = () => local.emulator.emulator.requests.snapshot();
    const steps = () =>
      tracked(
        startReplica(local, {
          replicaId: 'steps',
          source: `s3://${BUCKET}/steps/`,
          stateTable: 'steps-state',
          instance: 'steps-test',
          leaseDurationSeconds: 3,
          leaseRenewDeadlineSeconds: 2,
          leaseRetrySeconds: 1,
        }),
      );
    replica = await steps();
    await waitFor('the first call made and the second refused', async () => {
      const now = counts();
      return (
        (now['autoscaling:PutScalingPolicy']?.ok ?? 0) >= 1 &&
        (now['autoscaling:TagResource']?.fault ?? 0) >= 1
      );
    });
    await replica.kill('SIGKILL');
    local.emulator.emulator.faults.clear();
    replica = await steps();
    const store = tools.store('steps-state');
    await waitFor(
      'the policy finished',
      async () => (await store.getStatus('ScalingPolicy/steps/api-cpu'))?.sync === 'Synced',
    );
    const policies = await tools.aws.autoscaling.send(
      new DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs' }),
    );
    expect(policies.ScalingPolicies?.filter((policy) => policy.PolicyName === 'api-cpu')).toHaveLength(1);
    expect(await store.listIntents()).toEqual([]);
  });
});
