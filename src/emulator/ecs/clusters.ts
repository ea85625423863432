import { AwsError } from '../core/aws-error.ts';
import type { RequestContext } from '../core/context.ts';
import { uuid } from '../core/ids.ts';
import type { JsonObject, JsonValue } from '../core/json.ts';
import { isJsonObject } from '../core/json.ts';
import type { JsonOperation } from '../protocols/json.ts';
import { clusterArn, nameOf } from './arns.ts';
import { clusterNotFound, invalidParameter } from './errors.ts';
import { activeCluster, maxResults, reader, stateOf } from './input.ts';
import { page } from './paging.ts';
import { compact, renderTags, wantsInclude } from './render.ts';
import { capacityProviderStrategy } from './service-config.ts';
import type { Cluster, EcsState } from './state.ts';
import { mergeTags, readTags } from './tags.ts';

const CLUSTER_NAME = /^[a-zA-Z0-9_-]{1,255}$/;
const INCLUDES = ['ATTACHMENTS', 'CONFIGURATIONS', 'SETTINGS', 'STATISTICS', 'TAGS'];
/** Fargate's capacity providers: every account has them, and ECS keeps no scaling policy for them. */
const FARGATE_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'];
/** How long ECS takes to settle a capacity provider change (clock time). */
const ATTACHMENTS_SETTLE_MS = 5_000;

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

/** A capacity provider change settles after a while: DELETING attachments go, the others are CREATED. */
function settleAttachments(cluster: Cluster, now: number): void {
  if (cluster.attachmentsStatus !== 'UPDATE_IN_PROGRESS' || now < cluster.attachmentsSettleAt) return;
  cluster.attachments = cluster.attachments.filter((attachment) => attachment.status !== 'DELETING');
  for (const attachment of cluster.attachments) attachment.status = 'CREATED';
  cluster.attachmentsStatus = 'UPDATE_COMPLETE';
}

function renderAttachments(cluster: Cluster): JsonObject[] {
  return cluster.attachments.map((attachment) => ({
    id: attachment.id,
    type: 'as_policy',
    status: attachment.status,
    details: [
      { name: 'capacityProviderName', value: attachment.capacityProvider },
      { name: 'scalingPolicyName', value: attachment.scalingPolicyName },
    ],
  }));
}

/**
 * A cluster as DescribeClusters renders it. With any `include`, AWS answers `tags` and
 * `settings` as lists ([] when not included or empty, per its published examples);
 * without one it leaves them out.
 */
export function renderCluster(
  state: EcsState,
  cluster: Cluster,
  include: readonly string[] = [],
): JsonObject {
  const live = counts(state, cluster);
  const listed = include.length > 0;
  const attachments = wantsInclude(include, 'ATTACHMENTS');
  return compact({
    clusterArn: cluster.arn,
    clusterName: cluster.name,
    status: cluster.status,
    registeredContainerInstancesCount: 0,
    runningTasksCount: live.running,
    pendingTasksCount: live.pending,
    activeServicesCount: live.services,
    statistics: [],
    tags: wantsInclude(include, 'TAGS') ? renderTags(cluster.tags) : listed ? [] : undefined,
    settings: wantsInclude(include, 'SETTINGS') ? cluster.settings : listed ? [] : undefined,
    configuration: wantsInclude(include, 'CONFIGURATIONS') ? cluster.configuration : undefined,
    capacityProviders: cluster.capacityProviders,
    defaultCapacityProviderStrategy: cluster.defaultCapacityProviderStrategy,
    attachments: attachments ? renderAttachments(cluster) : undefined,
    attachmentsStatus: attachments ? cluster.attachmentsStatus : undefined,
  });
}

/**
 * A cluster as CreateCluster and PutClusterCapacityProviders answer it: tags always, settings
 * when there are some, attachments once capacity providers were set (AWS's published examples).
 */
