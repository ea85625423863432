import { isDeepStrictEqual } from 'node:util';
import {
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  RegisterTaskDefinitionCommand,
  type Service,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateTargetGroupCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RuntimeHarness, startRuntimeHarness } from '../support/runtime-harness.ts';
import {
  describeAllServices,
  expectedInventory,
  liveInventory,
  resourceCount,
  type WorkloadShape,
  workloadFiles,
} from './workload.ts';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 60_000 });

const shape = (servicesPerCluster: number, targetGroups: number, desiredCount: number): WorkloadShape => ({
  namespace: 'mine',
  clusters: 2,
  servicesPerCluster,
  targetGroups,
  desiredCount,
});
const FULL = shape(5, 3, 1);
const CLUSTERS = ['mine-c0', 'mine-c1'];
// 100 resources made by hand: 10 task definition families, 60 services in Shipshape's clusters, 30 target groups.
const FOREIGN_FAMILIES = 10;
const FOREIGN_SERVICES_PER_CLUSTER = 30;
const FOREIGN_TARGET_GROUPS = 30;

/** The whole revision in one object, so that emptying the bucket is one step. */
const oneFile = (s: WorkloadShape) => ({ 'all.yaml': Object.values(workloadFiles(s)).join('---\n') });

let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness({ config: { resyncSeconds: 2 } });
});
afterAll(async () => {
  await h?.close();
});

/** Converged on `s`; `foreign`: with the hand-made resources beside it. */
const converged = (s: WorkloadShape, foreign = true) =>
  h.waitFor('convergence', async () => {
    const expected = foreign ? withForeign(expectedInventory(s)) : expectedInventory(s);
    if (!isDeepStrictEqual(await liveInventory(h.aws), expected)) return false;
    const statuses = h.running.operator.statuses();
    return statuses.length === resourceCount(s) && statuses.every((st) => st.sync === 'Synced');
  });

async function makeForeign(): Promise<void> {
  for (let f = 0; f < FOREIGN_FAMILIES; f += 1) {
    await h.aws.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: `foreign-${f}`,
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'x', image: 'foreign:1' }],
        tags: [{ key: 'team', value: 'other' }],
      }),
    );
  }
  for (const cluster of CLUSTERS) {
    for (let s = 0; s < FOREIGN_SERVICES_PER_CLUSTER; s += 1) {
      await h.aws.ecs.send(
        new CreateServiceCommand({
          cluster,
          serviceName: `foreign-${s}`,
          taskDefinition: `foreign-${s % FOREIGN_FAMILIES}`,
          desiredCount: 1,
          launchType: 'FARGATE',
          networkConfiguration: {
            awsvpcConfiguration: { subnets: ['subnet-aaa'], securityGroups: ['sg-111'] },
          },
          tags: [{ key: 'team', value: 'other' }],
        }),
      );
    }
  }
  for (let t = 0; t < FOREIGN_TARGET_GROUPS; t += 1) {
    await h.aws.elbv2.send(
      new CreateTargetGroupCommand({
        Name: `foreign-tg${t}`,
        Protocol: 'HTTP',
        Port: 80,
        TargetType: 'ip',
        VpcId: 'vpc-0a1b2c3d',
        Tags: [{ Key: 'team', Value: 'other' }],
      }),
    );
  }
}

/** What a service's owner set, without what ECS changes on its own (tasks, deployments, events). */
function settled(service: Service): Record<string, unknown> {
  const { events: _e, deployments: _d, runningCount: _r, pendingCount: _p, ...rest } = service;
  return rest;
}

async function foreignState(): Promise<unknown> {
  const services: unknown[] = [];
  for (const cluster of CLUSTERS) {
    const all = await describeAllServices(h.aws, cluster);
    const foreign = all.filter((s) => s.serviceName?.startsWith('foreign-'));
    const described = await Promise.all(
      foreign.map(async (s) => {
        const answer = await h.aws.ecs.send(
          new DescribeServicesCommand({ cluster, services: [s.serviceArn ?? ''], include: ['TAGS'] }),
        );
        return settled(answer.services?.[0] ?? {});
      }),
    );
    services.push(...described);
  }
  const families: unknown[] = [];
  for (let f = 0; f < FOREIGN_FAMILIES; f += 1) {
    const answer = await h.aws.ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: `foreign-${f}`, include: ['TAGS'] }),
    );
    families.push({ taskDefinition: answer.taskDefinition, tags: answer.tags });
  }
  const groups =
    (
      await h.aws.elbv2.send(
        new DescribeTargetGroupsCommand({
          Names: Array.from({ length: FOREIGN_TARGET_GROUPS }, (_, t) => `foreign-tg${t}`),
        }),
      )
    ).TargetGroups ?? [];
  const tags = await h.aws.elbv2.send(
    new DescribeTagsCommand({ ResourceArns: groups.slice(0, 20).map((g) => g.TargetGroupArn ?? '') }),
  );
  const moreTags = await h.aws.elbv2.send(
    new DescribeTagsCommand({ ResourceArns: groups.slice(20).map((g) => g.TargetGroupArn ?? '') }),
  );
  return {
    services,
    families,
    groups,
    tags: [...(tags.TagDescriptions ?? []), ...(moreTags.TagDescriptions ?? [])],
  };
}

function countOf(state: unknown): number {
  const { services, families, groups } = state as {
    services: unknown[];
    families: unknown[];
    groups: unknown[];
  };
  return services.length + families.length + groups.length;
}

