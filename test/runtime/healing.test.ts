import {
  DeleteServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListServicesCommand,
  ListTasksCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  DeleteListenerCommand,
  DeleteTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RuntimeHarness, startRuntimeHarness } from '../support/runtime-harness.ts';
import { service, taskDefinition, webFiles } from './healing-workload.ts';
import { describeResources, type ResourceBody, statusClient } from './status-client.ts';

vi.setConfig({ testTimeout: 60_000 });

let h: RuntimeHarness;
let api: ReturnType<typeof statusClient>;
beforeAll(async () => {
  // The whole of AWS's published rates, not the default half: the CI budget, not a different behaviour.
  h = await startRuntimeHarness({ config: { rateShare: 1 } });
  api = statusClient(h);
});
afterAll(async () => {
  await h?.close();
});

/** Fast-forwards simulated life (tasks starting, health checks) between looks. */
const tick = () => h.local.emulator.emulator.clock.advance(15_000);

async function ecsService(name: string) {
  const answer = await h.aws.ecs.send(new DescribeServicesCommand({ cluster: 'heal', services: [name] }));
  return answer.services?.find((s) => s.status === 'ACTIVE');
}

async function targetGroupArn(): Promise<string | undefined> {
  const answer = await h.aws.elbv2
    .send(new DescribeTargetGroupsCommand({ Names: ['heal-web'] }))
    .catch(() => ({ TargetGroups: [] }));
  return answer.TargetGroups?.[0]?.TargetGroupArn;
}

async function waitForResource(
  identity: string,
  check: (status: ResourceBody) => boolean,
  timeoutMs = 40_000,
): Promise<ResourceBody> {
  let last: ResourceBody | undefined;
  return h
    .waitFor(
      `${identity} to match`,
      async () => {
        tick();
        last = await api.resource(identity);
        return check(last) ? last : undefined;
      },
      timeoutMs,
    )
    .catch((error: unknown) => {
      throw new Error(`${String(error)}\n${last === undefined ? 'no status' : describeResources([last])}`);
    });
}

async function allHealthy(): Promise<void> {
  let last = '';
  await h
    .waitFor('namespace heal Synced and Healthy', async () => {
      tick();
      const { resources } = await api.status('heal');
      last = describeResources(resources);
      return resources.length > 0 && resources.every((r) => r.sync === 'Synced' && r.health === 'Healthy');
    })
    .catch((error: unknown) => {
      throw new Error(`${String(error)}\n${last}`);
    });
}

const reasons = async (identity: string) =>
  (await api.events(identity)).map((event) => `${event.type} ${event.reason}: ${event.message}`);

