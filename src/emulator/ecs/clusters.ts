import { AwsError } from '../core/aws-error.ts';
import type { RequestContext } from '../core/context.ts';
import type { JsonObject, JsonValue } from '../core/json.ts';
import { isJsonObject } from '../core/json.ts';
import type { JsonOperation } from '../protocols/json.ts';
import { clusterArn, nameOf } from './arns.ts';
import { clusterNotFound, invalidParameter } from './errors.ts';
import { activeCluster, maxResults, reader, stateOf } from './input.ts';
import { page } from './paging.ts';
import { compact, renderTags, wantsInclude } from './render.ts';
import type { Cluster, EcsState } from './state.ts';
import { mergeTags, readTags } from './tags.ts';

const CLUSTER_NAME = /^[a-zA-Z0-9_-]{1,255}$/;
const INCLUDES = ['ATTACHMENTS', 'CONFIGURATIONS', 'SETTINGS', 'STATISTICS', 'TAGS'];

function counts(state: EcsState, cluster: Cluster): { running: number; pending: number; services: number } {
  let running = 0;
  let pending = 0;
  for (const id of cluster.taskIds) {
    const task = state.tasks.get(id);
    if (task === undefined || task.desiredStatus !== 'RUNNING') continue;
    if (task.lastStatus === 'RUNNING') running += 1;
    else pending += 1;
  }
  let services = 0;
  for (const service of cluster.services.values()) if (service.status === 'ACTIVE') services += 1;
  return { running, pending, services };
}

export function renderCluster(
  state: EcsState,
  cluster: Cluster,
  include: readonly string[] = [],
): JsonObject {
  const live = counts(state, cluster);
  return compact({
    clusterArn: cluster.arn,
    clusterName: cluster.name,
    status: cluster.status,
    registeredContainerInstancesCount: 0,
    runningTasksCount: live.running,
    pendingTasksCount: live.pending,
    activeServicesCount: live.services,
    statistics: [],
    tags: wantsInclude(include, 'TAGS') ? renderTags(cluster.tags) : undefined,
    settings: wantsInclude(include, 'SETTINGS') ? cluster.settings : undefined,
    configuration: wantsInclude(include, 'CONFIGURATIONS') ? cluster.configuration : undefined,
    capacityProviders: cluster.capacityProviders,
    defaultCapacityProviderStrategy: cluster.defaultCapacityProviderStrategy,
  });
}

function objects(value: JsonValue[] | undefined, name: string): JsonObject[] {
  if (value === undefined) return [];
  if (!value.every(isJsonObject)) throw invalidParameter(`${name} must be a list of objects.`);
  return value;
}

const createCluster: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const state = stateOf(context);
  const name = input.string('clusterName') ?? 'default';
  if (!CLUSTER_NAME.test(name)) {
    throw invalidParameter(
      'Cluster name can have at most 255 characters: letters (uppercase and lowercase), numbers, underscores and hyphens.',
    );
  }
  const existing = state.clusters.get(name);
  if (existing?.status === 'ACTIVE') return { cluster: renderCluster(state, existing, ['TAGS', 'SETTINGS']) };
  const settings = objects(input.array('settings'), 'settings').map((setting) => ({
    name: String(setting.name ?? ''),
    value: String(setting.value ?? ''),
  }));
  if (!settings.some((setting) => setting.name === 'containerInsights')) {
    settings.push({ name: 'containerInsights', value: 'disabled' });
  }
  const cluster: Cluster = {
    arn: clusterArn(context.region, context.accountId, name),
    name,
    status: 'ACTIVE',
    tags: mergeTags([], readTags(input.array('tags'))),
    settings,
    configuration: input.object('configuration'),
    capacityProviders: input.stringArray('capacityProviders') ?? [],
    defaultCapacityProviderStrategy: objects(
      input.array('defaultCapacityProviderStrategy'),
      'defaultCapacityProviderStrategy',
    ),
    services: existing?.services ?? new Map(),
    taskIds: existing?.taskIds ?? new Set(),
  };
  state.clusters.set(name, cluster);
  return { cluster: renderCluster(state, cluster, ['TAGS', 'SETTINGS']) };
};

const describeClusters: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const state = stateOf(context);
  const include = input.stringArray('include') ?? [];
  for (const what of include) {
    if (!INCLUDES.includes(what)) throw invalidParameter(`Invalid include value: ${what}.`);
  }
  const references = input.stringArray('clusters', { max: 100 }) ?? ['default'];
  const clusters: JsonObject[] = [];
  const failures: JsonObject[] = [];
  for (const reference of references) {
    const cluster = state.clusters.get(nameOf(reference));
    if (cluster === undefined) {
      const arn = reference.startsWith('arn:')
        ? reference
        : clusterArn(context.region, context.accountId, reference);
      failures.push({ arn, reason: 'MISSING' });
    } else {
      clusters.push(renderCluster(state, cluster, include));
    }
  }
  return { clusters, failures };
};

function hasLiveServices(cluster: Cluster): boolean {
  for (const service of cluster.services.values()) if (service.status !== 'INACTIVE') return true;
  return false;
}

const deleteCluster: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const state = stateOf(context);
  const cluster = state.clusters.get(nameOf(input.requiredString('cluster')));
  if (cluster === undefined || cluster.status !== 'ACTIVE') throw clusterNotFound();
  if (hasLiveServices(cluster)) {
    throw new AwsError(
      'ClusterContainsServicesException',
      'The Cluster cannot be deleted while Services are active.',
    );
  }
  if (counts(state, cluster).running + counts(state, cluster).pending > 0) {
    throw new AwsError(
      'ClusterContainsTasksException',
      'The Cluster cannot be deleted while Tasks are active.',
    );
  }
  cluster.status = 'INACTIVE';
  return { cluster: renderCluster(state, cluster, ['SETTINGS']) };
};

const listClusters: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const state = stateOf(context);
  const arns: string[] = [];
  for (const cluster of state.clusters.values()) if (cluster.status === 'ACTIVE') arns.push(cluster.arn);
  const result = page(arns, input.string('nextToken'), maxResults(input, 100));
  return compact({ clusterArns: result.items, nextToken: result.nextToken });
};

/** Used by other operations; exported for reuse. */
export function clusterFor(context: RequestContext, reference: string | undefined): Cluster {
  return activeCluster(stateOf(context), reference);
}

export const clusterOperations: Record<string, JsonOperation> = {
  CreateCluster: createCluster,
  DescribeClusters: describeClusters,
  DeleteCluster: deleteCluster,
  ListClusters: listClusters,
};
