import { CreateServiceCommand, DescribeServicesCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type OperatorHarness, startOperatorHarness } from '../support/operator-harness.ts';

const cluster = `
apiVersion: shipshape.dev/v1
kind: Cluster
metadata: {name: shop, namespace: shop}
spec: {}
`;
const task = (image: string) => `
apiVersion: shipshape.dev/v1
kind: TaskDefinition
metadata: {name: api, namespace: shop}
spec:
  networkMode: awsvpc
  requiresCompatibilities: [FARGATE]
  cpu: "256"
  memory: "512"
  containerDefinitions:
    - {name: api, image: "${image}", portMappings: [{containerPort: 8080}]}
`;
const service = (extra = '') => `
apiVersion: shipshape.dev/v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  clusterRef: shop
  taskDefinitionRef: api
  desiredCount: 2
  launchType: FARGATE
  networkConfiguration:
    awsvpcConfiguration: {subnets: [subnet-aaa], securityGroups: [sg-111]}
${extra}
`;
const worker = `
apiVersion: shipshape.dev/v1
kind: Cluster
metadata: {name: batch, namespace: jobs}
spec: {}
`;

vi.setConfig({ testTimeout: 120_000 });

let h: OperatorHarness;
beforeEach(async () => {
  h = await startOperatorHarness();
});
afterEach(async () => {
  await h.close();
});

async function api() {
  const answer = await h.aws.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['api'] }));
  const found = answer.services?.[0];
  if (found === undefined) throw new Error('no service');
  return found;
}

