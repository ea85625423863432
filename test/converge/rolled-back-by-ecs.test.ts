import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type OperatorHarness, startOperatorHarness } from '../support/operator-harness.ts';

vi.setConfig({ testTimeout: 120_000 });

const doc = (kind: string, name: string, spec: string, metadata = '') =>
  `apiVersion: shipshape.dev/v1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: shop${metadata}}\nspec:\n${spec}\n`;
const cluster = doc('Cluster', 'shop', '  tags: {team: shop}');
const task = (image: string) =>
  doc(
    'TaskDefinition',
    'api',
    `  networkMode: awsvpc\n  requiresCompatibilities: [FARGATE]\n  cpu: "256"\n  memory: "512"\n  containerDefinitions: [{name: api, image: "${image}"}]`,
  );
const CIRCUIT_BREAKER = '{deploymentCircuitBreaker: {enable: true, rollback: true}}';
const service = (metadata = '', deployment = CIRCUIT_BREAKER) =>
  doc(
    'Service',
    'api',
    '  clusterRef: shop\n  taskDefinitionRef: api\n  desiredCount: 2\n  launchType: FARGATE\n' +
      '  networkConfiguration: {awsvpcConfiguration: {subnets: [subnet-aaa], securityGroups: [sg-111]}}\n' +
      `  deploymentConfiguration: ${deployment}`,
    metadata,
  );

let h: OperatorHarness;
beforeEach(async () => {
  h = await startOperatorHarness();
});
afterEach(async () => {
  await h.close();
});

async function liveTaskDefinition(): Promise<string> {
  const answer = await h.aws.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['api'] }));
  return answer.services?.[0]?.taskDefinition ?? '';
}

/** UpdateService calls Shipshape made so far. */
const updates = () => h.calls.filter((call) => call === 'ecs:UpdateService').length;

/** Simulated minutes pass, each followed by a full resync and a drift scan worked off. */
async function minutes(count: number): Promise<void> {
  for (let minute = 0; minute < count; minute += 1) {
    await h.wait(60_000);
    await h.operator.resync({ spread: false });
    await h.operator.scan();
    await h.drain();
  }
}