function renderAnswer(state: EcsState, cluster: Cluster): JsonObject {
  const answer = renderCluster(state, cluster, ['TAGS', 'SETTINGS', 'ATTACHMENTS']);
  if (cluster.settings.length === 0) delete answer.settings;
  if (cluster.attachmentsStatus === undefined) delete answer.attachments;
  return answer;
}

/** Sets a cluster's capacity providers and default strategy, as CreateCluster and PutClusterCapacityProviders do. */
function setCapacityProviders(
  cluster: Cluster,
  providers: string[],
  strategy: JsonObject[],
  now: number,
): void {
  for (const item of strategy) {
    if (!providers.includes(String(item.capacityProvider))) {
      throw invalidParameter(
        'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.',
      );
    }
  }
  settleAttachments(cluster, Number.POSITIVE_INFINITY);
  const scaled = providers.filter((provider) => !FARGATE_PROVIDERS.includes(provider));
  for (const attachment of cluster.attachments) {
    attachment.status = scaled.includes(attachment.capacityProvider) ? 'ACTIVE' : 'DELETING';
  }
  for (const provider of scaled) {
    if (cluster.attachments.some((attachment) => attachment.capacityProvider === provider)) continue;
    cluster.attachments.push({
      id: uuid(),
      capacityProvider: provider,
      scalingPolicyName: `ECSManagedAutoScalingPolicy-${uuid()}`,
      status: 'ACTIVE',
    });
  }
  cluster.capacityProviders = providers;
  cluster.defaultCapacityProviderStrategy = strategy;
  cluster.attachmentsStatus = 'UPDATE_IN_PROGRESS';
  cluster.attachmentsSettleAt = now + ATTACHMENTS_SETTLE_MS;
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
  if (existing?.status === 'ACTIVE') {
    settleAttachments(existing, context.now());
    return { cluster: renderAnswer(state, existing) };
  }
  // No containerInsights entry unless given: AWS answers `settings: []` for such a cluster.
  const settings = objects(input.array('settings'), 'settings').map((setting) => ({
    name: String(setting.name ?? ''),
    value: String(setting.value ?? ''),
  }));
  const cluster: Cluster = {
    arn: clusterArn(context.region, context.accountId, name),
    name,
    status: 'ACTIVE',
    tags: mergeTags([], readTags(input.array('tags'))),
    settings,
    configuration: input.object('configuration'),
    capacityProviders: [],
    defaultCapacityProviderStrategy: [],
    attachments: [],
    attachmentsStatus: undefined,
    attachmentsSettleAt: 0,
    services: existing?.services ?? new Map(),
    taskIds: existing?.taskIds ?? new Set(),
  };
  const providers = input.stringArray('capacityProviders') ?? [];
  const strategy = capacityProviderStrategy(
    input.array('defaultCapacityProviderStrategy'),
    'defaultCapacityProviderStrategy',
  );
  if (providers.length > 0 || strategy.length > 0)
    setCapacityProviders(cluster, providers, strategy, context.now());
  state.clusters.set(name, cluster);
  return { cluster: renderAnswer(state, cluster) };
};

const putClusterCapacityProviders: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const state = stateOf(context);
  const cluster = activeCluster(state, input.requiredString('cluster'));
  const providers = input.stringArray('capacityProviders');
  if (providers === undefined) throw invalidParameter('capacityProviders is required.');
  const given = input.array('defaultCapacityProviderStrategy');
  if (given === undefined) throw invalidParameter('defaultCapacityProviderStrategy is required.');
  setCapacityProviders(
    cluster,
    providers,
    capacityProviderStrategy(given, 'defaultCapacityProviderStrategy'),
    context.now(),
  );
  return { cluster: renderAnswer(state, cluster) };
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
      settleAttachments(cluster, context.now());
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
  return { cluster: renderCluster(state, cluster, ['SETTINGS', 'TAGS']) };
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
  PutClusterCapacityProviders: putClusterCapacityProviders,
  DeleteCluster: deleteCluster,
  ListClusters: listClusters,
};