describe('healing on the running operator', () => {
  it('converges the web workload', async () => {
    await h.commit(webFiles);
    await allHealthy();
    expect((await ecsService('web'))?.runningCount).toBe(2);
  });

  it('reverts a service scaled by hand, with a drift event and an update event', async () => {
    await h.aws.ecs.send(new UpdateServiceCommand({ cluster: 'heal', service: 'web', desiredCount: 5 }));
    await h.waitFor('desiredCount reverted', async () => (await ecsService('web'))?.desiredCount === 2);
    await waitForResource('Service/heal/web', (s) => s.sync === 'Synced');
    const events = await reasons('Service/heal/web');
    expect(events).toContain('Warning DriftDetected: differs from the manifest: desiredCount');
    expect(events).toContain('Normal Updated: updated: desiredCount');
  });

  it('recreates a deleted target group and restores the service load balancer to it', async () => {
    const before = await targetGroupArn();
    const alb = await h.aws.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['heal-alb'] }));
    const listeners = await h.aws.elbv2.send(
      new DescribeListenersCommand({ LoadBalancerArn: alb.LoadBalancers?.[0]?.LoadBalancerArn }),
    );
    const listener = listeners.Listeners?.[0];
    // A target group in use by a listener cannot be deleted: the hand clean-up takes the listener first.
    await h.aws.elbv2.send(new DeleteListenerCommand({ ListenerArn: listener?.ListenerArn }));
    await h.aws.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: before }));
    const after = await h.waitFor('a new target group', async () => {
      const arn = await targetGroupArn();
      return arn !== undefined && arn !== before ? arn : undefined;
    });
    await h.waitFor('the service on the new target group', async () => {
      tick();
      return (await ecsService('web'))?.loadBalancers?.[0]?.targetGroupArn === after;
    });
    await allHealthy();
    expect(await reasons('TargetGroup/heal/heal-web')).toContain('Normal Created: created');
    expect(
      (await reasons('Listener/heal/heal-http')).filter((e) => e.startsWith('Normal Created')),
    ).toHaveLength(2);
  });

  it('recreates a deleted service', async () => {
    await h.aws.ecs.send(new DeleteServiceCommand({ cluster: 'heal', service: 'web', force: true }));
    await h.waitFor('the service recreated', async () => {
      tick();
      return (await ecsService('web'))?.runningCount === 2;
    });
    await allHealthy();
    const events = await reasons('Service/heal/web');
    // Created again after the deletion (a stale look may repeat the event; the client token keeps it one service).
    expect(
      events.filter((e) => e === 'Normal Created: created').length,
      events.join('\n'),
    ).toBeGreaterThanOrEqual(2);
    const listed = await h.aws.ecs.send(new ListServicesCommand({ cluster: 'heal' }));
    expect(listed.serviceArns?.filter((arn) => arn.endsWith('/web'))).toHaveLength(1);
  });

  it('replaces stopped tasks: the service recovers and stays Healthy', async () => {
    const tasks = await h.aws.ecs.send(new ListTasksCommand({ cluster: 'heal', serviceName: 'web' }));
    const stopped = tasks.taskArns?.[0];
    expect(stopped).toBeDefined();
    await h.control.action('ecs', 'stop-task', {
      cluster: 'heal',
      task: stopped,
      reason: 'OutOfMemoryError',
    });
    await h.waitFor('a replacement task running', async () => {
      tick();
      const running = await h.aws.ecs.send(
        new ListTasksCommand({ cluster: 'heal', serviceName: 'web', desiredStatus: 'RUNNING' }),
      );
      const arns = running.taskArns ?? [];
      return (
        arns.length === 2 && !arns.includes(stopped ?? '') && (await ecsService('web'))?.runningCount === 2
      );
    });
    const gone = await h.aws.ecs.send(new DescribeTasksCommand({ cluster: 'heal', tasks: [stopped ?? ''] }));
    expect(gone.tasks?.[0]).toMatchObject({ lastStatus: 'STOPPED', stoppedReason: 'OutOfMemoryError' });
    const status = await waitForResource('Service/heal/web', (s) => s.health === 'Healthy');
    expect(status.sync).toBe('Synced');
    // One stop is below the crash-loop threshold: no Degraded event.
    expect((await reasons('Service/heal/web')).some((e) => e.startsWith('Warning Degraded'))).toBe(false);
  });

  it('reports a crash-looping image as Degraded with the count and reasons', async () => {
    await h.control.setImageBehaviour('crashy:1', 'crash');
    await h.commit({
      'heal/crashy-task.yaml': taskDefinition('crashy', 'crashy:1'),
      'heal/crashy.yaml': service('crashy'),
    });
    const status = await waitForResource('Service/heal/crashy', (s) => s.health === 'Degraded');
    const healthy = status.conditions.find((c) => c.type === 'Healthy');
    expect(healthy?.message).toMatch(
      /^\d+ task\(s\) stopped in the last 10 min: Essential container in task exited/,
    );
    const events = await reasons('Service/heal/crashy');
    expect(events.find((e) => e.startsWith('Warning Degraded'))).toMatch(
      /task\(s\) stopped in the last 10 min/,
    );
  });

  it('rolls a failed deployment back to the last healthy task definition', async () => {
    await h.commit({
      'heal/roll-task.yaml': taskDefinition('roll', 'roll:1'),
      'heal/roll.yaml': service('roll'),
    });
    await waitForResource('Service/heal/roll', (s) => s.sync === 'Synced' && s.health === 'Healthy');
    await h.control.setImageBehaviour('roll:2', 'crash');
    await h.commit({ 'heal/roll-task.yaml': taskDefinition('roll', 'roll:2') });
    const status = await waitForResource('Service/heal/roll', (s) =>
      s.conditions.some((c) => c.type === 'RolledBack'),
    );
    expect(status.conditions.find((c) => c.type === 'RolledBack')?.message).toMatch(
      /not retried until the manifest changes/,
    );
    expect((await ecsService('roll'))?.taskDefinition).toMatch(/task-definition\/roll:1$/);
    expect((await reasons('Service/heal/roll')).find((e) => e.startsWith('Warning RolledBack'))).toMatch(
      /rolled back from .*roll:2 to .*roll:1/,
    );
  });

  it('with selfHeal off, reports a hand edit and leaves it', async () => {
    await h.commit({
      'heal/manual-task.yaml': taskDefinition('manual', 'manual:1'),
      'heal/manual.yaml': service('manual', '  selfHeal: false\n'),
    });
    await waitForResource('Service/heal/manual', (s) => s.sync === 'Synced' && s.health === 'Healthy');
    await h.aws.ecs.send(new UpdateServiceCommand({ cluster: 'heal', service: 'manual', desiredCount: 3 }));
    const status = await waitForResource('Service/heal/manual', (s) => s.sync === 'OutOfSync');
    expect(status.drift).toEqual([{ path: 'desiredCount', desired: 2, actual: 3 }]);
    expect(await reasons('Service/heal/manual')).toContain(
      'Warning DriftDetected: differs from the manifest: desiredCount',
    );
    // Two more full passes (resync every 3 s) leave it as the hand left it.
    const passAt = async () => (await api.status()).operator.lastPass?.at;
    const seen = new Set([await passAt()]);
    await h.waitFor('two more passes', async () => seen.add(await passAt()).size > 2);
    expect((await ecsService('manual'))?.desiredCount).toBe(3);
    expect((await api.resource('Service/heal/manual')).sync).toBe('OutOfSync');
  });

  it('gives a hand edit a new ETag on /status once a reconcile has recorded it', async () => {
    const url = `${h.running.url}/status/Service/heal/manual`;
    const conditional = (etag: string) => fetch(url, { headers: { 'if-none-match': etag } });
    const before = (await fetch(url)).headers.get('etag') ?? '';
    expect((await conditional(before)).status).toBe(304);
    await h.aws.ecs.send(new UpdateServiceCommand({ cluster: 'heal', service: 'manual', desiredCount: 4 }));
    let changed: Response | undefined;
    for (let reconciles = 0; reconciles < 200 && changed === undefined; reconciles += 1) {
      await h.running.operator.activity.next('reconciles');
      const answer = await conditional(before);
      if (answer.status === 304) continue;
      const body = (await answer.clone().json()) as ResourceBody;
      if (body.drift.some((entry) => entry.actual === 4)) changed = answer;
    }
    expect(changed?.status).toBe(200);
    const etag = changed?.headers.get('etag') ?? '';
    expect(etag).not.toBe(before);
    expect((await conditional(etag)).status).toBe(304);
    const list = await fetch(`${h.running.url}/status?namespace=heal&kind=Service`);
    const listed = ((await list.json()) as { resources: ResourceBody[] }).resources;
    expect(listed.find((r) => r.identity === 'Service/heal/manual')?.drift).toEqual([
      { path: 'desiredCount', desired: 2, actual: 4 },
    ]);
  });
});
