import {
  type Cluster,
  ClusterContainsServicesException,
  CreateClusterCommand,
  DeleteClusterCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  ListClustersCommand,
  ListServicesCommand,
  PutClusterCapacityProvidersCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateClusterSettingsCommand,
} from '@aws-sdk/client-ecs';
import { awsSpecOf } from '../../converge/controls.ts';
import type { JsonObject, JsonValue } from '../../diff/index.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { chunks, paged } from '../batch.ts';
import { toPlain } from '../plain.ts';
import { desiredTags, fromLowerTagList, tagChanges, toLowerTagList } from '../tags.ts';
import type { ObservedResource, Provider, ProviderContext } from '../types.ts';
import { clusterToSpec } from './cluster-to-spec.ts';

/** DescribeClusters takes up to 100 clusters a call. */
const DESCRIBE_BATCH = 100;

function clusterNameOf(manifest: LoadedManifest): string {
  const name = manifest.spec.clusterName;
  return typeof name === 'string' ? name : manifest.metadata.name;
}

/** containerInsights unset reads as disabled on both sides. */
function normaliseSettings(
  settings: ReadonlyArray<{ name?: string | undefined; value?: string | undefined }> | undefined,
): JsonValue[] {
  const byName = new Map<string, string>([['containerInsights', 'disabled']]);
  for (const setting of settings ?? [])
    if (setting.name !== undefined) byName.set(setting.name, setting.value ?? '');
  return [...byName].sort(([a], [b]) => a.localeCompare(b)).map(([name, value]) => ({ name, value }));
}

function project(cluster: Cluster): JsonObject {
  return {
    clusterName: cluster.clusterName ?? '',
    settings: normaliseSettings(cluster.settings),
    capacityProviders: [...(cluster.capacityProviders ?? [])].sort(),
    defaultCapacityProviderStrategy: toPlain(cluster.defaultCapacityProviderStrategy ?? []),
    tags: fromLowerTagList(cluster.tags),
  };
}

function observed(cluster: Cluster, identity: string, owned: boolean): ObservedResource {
  return {
    identity,
    ids: { arn: cluster.clusterArn ?? '', name: cluster.clusterName ?? '' },
    owned,
    state: project(cluster),
    health:
      cluster.status === 'ACTIVE'
        ? { health: 'Healthy' }
        : { health: 'Progressing', message: `cluster is ${cluster.status}` },
    detail: cluster,
  };
}

async function describe(names: readonly string[], context: ProviderContext): Promise<Cluster[]> {
  const found: Cluster[] = [];
  for (const batch of chunks(names, DESCRIBE_BATCH)) {
    const answer = await context.aws.ecs.send(
      new DescribeClustersCommand({ clusters: batch, include: ['SETTINGS', 'TAGS'] }),
      context.signal === undefined ? {} : { abortSignal: context.signal },
    );
    found.push(...(answer.clusters ?? []).filter((cluster) => cluster.status !== 'INACTIVE'));
  }
  return found;
}