async function statusBody() {
  return (await (await fetch(`${h.running.url}/status`)).json()) as {
    operator: { pruneGuard: { held: boolean; reason?: string } };
  };
}

describe('100 resources without Shipshape tags in the same clusters', () => {
  let before: unknown;

  it('are made by hand next to an applied workload', async () => {
    await h.commit(oneFile(FULL));
    await converged(FULL, false);
    await makeForeign();
    before = await foreignState();
    expect(countOf(before)).toBe(100);
  });

  it('stay untouched through an apply, a drift revert and a prune', async () => {
    const updated = shape(5, 3, 2);
    await h.commit(oneFile(updated));
    await converged(updated);
    // A hand edit of an owned service: reverted.
    await h.aws.ecs.send(
      new UpdateServiceCommand({ cluster: 'mine-c0', service: 'svc-0-0', desiredCount: 7 }),
    );
    await h.waitFor('the edit reverted', async () => {
      const [service] =
        (await h.aws.ecs.send(new DescribeServicesCommand({ cluster: 'mine-c0', services: ['svc-0-0'] })))
          .services ?? [];
      return service?.desiredCount === 2;
    });
    // Three of 16 removed: under the prune share, so deleted.
    const pruned = shape(4, 2, 2);
    await h.commit(oneFile(pruned));
    await converged(pruned);
    // Two more whole resyncs over all of it, every resource reconciled.
    await h.running.operator.activity.next('resyncs', 2);
    await h.waitFor('the resync worked off', async () => h.running.operator.settled);
    expect(await foreignState()).toEqual(before);
    const ids = h.running.operator.statuses().flatMap((s) => Object.values(s.awsIds ?? {}));
    expect(ids.filter((id) => id.includes('foreign'))).toEqual([]);
  });

  it('the bucket emptied: nothing deleted without the override; with it, only what Shipshape owns', async () => {
    const owned = shape(4, 2, 2);
    await h.remove('all.yaml');
    const guard = await h.waitFor('the prune guard', async () => {
      const { pruneGuard } = (await statusBody()).operator;
      return pruneGuard.held && /source is empty/.test(pruneGuard.reason ?? '') ? pruneGuard : undefined;
    });
    expect(guard.reason).toMatch(/deleting all \d+ owned resources is held back/);
    // Two more whole resyncs with the guard holding: nothing deleted.
    await h.running.operator.activity.next('resyncs', 2);
    await h.waitFor('the resync worked off', async () => h.running.operator.settled);
    expect(await liveInventory(h.aws)).toEqual(withForeign(expectedInventory(owned)));

    const refused = await fetch(`${h.running.url}/prune/allow`, { method: 'POST' });
    expect(refused.status).toBe(401);
    const authorization = `Bearer ${h.config.apiToken ?? ''}`;
    const allow = (body: object) =>
      fetch(`${h.running.url}/prune/allow`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    // Emptiness needs saying: a plain override is refused, and says why.
    const plain = await allow({});
    expect(plain.status).toBe(409);
    expect(((await plain.json()) as { message: string }).message).toMatch(/emptySource/);
    const allowed = await allow({ emptySource: true });
    expect(allowed.status).toBe(200);
    await h.waitFor('the owned services deleted', async () => {
      const live = await liveInventory(h.aws);
      return live.services.every((s) => s.name.split('/')[1]?.startsWith('foreign-'));
    });
    // The clusters still hold the foreign services, so they cannot go, and say why; that holds
    // back nothing else: the target groups and the task definition are deleted.
    await h.waitFor('the rest of what Shipshape owns deleted', async () => {
      const live = await liveInventory(h.aws);
      const ownTargetGroups = live.targetGroups.filter((name) => !name.startsWith('foreign-'));
      return ownTargetGroups.length === 0 && live.taskDefinitionFamilies['mine-app'] === undefined;
    });
    for (const cluster of ['Cluster/mine/c0', 'Cluster/mine/c1']) {
      const status = await h.waitFor(`${cluster} to say why it stays`, async () =>
        h.running.operator.statuses().find((s) => s.identity === cluster && s.lastError !== undefined),
      );
      expect(status.lastError?.code).toBe('ForeignServicesError');
    }
    expect((await liveInventory(h.aws)).clusters).toEqual(expect.arrayContaining(CLUSTERS));
    // Every foreign resource is as it was.
    expect(await foreignState()).toEqual(before);
  });
});

/** The inventory with the foreign resources added (their services as created, by name). */
function withForeign(inventory: ReturnType<typeof expectedInventory>) {
  const services = [...inventory.services];
  for (const cluster of CLUSTERS) {
    for (let s = 0; s < FOREIGN_SERVICES_PER_CLUSTER; s += 1) {
      services.push({
        name: `${cluster}/foreign-${s}`,
        desiredCount: 1,
        family: `foreign-${s % FOREIGN_FAMILIES}`,
      });
    }
  }
  const families = { ...inventory.taskDefinitionFamilies };
  for (let f = 0; f < FOREIGN_FAMILIES; f += 1) families[`foreign-${f}`] = 1;
  return {
    clusters: inventory.clusters,
    services: services.sort((a, b) => a.name.localeCompare(b.name)),
    taskDefinitionFamilies: families,
    targetGroups: [
      ...inventory.targetGroups,
      ...Array.from({ length: FOREIGN_TARGET_GROUPS }, (_, t) => `foreign-tg${t}`),
    ].sort(),
  };
}
