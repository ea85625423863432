import { setTimeout as sleep } from 'node:timers/promises';
import { PENDING_MS, PROVISIONING_MS, STABLE_AFTER_MS } from '../src/emulator/ecs/timing.ts';
import { clusterOf, type FleetShape, fleet } from './fleet.ts';
import { startOperatorRig } from './operator-rig.ts';
import { type BenchResult, callsOf, type Figure, isRead, sum } from './results.ts';
import { seed, startWorld } from './world.ts';

/** Call counts do not depend on the share; a high one keeps the bench short (production default 0.5). */
export const READS_SHARE = 0.9;

/** Batch and page limits from the AWS models (see /work/shared/AWS-LIMITS.md). */
const DESCRIBE_SERVICES_BATCH = 10;
const DESCRIBE_CLUSTERS_BATCH = 100;
const ECS_LIST_PAGE = 100;
const ELB_DESCRIBE_TAGS_BATCH = 20;
const ELB_PAGE = 400;
const CLOUD_MAP_PAGE = 100;

function perCluster(shape: FleetShape): number[] {
  const counts = new Array<number>(shape.clusters).fill(0);
  for (let i = 0; i < shape.services; i += 1)
    counts[clusterOf(i, shape)] = (counts[clusterOf(i, shape)] ?? 0) + 1;
  return counts;
}

const pages = (items: number, size: number) => Math.max(1, Math.ceil(items / size));

/** Discovery services per namespace (service i is in namespace i mod namespaces). */
function perNamespace(shape: FleetShape): number[] {
  const counts = new Array<number>(shape.namespaces).fill(0);
  for (let i = 0; i < shape.services; i += 1)
    counts[i % shape.namespaces] = (counts[i % shape.namespaces] ?? 0) + 1;
  return counts;
}

/** The drift scan: services described 10 at a time per cluster, clusters 100 at a time, target groups listed 400 a page. */
export function minimumScan(shape: FleetShape): Record<string, number> {
  return {
    'ecs:DescribeServices': perCluster(shape).reduce(
      (total, n) => total + Math.ceil(n / DESCRIBE_SERVICES_BATCH),
      0,
    ),
    'ecs:DescribeClusters': pages(shape.clusters, DESCRIBE_CLUSTERS_BATCH),
    'elbv2:DescribeTargetGroups': shape.withNetworking ? pages(shape.services, ELB_PAGE) : 0,
  };
}

/**
 * A full resync: one listing of each of the 13 kinds at AWS's page sizes, plus what no listing
 * returns: each service described (10 a call) unless the drift scan keeps it fresh, the newest
 * revision of each task definition family (one call each), Cloud Map services listed per
 * namespace (a summary does not say its namespace), each DNS namespace's SOA TTL (GetNamespace),
 * and tags where describes carry none (ELBv2
 * by 20 ARNs; Cloud Map, which has no batch tag read, one call per namespace and per discovery
 * service) the first time only. Kinds the fleet lacks cost their one empty listing;
 * listeners and rules are listed per load balancer, of which there are none.
 */