export const clusterProvider: Provider = {
  kind: 'Cluster',
  compare: {
    lists: {
      settings: { key: 'name' },
      defaultCapacityProviderStrategy: { key: 'capacityProvider' },
      capacityProviders: 'set',
    },
  },
  replaceOn: ['clusterName'],
  toSpec: clusterToSpec,

  async observe(manifests, context) {
    const byName = new Map(manifests.map((manifest) => [clusterNameOf(manifest), manifest]));
    const result = new Map<string, ObservedResource>();
    for (const cluster of await describe([...byName.keys()], context)) {
      const manifest = byName.get(cluster.clusterName ?? '');
      if (manifest === undefined) continue;
      const owner = context.ownership.identityOf(fromLowerTagList(cluster.tags));
      result.set(manifest.identity, observed(cluster, manifest.identity, owner === manifest.identity));
    }
    return result;
  },

  async listOwned(context) {
    const arns = await paged(async (nextToken) => {
      const page = await context.aws.ecs.send(new ListClustersCommand({ maxResults: 100, nextToken }));
      return { items: page.clusterArns ?? [], next: page.nextToken };
    });
    const owned: ObservedResource[] = [];
    for (const cluster of await describe(arns, context)) {
      const identity = context.ownership.identityOf(fromLowerTagList(cluster.tags));
      if (identity?.startsWith('Cluster/')) owned.push(observed(cluster, identity, true));
    }
    return owned;
  },

  desired(manifest, context) {
    const spec = awsSpecOf(manifest);
    const settings = Array.isArray(spec.settings)
      ? (spec.settings as Array<{ name?: string; value?: string }>)
      : [];
    const capacityProviders = Array.isArray(spec.capacityProviders)
      ? (spec.capacityProviders as string[])
      : [];
    return {
      ok: true,
      state: {
        clusterName: clusterNameOf(manifest),
        settings: normaliseSettings(settings),
        capacityProviders: [...capacityProviders].sort(),
        defaultCapacityProviderStrategy: toPlain(spec.defaultCapacityProviderStrategy ?? []),
        tags: desiredTags(manifest, context.ownership),
      },
    };
  },

  async create(manifest, desired, context) {
    const spec = awsSpecOf(manifest);
    const answer = await context.aws.ecs.send(
      new CreateClusterCommand({
        clusterName: clusterNameOf(manifest),
        settings: desired.settings as Array<{ name: 'containerInsights'; value: string }>,
        ...(Array.isArray(spec.capacityProviders)
          ? { capacityProviders: spec.capacityProviders as string[] }
          : {}),
        ...(Array.isArray(spec.defaultCapacityProviderStrategy)
          ? { defaultCapacityProviderStrategy: spec.defaultCapacityProviderStrategy as [] }
          : {}),
        tags: toLowerTagList(desired.tags as Record<string, string>),
      }),
    );
    return { arn: answer.cluster?.clusterArn ?? '', name: answer.cluster?.clusterName ?? '' };
  },

  async update(manifest, desired, live, context) {
    const arn = live.ids.arn ?? '';
    const name = clusterNameOf(manifest);
    if (JSON.stringify(desired.settings) !== JSON.stringify(live.state.settings)) {
      await context.aws.ecs.send(
        new UpdateClusterSettingsCommand({
          cluster: name,
          settings: desired.settings as Array<{ name: 'containerInsights'; value: string }>,
        }),
      );
    }
    if (
      JSON.stringify(desired.capacityProviders) !== JSON.stringify(live.state.capacityProviders) ||
      JSON.stringify(desired.defaultCapacityProviderStrategy) !==
        JSON.stringify(live.state.defaultCapacityProviderStrategy)
    ) {
      await context.aws.ecs.send(
        new PutClusterCapacityProvidersCommand({
          cluster: name,
          capacityProviders: desired.capacityProviders as string[],
          defaultCapacityProviderStrategy: desired.defaultCapacityProviderStrategy as [],
        }),
      );
    }
    const { add, remove } = tagChanges(
      desired.tags as Record<string, string>,
      live.state.tags as Record<string, string>,
    );
    if (Object.keys(add).length > 0) {
      await context.aws.ecs.send(new TagResourceCommand({ resourceArn: arn, tags: toLowerTagList(add) }));
    }
    if (remove.length > 0)
      await context.aws.ecs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: remove }));
  },

  async delete(live, context) {
    try {
      await context.aws.ecs.send(new DeleteClusterCommand({ cluster: live.ids.arn }));
      return 'deleted';
    } catch (error) {
      if (!(error instanceof ClusterContainsServicesException)) throw error;
      const foreign = await foreignServices(live.ids.arn ?? '', context);
      if (foreign.length === 0) return 'pending';
      throw new ForeignServicesError(live.ids.name ?? '', foreign);
    }
  },
};

/** A cluster holding services Shipshape does not own is never emptied by it: it stays, and says why. */
export class ForeignServicesError extends Error {
  constructor(cluster: string, services: readonly string[]) {
    const shown = services.slice(0, 5).join(', ');
    super(
      `cluster ${cluster} still runs ${services.length} service(s) Shipshape does not own (${shown}${services.length > 5 ? ', ...' : ''}); it is left in place`,
    );
    this.name = 'ForeignServicesError';
  }
}

/** Names of the cluster's ACTIVE or DRAINING services without this instance's ownership tags. */
async function foreignServices(cluster: string, context: ProviderContext): Promise<string[]> {
  const arns = await paged(async (nextToken) => {
    const page = await context.aws.ecs.send(new ListServicesCommand({ cluster, maxResults: 100, nextToken }));
    return { items: page.serviceArns ?? [], next: page.nextToken };
  });
  const foreign: string[] = [];
  for (const batch of chunks(arns, 10)) {
    const answer = await context.aws.ecs.send(
      new DescribeServicesCommand({ cluster, services: batch, include: ['TAGS'] }),
    );
    for (const service of answer.services ?? []) {
      if (service.status === 'INACTIVE') continue;
      if (context.ownership.identityOf(fromLowerTagList(service.tags)) === undefined)
        foreign.push(service.serviceName ?? '');
    }
  }
  return foreign;
}
