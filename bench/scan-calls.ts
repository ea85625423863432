import { setTimeout as sleep } from 'node:timers/promises';
import { PENDING_MS, PROVISIONING_MS, STABLE_AFTER_MS } from '../src/emulator/ecs/timing.ts';
import { clusterOf, type FleetShape, fleet } from './fleet.ts';
import { startOperatorRig } from './operator-rig.ts';
import type { BenchResult, Figure } from './results.ts';
import { seed, startWorld } from './world.ts';

const READ = /^(Describe|List|Get)/;

/** Call counts do not depend on the share; a high one keeps the bench short (production default 0.5). */
export const SCAN_SHARE = 0.9;

/** Batch and page limits from the AWS models (see /work/shared/AWS-LIMITS.md). */
const DESCRIBE_SERVICES_BATCH = 10;
const DESCRIBE_CLUSTERS_BATCH = 100;
const ELB_DESCRIBE_TAGS_BATCH = 20;
const ELB_TARGET_GROUP_PAGE = 400;
const ECS_LIST_PAGE = 100;
const CLOUD_MAP_PAGE = 100;

function perCluster(shape: FleetShape): number[] {
  const counts = new Array<number>(shape.clusters).fill(0);
  for (let i = 0; i < shape.services; i += 1)
    counts[clusterOf(i, shape)] = (counts[clusterOf(i, shape)] ?? 0) + 1;
  return counts;
}

/** The fewest reads a drift scan of the services can make: DescribeServices by 10, per cluster. */
export function minimumScan(shape: FleetShape): Record<string, number> {
  return {
    'ecs:DescribeServices': perCluster(shape).reduce(
      (sum, n) => sum + Math.ceil(n / DESCRIBE_SERVICES_BATCH),
      0,
    ),
  };
}

/**
 * The fewest reads a full pass (observe everything, list owned resources for
 * pruning) can make with tag-based ownership and task definitions cached by ARN.
 * Cloud Map has no batch tag read: its ownership costs one ListTagsForResource
 * per namespace and per service.
 */
export function minimumFullPass(shape: FleetShape): Record<string, number> {
  const clusters = perCluster(shape);
  const n = shape.services;
  return {
    'ecs:DescribeClusters': Math.ceil(shape.clusters / DESCRIBE_CLUSTERS_BATCH),
    'ecs:ListClusters': Math.ceil(shape.clusters / ECS_LIST_PAGE),
    'ecs:DescribeServices': clusters.reduce((sum, c) => sum + Math.ceil(c / DESCRIBE_SERVICES_BATCH), 0),
    'ecs:ListServices': clusters.reduce((sum, c) => sum + Math.max(1, Math.ceil(c / ECS_LIST_PAGE)), 0),
    // The latest revision of each family: one DescribeTaskDefinition per family.
    'ecs:DescribeTaskDefinition': shape.clusters,
    'elbv2:DescribeTargetGroups': Math.max(1, Math.ceil(n / ELB_TARGET_GROUP_PAGE)),
    'elbv2:DescribeTags': Math.ceil(n / ELB_DESCRIBE_TAGS_BATCH),
    'servicediscovery:ListNamespaces': Math.max(1, Math.ceil(shape.namespaces / CLOUD_MAP_PAGE)),
    'servicediscovery:ListServices': Math.max(1, Math.ceil(n / CLOUD_MAP_PAGE)),
    'servicediscovery:ListTagsForResource': shape.namespaces + n,
  };
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

function readsOf(
  snapshot: Record<string, { ok: number; error: number; throttled: number }>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, c] of Object.entries(snapshot)) {
    if (READ.test(key.split(':')[1] ?? '')) out[key] = c.ok + c.error + c.throttled;
  }
  return out;
}

/** 1. AWS read calls per steady-state drift scan and per full pass, against the minimum the batch sizes allow. */
export async function scanCalls(services: number): Promise<BenchResult> {
  const shape: FleetShape = { services, clusters: 10, namespaces: 4, withNetworking: true };
  const world = await startWorld({ throttling: true, rateLimited: true, share: SCAN_SHARE });
  const rig = await startOperatorRig(world);
  try {
    const { revision } = fleet(shape);
    await seed(world, revision);
    // Steady state: every task has started and been counted healthy (a service that is not healthy is inspected).
    await sleep(PROVISIONING_MS + PENDING_MS + STABLE_AFTER_MS + 1_000);
    rig.revisions.set(revision);
    world.aws.stats.reset();
    // The first full pass after the fleet is live: observes everything and lists what it owns for pruning.
    const full = await rig.operator.runPass('full');
    const fullReads = readsOf(world.aws.stats.snapshot());
    world.aws.stats.reset();
    const scan = await rig.operator.runPass('scan');
    const scanReads = readsOf(world.aws.stats.snapshot());
    const minScan = minimumScan(shape);
    const minFull = minimumFullPass(shape);
    const throttled = Object.values(world.aws.stats.snapshot()).reduce((a, c) => a + c.throttled, 0);
    const figures: Figure[] = [
      {
        bench: '1 drift scan',
        figure: `reads per drift scan (${services} services)`,
        measured: sum(scanReads),
        unit: 'calls',
        reference: sum(minScan),
        referenceLabel: 'minimum',
        note: `noop=${scan.counts.noop}`,
      },
      {
        bench: '1 drift scan',
        figure: `reads per full pass (${services} svc + TG + DS)`,
        measured: sum(fullReads),
        unit: 'calls',
        reference: sum(minFull),
        referenceLabel: 'minimum',
        note: `noop=${full.counts.noop}, throttled=${throttled}`,
      },
    ];
    return { figures, details: { shape, scanReads, minScan, fullReads, minFull, fullCounts: full.counts } };
  } finally {
    await rig.close();
    await world.close();
  }
}
