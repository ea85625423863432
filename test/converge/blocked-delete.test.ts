import { CreateServiceCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type OperatorHarness, startOperatorHarness } from '../support/operator-harness.ts';

vi.setConfig({ testTimeout: 120_000 });

const doc = (kind: string, name: string, spec: string) =>
  `apiVersion: shipshape.dev/v1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: shop}\nspec:\n${spec}\n`;
const ANCHOR =
  'apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: anchor, namespace: anchor}\nspec: {}\n';
const WORKLOAD = {
  'anchor.yaml': ANCHOR,
  'cluster.yaml': doc('Cluster', 'shop', '  tags: {team: shop}'),
  'task.yaml': doc(
    'TaskDefinition',
    'api',
    '  networkMode: awsvpc\n  requiresCompatibilities: [FARGATE]\n  cpu: "256"\n  memory: "512"\n  containerDefinitions: [{name: api, image: "api:1"}]',
  ),
  'service.yaml': doc(
    'Service',
    'api',
    '  clusterRef: shop\n  taskDefinitionRef: api\n  desiredCount: 1\n  launchType: FARGATE\n  networkConfiguration: {awsvpcConfiguration: {subnets: [subnet-aaa], securityGroups: [sg-111]}}',
  ),
  'tg.yaml': doc(
    'TargetGroup',
    'web',
    '  protocol: HTTP\n  port: 80\n  vpcId: vpc-0a2b3c4d5e6f70021\n  targetType: ip',
  ),
  'fs.yaml': doc('FileSystem', 'data', '  encrypted: true'),
};
const SCALING = {
  'scaling.yaml': doc('ScalableTarget', 'api', '  serviceRef: api\n  minCapacity: 1\n  maxCapacity: 3'),
};

let h: OperatorHarness;
beforeEach(async () => {
  // Removing a handful of resources is a large share: the prune guard is not what is tested here.
  h = await startOperatorHarness({ pruneShare: 1 });
});
afterEach(async () => {
  await h.close();
});

const calls = (key: string) => h.aws.stats.snapshot()[key];
const deletesOf = (key: string) => {
  const counts = calls(key);
  return counts === undefined ? 0 : counts.ok + counts.error + counts.throttled;
};

describe('deletes that cannot finish', () => {
  it('a cluster still running a service Shipshape does not own stays, says why, and holds back nothing else', async () => {
    h.revisions.set(WORKLOAD);
    await h.converge();
    await h.aws.ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'by-hand',
        taskDefinition: (await h.store.getStatus('TaskDefinition/shop/api'))?.awsIds.arn ?? '',
        desiredCount: 0,
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-aaa'] } },
      }),
    );
    h.revisions.set({ 'anchor.yaml': ANCHOR });
    await h.converge();
    for (const gone of [
      'Service/shop/api',
      'TaskDefinition/shop/api',
      'TargetGroup/shop/web',
      'FileSystem/shop/data',
    ]) {
      expect(await h.store.getStatus(gone), gone).toBeUndefined();
    }
    const cluster = await h.store.getStatus('Cluster/shop/shop');
    expect(cluster?.lastError).toMatchObject({ code: 'ForeignServicesError' });
    expect(cluster?.lastError?.message).toMatch(
      /still runs 1 service\(s\) Shipshape does not own \(by-hand\)/,
    );
    // A terminal error: not tried again every second, only when a resync looks at everything again.
    // Counted from a quiet moment: no resync's spread-out looks still waiting (drain gives up on a
    // loaded machine before they come due).
    for (let round = 0; round < 20 && !h.operator.idle; round += 1) await h.drain();
    expect(h.operator.idle).toBe(true);
    const attempts = deletesOf('ecs:DeleteCluster');
    const resyncs = h.operator.activity.count('resyncs');
    // Longer than the resync interval (60 s): at least one resync looks at the cluster again.
    await h.wait(70_000);
    for (let round = 0; round < 20 && !h.operator.idle; round += 1) await h.drain();
    // At most one attempt per resync (two resyncs whose spread-out looks overlap share one look),
    // and at least one once a resync ran: never one a second.
    const retried = deletesOf('ecs:DeleteCluster') - attempts;
    const resynced = h.operator.activity.count('resyncs') - resyncs;
    expect(resynced).toBeGreaterThan(0);
    expect(retried).toBeGreaterThanOrEqual(1);
    expect(retried).toBeLessThanOrEqual(resynced);
    const before = deletesOf('ecs:DeleteCluster');
    await h.operator.resync({ spread: false });
    await h.drain();
    expect(deletesOf('ecs:DeleteCluster')).toBe(before + 1);
  });

  it('a service behind a scalable target that cannot be deregistered waits, with what it uses; the rest goes', async () => {
    h.revisions.set({ ...WORKLOAD, ...SCALING });
    await h.converge();
    await h.control.addFault({
      action: 'autoscaling:DeregisterScalableTarget',
      error: { code: 'AccessDeniedException', message: 'not allowed', status: 400 },
      count: 1_000,
    });
    h.revisions.set({ 'anchor.yaml': ANCHOR });
    await h.converge(4);
    for (const gone of ['TargetGroup/shop/web', 'FileSystem/shop/data']) {
      expect(await h.store.getStatus(gone), gone).toBeUndefined();
    }
    // What the service uses waits for it: its task definition and its cluster.
    const definition = await h.store.getStatus('TaskDefinition/shop/api');
    expect(definition?.conditions.find((c) => c.type === 'WaitingForDeletes')?.message).toMatch(
      /Service\/shop\/api/,
    );
    expect((await h.store.getStatus('ScalableTarget/shop/api'))?.lastError).toMatchObject({
      code: 'AccessDeniedException',
    });
    const service = await h.store.getStatus('Service/shop/api');
    expect(service?.conditions.find((c) => c.type === 'WaitingForDeletes')?.message).toMatch(
      /deleted after what depends on it: ScalableTarget\/shop\/api/,
    );
    const cluster = await h.store.getStatus('Cluster/shop/shop');
    expect(cluster?.conditions.find((c) => c.type === 'WaitingForDeletes')?.message).toMatch(
      /Service\/shop\/api/,
    );
    expect(deletesOf('ecs:DeleteService')).toBe(0);
    // Once the scalable target can go, the rest follows, each after what depended on it.
    await h.control.clearFaults();
    await h.converge();
    for (const gone of ['ScalableTarget/shop/api', 'Service/shop/api', 'TaskDefinition/shop/api']) {
      expect(await h.store.getStatus(gone), gone).toBeUndefined();
    }
    await h.wait(120_000);
    await h.converge();
    expect(await h.store.getStatus('Cluster/shop/shop')).toBeUndefined();
  });
});