describe('operator', () => {
  it('converges from empty to Synced and Healthy, with events', async () => {
    h.revisions.set({ 'cluster.yaml': cluster, 'task.yaml': task('api:1'), 'service.yaml': service() });
    await h.converge();
    const statuses = await h.store.listStatuses();
    expect(statuses.map((s) => [s.identity, s.sync, s.health]).sort()).toEqual([
      ['Cluster/shop/shop', 'Synced', 'Healthy'],
      ['Service/shop/api', 'Synced', 'Healthy'],
      ['TaskDefinition/shop/api', 'Synced', 'Healthy'],
    ]);
    const events = await h.store.listEvents('Service/shop/api', 10);
    expect(events.map((e) => e.reason)).toContain('Created');
    const operator = await h.store.getOperator();
    expect(operator.currentRevision).toMatch(/^sha256:/);
    expect(operator.lastPass?.outcome).toBe('succeeded');
  });

  it('lists and converges at once when it led before the source gave its first revision', async () => {
    h.operator.start();
    await h.operator.checkLeadership();
    expect(h.operator.leading).toBe(true);
    const listed = h.operator.activity.next('resyncs');
    h.revisions.set({ 'cluster.yaml': cluster });
    // No simulated time passes: the first listing must not wait for the resync timer.
    await h.operator.onRevision();
    await listed;
    await h.drain();
    expect(h.operator.ready).toBe(true);
    expect((await h.store.getStatus('Cluster/shop/shop'))?.sync).toBe('Synced');
  });

  it('reverts a service edited by hand, found by the drift scan', async () => {
    h.revisions.set({ 'cluster.yaml': cluster, 'task.yaml': task('api:1'), 'service.yaml': service() });
    await h.converge();
    const before = h.reconciled.length;
    await h.aws.ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'api', desiredCount: 6 }));
    await h.operator.scan();
    await h.drain();
    // The scan queued the one resource whose live state changed.
    expect(h.reconciled[before]).toBe('Service/shop/api');
    expect((await api()).desiredCount).toBe(2);
    const reasons = (await h.store.listEvents('Service/shop/api', 10)).map(
      (e) => `${e.reason}: ${e.message}`,
    );
    expect(reasons).toContain('DriftDetected: differs from the manifest: desiredCount');
    expect(reasons).toContain('Updated: updated: desiredCount');
    await h.converge();
    expect(await h.store.getStatus('Service/shop/api')).toMatchObject({ sync: 'Synced', drift: [] });
  });

  it('only reports drift when selfHeal is off', async () => {
    h.revisions.set({
      'cluster.yaml': cluster,
      'task.yaml': task('api:1'),
      'service.yaml': service('  selfHeal: false'),
    });
    await h.converge();
    await h.aws.ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'api', desiredCount: 4 }));
    await h.operator.scan();
    await h.drain();
    await h.converge(3);
    expect((await api()).desiredCount).toBe(4);
    expect(await h.store.getStatus('Service/shop/api')).toMatchObject({
      sync: 'OutOfSync',
      drift: [{ path: 'desiredCount', desired: 2, actual: 4 }],
    });
    // A change of the manifest itself is still applied.
    h.revisions.set({
      'cluster.yaml': cluster,
      'task.yaml': task('api:1'),
      'service.yaml': service('  selfHeal: false\n  deploymentConfiguration: {maximumPercent: 150}'),
    });
    await h.converge();
    expect((await api()).deploymentConfiguration?.maximumPercent).toBe(150);
  });

  it('marks a crash-looping service Degraded with its stop count and reason', async () => {
    await h.control.setImageBehaviour('api:crash', 'crash');
    h.revisions.set({ 'cluster.yaml': cluster, 'task.yaml': task('api:crash'), 'service.yaml': service() });
    await h.converge(4);
    for (let minute = 0; minute < 4; minute += 1) await h.wait(60_000);
    await h.operator.resync({ spread: false });
    await h.drain();
    const status = await h.store.getStatus('Service/shop/api');
    expect(status?.health).toBe('Degraded');
    const healthy = status?.conditions.find((c) => c.type === 'Healthy');
    expect(healthy?.message).toMatch(
      /\d+ task\(s\) stopped in the last 10 min: Essential container in task exited/,
    );
  });

  it('rolls a failed rollout back to the last healthy revision and does not retry it', async () => {
    h.revisions.set({ 'cluster.yaml': cluster, 'task.yaml': task('api:1'), 'service.yaml': service() });
    await h.converge();
    expect((await h.store.getStatus('Service/shop/api'))?.health).toBe('Healthy');
    await h.control.setImageBehaviour('api:2', 'crash');
    h.revisions.set({ 'cluster.yaml': cluster, 'task.yaml': task('api:2'), 'service.yaml': service() });
    await h.converge(6);
    for (let minute = 0; minute < 3; minute += 1) {
      await h.wait(60_000);
      await h.operator.resync({ spread: false });
      await h.drain();
    }
    expect((await api()).taskDefinition).toMatch(/task-definition\/api:1$/);
    const events = await h.store.listEvents('Service/shop/api', 20);
    expect(events.some((e) => e.reason === 'RolledBack' && e.type === 'Warning')).toBe(true);
    const status = await h.store.getStatus('Service/shop/api');
    expect(status?.conditions.find((c) => c.type === 'RolledBack')?.message).toMatch(
      /not retried until the manifest changes/,
    );
    // Later passes leave it on the healthy revision.
    await h.converge(3);
    expect((await api()).taskDefinition).toMatch(/task-definition\/api:1$/);
    // A fixed manifest rolls out.
    h.revisions.set({ 'cluster.yaml': cluster, 'task.yaml': task('api:3'), 'service.yaml': service() });
    await h.converge();
    expect((await api()).taskDefinition).toMatch(/task-definition\/api:3$/);
  });

  it('prunes a removed manifest, but holds back a mass removal and an empty source until allowed', async () => {
    h.revisions.set({
      'cluster.yaml': cluster,
      'worker.yaml': worker,
      'task.yaml': task('api:1'),
      'service.yaml': service(),
    });
    await h.converge();
    h.revisions.set({ 'cluster.yaml': cluster, 'task.yaml': task('api:1'), 'service.yaml': service() });
    await h.converge();
    expect(await h.store.getStatus('Cluster/jobs/batch')).toBeUndefined();

    h.revisions.set({});
    await h.converge(3);
    expect((await api()).status).toBe('ACTIVE');
    const guard = (await h.store.getOperator()).pruneGuard;
    expect(guard).toMatchObject({ held: true, pendingDeletions: 3 });
    expect(guard.reason).toMatch(/source is empty/);

    expect(await h.operator.allowPrune()).toMatchObject({ allowed: false });
    expect((await h.operator.allowPrune({ emptySource: true })).allowed).toBe(true);
    await h.converge();
    await expect(api()).rejects.toThrow();
  });

  it('as a follower, makes no AWS call and writes no state through ten minutes of resyncs and scans', async () => {
    await h.lease.release();
    h.revisions.set({ 'cluster.yaml': cluster });
    h.operator.start();
    await h.operator.checkLeadership();
    await h.operator.onRevision();
    // Simulated time: every resync, scan and leadership tick of ten minutes fires, in order.
    await h.scheduler.advance(10 * 60_000);
    expect(h.operator.leading).toBe(false);
    expect(h.operator.ready).toBe(true);
    expect(h.aws.stats.total()).toBe(0);
    expect(await h.store.listStatuses()).toEqual([]);
    expect(await h.store.listEvents(undefined, 10)).toEqual([]);
  });
});

describe('adopting a resource that differs from its manifest', () => {
  it("puts Shipshape's marks on first, then changes the rest (a role may only change what carries them)", async () => {
    h.revisions.set({ 'cluster.yaml': cluster, 'task.yaml': task('api:1') });
    await h.converge();
    const definition = (await h.store.getStatus('TaskDefinition/shop/api'))?.awsIds.arn;
    await h.aws.ecs.send(
      new CreateServiceCommand({
        cluster: 'shop',
        serviceName: 'api',
        taskDefinition: definition,
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: {
          awsvpcConfiguration: { subnets: ['subnet-aaa'], securityGroups: ['sg-111'] },
        },
      }),
    );
    const from = h.calls.length;
    const adopting = service().replace(
      'metadata: {name: api, namespace: shop}',
      'metadata: {name: api, namespace: shop, annotations: {shipshape.dev/adopt: "true"}}',
    );
    h.revisions.set({ 'cluster.yaml': cluster, 'task.yaml': task('api:1'), 'service.yaml': adopting });
    await h.converge();
    const writes = h.calls.slice(from).filter((call) => /^ecs:(TagResource|UpdateService)$/.test(call));
    expect(writes.slice(0, 2)).toEqual(['ecs:TagResource', 'ecs:UpdateService']);
    expect((await api()).desiredCount).toBe(2);
    expect(await h.store.getStatus('Service/shop/api')).toMatchObject({ sync: 'Synced' });
  });
});