describe('a deployment ECS rolled back', () => {
  it('is Degraded with reason RolledBackByECS, not retried by self-heal, and released by a manifest change', async () => {
    h.revisions.set({ 'c.yaml': cluster, 't.yaml': task('api:1'), 's.yaml': service() });
    await h.converge();
    expect(await h.store.getStatus('Service/shop/api')).toMatchObject({ sync: 'Synced', health: 'Healthy' });

    await h.control.setImageBehaviour('api:2', 'crash');
    h.revisions.set({ 'c.yaml': cluster, 't.yaml': task('api:2'), 's.yaml': service() });
    await h.converge(4);
    await minutes(4);

    // The circuit breaker put the service back on api:1; Shipshape tells so, and says what ECS said.
    expect(await liveTaskDefinition()).toMatch(/task-definition\/api:1$/);
    const status = await h.store.getStatus('Service/shop/api');
    expect(status).toMatchObject({ sync: 'OutOfSync', health: 'Degraded' });
    const healthy = status?.conditions.find((c) => c.type === 'Healthy');
    expect(healthy?.reason).toBe('RolledBackByECS');
    expect(healthy?.message).toMatch(/ECS rolled back .*api:2 to .*api:1: .*circuit breaker/);
    expect(status?.conditions.find((c) => c.type === 'RolledBackByECS')?.message).toMatch(
      /not deployed again until the manifest changes/,
    );
    const events = await h.store.listEvents('Service/shop/api', 50);
    expect(events.filter((e) => e.reason === 'RolledBackByECS' && e.type === 'Warning')).toHaveLength(1);
    // Shipshape left the rollback to ECS: no RolledBack of its own.
    expect(events.some((e) => e.reason === 'RolledBack')).toBe(false);

    // Self-heal does not deploy the failed task definition again, however many looks.
    const before = updates();
    await minutes(3);
    expect(updates()).toBe(before);
    expect(await liveTaskDefinition()).toMatch(/task-definition\/api:1$/);
    expect((await h.store.getStatus('Service/shop/api'))?.health).toBe('Degraded');

    // A new manifest (a fixed image) rolls out and clears it.
    h.revisions.set({ 'c.yaml': cluster, 't.yaml': task('api:3'), 's.yaml': service() });
    await h.converge();
    expect(await liveTaskDefinition()).toMatch(/task-definition\/api:3$/);
    const after = await h.store.getStatus('Service/shop/api');
    expect(after).toMatchObject({ sync: 'Synced', health: 'Healthy' });
    expect(after?.conditions.some((c) => c.type === 'RolledBackByECS')).toBe(false);
  });

  it('is retried once the Service manifest itself changes (its redeploy annotation)', async () => {
    h.revisions.set({ 'c.yaml': cluster, 't.yaml': task('api:1'), 's.yaml': service() });
    await h.converge();
    await h.control.setImageBehaviour('api:2', 'crash');
    h.revisions.set({ 'c.yaml': cluster, 't.yaml': task('api:2'), 's.yaml': service() });
    await h.converge(4);
    await minutes(4);
    expect((await h.store.getStatus('Service/shop/api'))?.health).toBe('Degraded');

    // The image is fixed under the same tag; a new redeploy annotation is a new manifest.
    await h.control.setImageBehaviour('api:2', 'healthy');
    const annotated = service(', annotations: {shipshape.dev/redeploy: "2"}');
    h.revisions.set({ 'c.yaml': cluster, 't.yaml': task('api:2'), 's.yaml': annotated });
    await h.converge(6);
    expect(await liveTaskDefinition()).toMatch(/task-definition\/api:2$/);
    // The first attempt's crashes stay in the crash-loop window until the new tasks settle.
    await minutes(2);
    expect(await h.store.getStatus('Service/shop/api')).toMatchObject({ sync: 'Synced', health: 'Healthy' });
  });

  /** Rolls api:2 out with `deployment`, lets `trigger` make ECS roll it back, and gives the status the operator then reports. */
  async function rolledBack(deployment: string, trigger: () => Promise<unknown>) {
    h.revisions.set({ 'c.yaml': cluster, 't.yaml': task('api:1'), 's.yaml': service('', deployment) });
    await h.converge();
    expect(await h.store.getStatus('Service/shop/api')).toMatchObject({ sync: 'Synced', health: 'Healthy' });
    h.revisions.set({ 'c.yaml': cluster, 't.yaml': task('api:2'), 's.yaml': service('', deployment) });
    await h.converge(2);
    await trigger();
    await minutes(4);
    expect(await liveTaskDefinition()).toMatch(/task-definition\/api:1$/);
    return h.store.getStatus('Service/shop/api');
  }

  it('by an alarm (deploymentConfiguration.alarms with rollback) is Degraded with reason RolledBackByECS', async () => {
    await h.control.action('ecs', 'alarm-state', { alarmName: 'api-5xx', state: 'OK' });
    // A slow bake, so the deployment is still in progress when the alarm fires.
    const status = await rolledBack(
      '{strategy: BLUE_GREEN, bakeTimeInMinutes: 30, alarms: {alarmNames: [api-5xx], enable: true, rollback: true}}',
      () => h.control.action('ecs', 'alarm-state', { alarmName: 'api-5xx', state: 'ALARM' }),
    );
    expect(status).toMatchObject({ sync: 'OutOfSync', health: 'Degraded' });
    const healthy = status?.conditions.find((c) => c.type === 'Healthy');
    expect(healthy?.reason).toBe('RolledBackByECS');
    expect(healthy?.message).toMatch(/ECS rolled back .*api:2 to .*api:1: .*api-5xx/);
    const events = await h.store.listEvents('Service/shop/api', 50);
    expect(events.filter((e) => e.reason === 'RolledBackByECS')).toHaveLength(1);
  });

  it("by a PAUSE hook's own timeout (timeoutConfiguration action ROLLBACK) is Degraded with reason RolledBackByECS", async () => {
    const status = await rolledBack(
      '{strategy: BLUE_GREEN, lifecycleHooks: [{targetType: PAUSE, lifecycleStages: [POST_SCALE_UP], timeoutConfiguration: {timeoutInMinutes: 2, action: ROLLBACK}}]}',
      async () => undefined,
    );
    expect(status).toMatchObject({ sync: 'OutOfSync', health: 'Degraded' });
    const healthy = status?.conditions.find((c) => c.type === 'Healthy');
    expect(healthy?.reason).toBe('RolledBackByECS');
    expect(healthy?.message).toMatch(/ECS rolled back .*api:2 to .*api:1: .*timed out at POST_SCALE_UP/);
  });
});
