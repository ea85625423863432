import {
  type Cluster,
  ClusterContainsServicesException,
  CreateClusterCommand,
  DeleteClusterCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  PutClusterCapacityProvidersCommand,
  UpdateClusterSettingsCommand,
} from '@aws-sdk/client-ecs';
import { differentAt, type JsonObject, type JsonValue } from '../../diff/index.ts';
import { awsSpecOf } from '../../manifest/controls.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { chunks } from '../batch.ts';
import { retainedIn } from '../ownership.ts';
import { toPlain } from '../plain.ts';
import { desiredTags, fromLowerTagList, type TagMap, toLowerTagList } from '../tags.ts';
import { NotReadyError, type ObservedResource, type Provider, type ProviderContext } from '../types.ts';
import { clusterToSpec } from './cluster-to-spec.ts';
import {
  clusterArns,
  lastSegment,
  putEcsTags,
  serviceArns,
  serviceTagKey,
  untagOwnership,
} from './listing.ts';
import { capacityProviderStrategy } from './service-shape.ts';

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
    defaultCapacityProviderStrategy: capacityProviderStrategy(
      toPlain(cluster.defaultCapacityProviderStrategy ?? []),
    ) as JsonValue[],
    tags: fromLowerTagList(cluster.tags),
  };
}

function observed(cluster: Cluster, identity: string, owned: boolean): ObservedResource {
  return {
    identity,
    ids: { arn: cluster.clusterArn ?? '', name: cluster.clusterName ?? '' },
    owned,
    retained: retainedIn(fromLowerTagList(cluster.tags)),
    state: project(cluster),
    health:
      cluster.status === 'ACTIVE'
        ? { health: 'Healthy' }
        : { health: 'Progressing', message: `cluster is ${cluster.status}` },
    detail: cluster,
  };
}

/** A described cluster as a read returns it for its manifest: no call to AWS. */
export function observeCluster(
  cluster: Cluster,
  manifest: LoadedManifest,
  context: ProviderContext,
): ObservedResource {
  const owner = context.ownership.identityOf(fromLowerTagList(cluster.tags));
  return observed(cluster, manifest.identity, owner === manifest.identity);
}

async function describe(names: readonly string[], context: ProviderContext): Promise<Cluster[]> {
  const found: Cluster[] = [];
  for (const batch of chunks(names, DESCRIBE_BATCH)) {
    const answer = await context.aws.ecs.send(
      new DescribeClustersCommand({ clusters: batch, include: ['SETTINGS', 'TAGS'] }),
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
  scanned: true,
  toSpec: clusterToSpec,

  async read({ manifests, everyOwned }, context) {
    const byName = new Map(manifests.map((manifest) => [clusterNameOf(manifest), manifest]));
    const names = everyOwned ? await clusterArns(context) : [...byName.keys()];
    const result = new Map<string, ObservedResource>();
    for (const cluster of await describe(names, context)) {
      const manifest = byName.get(cluster.clusterName ?? '');
      const owner = context.ownership.identityOf(fromLowerTagList(cluster.tags));
      if (manifest !== undefined) {
        result.set(manifest.identity, observeCluster(cluster, manifest, context));
      } else if (everyOwned && owner?.startsWith('Cluster/') === true && !result.has(owner)) {
        result.set(owner, observed(cluster, owner, true));
      }
    }
    return result;
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
        defaultCapacityProviderStrategy: capacityProviderStrategy(
          toPlain(spec.defaultCapacityProviderStrategy ?? []),
        ) as JsonValue[],
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

  async update(manifest, desired, live, delta, context) {
    const arn = live.ids.arn ?? '';
    const name = clusterNameOf(manifest);
    if (differentAt(delta, 'settings')) {
      await context.aws.ecs.send(
        new UpdateClusterSettingsCommand({
          cluster: name,
          settings: desired.settings as Array<{ name: 'containerInsights'; value: string }>,
        }),
      );
    }
    if (differentAt(delta, 'capacityProviders') || differentAt(delta, 'defaultCapacityProviderStrategy')) {
      await context.aws.ecs.send(
        new PutClusterCapacityProvidersCommand({
          cluster: name,
          capacityProviders: desired.capacityProviders as string[],
          defaultCapacityProviderStrategy: desired.defaultCapacityProviderStrategy as [],
        }),
      );
    }
    await putEcsTags(arn, desired.tags as TagMap, live.state.tags as TagMap, delta, context);
  },

  release: (live, context) => untagOwnership(live.ids.arn ?? '', context),

  async delete(live, context) {
    try {
      await context.aws.ecs.send(new DeleteClusterCommand({ cluster: live.ids.arn }));
      return 'deleted';
    } catch (error) {
      if (!(error instanceof ClusterContainsServicesException)) throw error;
      const foreign = await foreignServices(live.ids.arn ?? '', context);
      // Its own services are still draining: they go by themselves.
      if (foreign.length === 0)
        throw new NotReadyError(`${live.identity}: waiting for its services to drain`, 5_000);
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

/**
 * Names of the cluster's ACTIVE or DRAINING services without this instance's ownership tags.
 * Services whose tags a read of this look already saw are not described again.
 */
async function foreignServices(cluster: string, context: ProviderContext): Promise<string[]> {
  const foreign: string[] = [];
  const unknown: string[] = [];
  for (const arn of await serviceArns(cluster, context)) {
    const tags = context.tags.get(serviceTagKey(arn));
    if (tags === undefined) unknown.push(arn);
    else if (context.ownership.identityOf(tags) === undefined) foreign.push(lastSegment(arn));
  }
  for (const batch of chunks(unknown, 10)) {
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