export function minimumResync(shape: FleetShape, warm: boolean): Record<string, number> {
  const clusters = perCluster(shape);
  const n = shape.services;
  const networked = shape.withNetworking ? n : 0;
  return {
    'ecs:ListClusters': pages(shape.clusters, ECS_LIST_PAGE),
    'ecs:DescribeClusters': pages(shape.clusters, DESCRIBE_CLUSTERS_BATCH),
    'ecs:ListServices': clusters.reduce((total, c) => total + pages(c, ECS_LIST_PAGE), 0),
    'ecs:DescribeServices': warm
      ? 0
      : clusters.reduce((total, c) => total + Math.ceil(c / DESCRIBE_SERVICES_BATCH), 0),
    'ecs:ListTaskDefinitionFamilies': pages(shape.clusters, ECS_LIST_PAGE),
    'ecs:DescribeTaskDefinition': shape.clusters,
    'elbv2:DescribeTargetGroups': pages(networked, ELB_PAGE),
    'elbv2:DescribeTags': warm ? 0 : Math.ceil(networked / ELB_DESCRIBE_TAGS_BATCH),
    'elbv2:DescribeLoadBalancers': 1,
    'efs:DescribeFileSystems': 1,
    'efs:DescribeAccessPoints': 1,
    'servicediscovery:ListNamespaces': pages(shape.namespaces, CLOUD_MAP_PAGE),
    // ListNamespaces leaves a DNS namespace's SOA TTL out (AWS CLI list-namespaces example): one GetNamespace each.
    'servicediscovery:GetNamespace': shape.withNetworking ? shape.namespaces : 0,
    // A service summary does not name its namespace: services are listed namespace by namespace.
    'servicediscovery:ListServices': shape.withNetworking
      ? perNamespace(shape).reduce((t, c) => t + pages(c, CLOUD_MAP_PAGE), 0)
      : 0,
    'servicediscovery:ListTagsForResource': warm
      ? 0
      : (shape.withNetworking ? shape.namespaces : 0) + networked,
    'autoscaling:DescribeScalableTargets': 1,
    'autoscaling:DescribeScalingPolicies': 1,
  };
}

/** AWS read calls of a drift scan and of full resyncs, cold and warm, against the minimum the batch sizes allow. */
export async function reads(services: number): Promise<BenchResult> {
  const shape: FleetShape = { services, clusters: 10, namespaces: 4, withNetworking: true };
  const world = await startWorld({ throttling: true, rateLimited: true, share: READS_SHARE });
  // Long intervals: the bench runs each look itself, one at a time.
  const rig = await startOperatorRig(world, { resyncMs: 3_600_000, driftScanMs: 3_600_000 });
  try {
    const { revision } = fleet(shape);
    await seed(world, revision);
    // Steady state: every task has started and been counted healthy (a service that is not healthy is inspected).
    await sleep(PROVISIONING_MS + PENDING_MS + STABLE_AFTER_MS + 1_000);
    rig.revisions.set(revision);
    world.aws.stats.reset();
    // Taking the lease: the first listing, cold (every tag read once), every resource reconciled.
    await rig.startLeading();
    await rig.settled();
    const cold = callsOf(world.aws.stats.snapshot(), isRead);
    world.aws.stats.reset();
    await rig.operator.scan();
    await rig.settled();
    const scan = callsOf(world.aws.stats.snapshot(), isRead);
    world.aws.stats.reset();
    await rig.operator.resync({ spread: false });
    await rig.settled();
    const warm = callsOf(world.aws.stats.snapshot(), isRead);
    const minScan = minimumScan(shape);
    const minCold = minimumResync(shape, false);
    const minWarm = minimumResync(shape, true);
    const size = `${services} services + TG + DS`;
    const figures: Figure[] = [
      {
        id: 'reads.scan',
        bench: 'reads',
        figure: `reads per drift scan (${size})`,
        measured: sum(scan),
        unit: 'calls',
        reference: sum(minScan),
        referenceLabel: 'minimum',
        goal: { max: sum(minScan), label: '1.00x the minimum' },
      },
      {
        id: 'reads.resync',
        bench: 'reads',
        figure: `reads per full resync, steady state (${size})`,
        measured: sum(warm),
        unit: 'calls',
        reference: sum(minWarm),
        referenceLabel: 'minimum',
        goal: { max: 1.1 * sum(minWarm), label: '<= 1.1x the minimum' },
      },
      {
        id: 'reads.resync-cold',
        bench: 'reads',
        figure: `reads of the first listing, every tag read once (${size})`,
        measured: sum(cold),
        unit: 'calls',
        reference: sum(minCold),
        referenceLabel: 'minimum',
        goal: { max: 1.1 * sum(minCold), label: '<= 1.1x the minimum' },
      },
    ];
    return { figures, details: { shape, scan, minScan, warm, minWarm, cold, minCold } };
  } finally {
    await rig.close();
    await world.close();
  }
}
