import { createHash } from 'node:crypto';
import {
  CreateServiceCommand,
  type CreateServiceCommandInput,
  DeleteServiceCommand,
  DescribeServicesCommand,
  type Service,
  UpdateServiceCommand,
  type UpdateServiceCommandInput,
} from '@aws-sdk/client-ecs';
import { type DriftEntry, differentAt, type JsonObject } from '../../diff/index.ts';
import { awsSpecOf } from '../../manifest/controls.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { chunks } from '../batch.ts';
import { REDEPLOY_ANNOTATION, retainedIn } from '../ownership.ts';
import { toPlain } from '../plain.ts';
import { substituteReferences } from '../references.ts';
import { desiredTags, fromLowerTagList, type TagMap, toLowerTagList } from '../tags.ts';
import type { DesiredResult, HealthReport, ObservedResource, Provider, ProviderContext } from '../types.ts';
import {
  clusterArns,
  lastSegment,
  putEcsTags,
  serviceArns,
  serviceTagKey,
  untagOwnership,
} from './listing.ts';
import { serviceHealth } from './service-health.ts';
import { acceptLiveServiceDefaults, normaliseService, SERVICE_COMPARISON } from './service-shape.ts';
import { serviceToSpec } from './service-to-spec.ts';

/** DescribeServices takes up to 10 services a call. */
const DESCRIBE_BATCH = 10;
/** The redeploy annotation's value, kept on the service so that a new value shows as drift. */
export const REDEPLOY_TAG = 'shipshape.dev/redeploy';

function serviceNameOf(manifest: LoadedManifest): string {
  const name = manifest.spec.serviceName;
  return typeof name === 'string' ? name : manifest.metadata.name;
}

/** The cluster name a service manifest lives in, once its cluster is known. */
function clusterOf(manifest: LoadedManifest, context: ProviderContext): string | undefined {
  const { clusterRef, cluster } = manifest.spec;
  if (typeof clusterRef === 'string') {
    const resolved = substituteReferences({ clusterRef }, manifest, context.resolver);
    return resolved.ok ? String(resolved.value.cluster) : undefined;
  }
  return typeof cluster === 'string' ? (cluster.split('/').pop() ?? cluster) : 'default';
}

function healthOf(service: Service): HealthReport {
  if (service.status !== 'ACTIVE') return { health: 'Progressing', message: `service is ${service.status}` };
  const primary = service.deployments?.find((deployment) => deployment.status === 'PRIMARY');
  if (primary?.rolloutState === 'FAILED') {
    return { health: 'Degraded', message: primary.rolloutStateReason ?? 'deployment failed' };
  }
  const steady =
    (service.deployments?.length ?? 0) === 1 &&
    primary?.rolloutState !== 'IN_PROGRESS' &&
    service.runningCount === service.desiredCount;
  return steady
    ? { health: 'Healthy' }
    : {
        health: 'Progressing',
        message: `${service.runningCount ?? 0} of ${service.desiredCount ?? 0} tasks running`,
      };
}

function project(service: Service): JsonObject {
  const plain = toPlain(service) as JsonObject;
  return { ...normaliseService(plain), tags: fromLowerTagList(service.tags) };
}

function observedService(service: Service, identity: string, owned: boolean): ObservedResource {
  return {
    identity,
    ids: {
      arn: service.serviceArn ?? '',
      name: service.serviceName ?? '',
      cluster: service.clusterArn?.split('/').pop() ?? '',
      clusterArn: service.clusterArn ?? '',
      resourceId: `service/${service.clusterArn?.split('/').pop() ?? ''}/${service.serviceName ?? ''}`,
    },
    owned,
    retained: retainedIn(fromLowerTagList(service.tags)),
    state: project(service),
    health: healthOf(service),
    detail: service,
  };
}

async function describe(
  cluster: string,
  names: readonly string[],
  context: ProviderContext,
): Promise<Service[]> {
  const found: Service[] = [];
  for (const batch of chunks(names, DESCRIBE_BATCH)) {
    const answer = await context.aws.ecs.send(
      new DescribeServicesCommand({ cluster, services: batch, include: ['TAGS'] }),
    );
    found.push(...(answer.services ?? []).filter((service) => service.status !== 'INACTIVE'));
  }
  return found;
}

/** A creation token that a retry of the same creation repeats, so a timed-out create never makes a duplicate. */
function clientToken(instance: string, identity: string): string {
  return createHash('sha256').update(`${instance}\n${identity}`).digest('hex').slice(0, 32);
}

/** The members UpdateService takes. */
const UPDATABLE = [
  'taskDefinition',
  'desiredCount',
  'capacityProviderStrategy',
  'deploymentConfiguration',
  'networkConfiguration',
  'placementConstraints',
  'placementStrategy',
  'platformVersion',
  'healthCheckGracePeriodSeconds',
  'enableExecuteCommand',
  'enableECSManagedTags',
  'loadBalancers',
  'propagateTags',
  'serviceRegistries',
  'serviceConnectConfiguration',
  'volumeConfigurations',
  'availabilityZoneRebalancing',
] as const;

/** The members of the desired state that UpdateService takes, for those the delta says differ. */
function updateInput(
  cluster: string,
  name: string,
  desired: JsonObject,
  delta: readonly DriftEntry[],
): UpdateServiceCommandInput {
  const input: Record<string, unknown> = { cluster, service: name };
  for (const member of UPDATABLE) {
    if (differentAt(delta, member))
      input[member] = desired[member] ?? (member.endsWith('s') ? [] : undefined);
  }
  return input as unknown as UpdateServiceCommandInput;
}

/** The services of a manifest set, by cluster name and then by service name. */
function byCluster(
  manifests: readonly LoadedManifest[],
  context: ProviderContext,
): Map<string, Map<string, LoadedManifest>> {
  const grouped = new Map<string, Map<string, LoadedManifest>>();
  for (const manifest of manifests) {
    const cluster = clusterOf(manifest, context);
    if (cluster === undefined) continue;
    const ofCluster = grouped.get(cluster) ?? new Map<string, LoadedManifest>();
    ofCluster.set(serviceNameOf(manifest), manifest);
    grouped.set(cluster, ofCluster);
  }
  return grouped;
}

const serviceKey = serviceTagKey;

function desiredService(manifest: LoadedManifest, context: ProviderContext): DesiredResult {
  const spec = awsSpecOf(manifest) as JsonObject;
  const { clusterRef: _clusterRef, cluster: _cluster, serviceName: _name, tags: _tags, ...rest } = spec;
  const substituted = substituteReferences(rest, manifest, context.resolver);
  if (!substituted.ok) return substituted;
  if (clusterOf(manifest, context) === undefined) {
    return { ok: false, waitingFor: String(manifest.spec.clusterRef ?? manifest.spec.cluster) };
  }
  const withCount = { desiredCount: 1, ...substituted.value };
  const tags: TagMap = desiredTags(manifest, context.ownership);
  const redeploy = manifest.metadata.annotations?.[REDEPLOY_ANNOTATION];
  if (redeploy !== undefined) tags[REDEPLOY_TAG] = redeploy;
  return { ok: true, state: { ...normaliseService(withCount), tags } };
}

/** A described service as what a read returns: its manifest's resource, an owned orphan, or nothing of ours. */
function classify(
  service: Service,
  byName: ReadonlyMap<string, LoadedManifest>,
  context: ProviderContext,
): ObservedResource | undefined {
  const tags = fromLowerTagList(service.tags);
  context.tags.set(serviceKey(service.serviceArn ?? ''), tags);
  const manifest = byName.get(service.serviceName ?? '');
  const owner = context.ownership.identityOf(tags);
  if (manifest === undefined) {
    // A DRAINING service is already being deleted: it is no longer there to prune.
    const orphan = service.status === 'ACTIVE' && owner?.startsWith('Service/') === true;
    return orphan && owner !== undefined ? observedService(service, owner, true) : undefined;
  }
  return observeService(service, manifest, context);
}

/**
 * A described service as a read returns it for its manifest, AWS's choices for what the manifest
 * leaves open accepted: no call to AWS.
 */
export function observeService(
  service: Service,
  manifest: LoadedManifest,
  context: ProviderContext,
): ObservedResource {
  const owned = context.ownership.identityOf(fromLowerTagList(service.tags)) === manifest.identity;
  const live = observedService(service, manifest.identity, owned);
  const desired = desiredService(manifest, context);
  return desired.ok ? { ...live, state: acceptLiveServiceDefaults(desired.state, live.state) } : live;
}

export const serviceProvider: Provider = {
  kind: 'Service',
  compare: SERVICE_COMPARISON,
  replaceOn: ['schedulingStrategy', 'deploymentController', 'launchType', 'role'],
  scanned: true,
  health: serviceHealth,
  toSpec: serviceToSpec,

  /**
   * With `everyOwned`, every cluster's services are listed; a service seen before without this
   * instance's tags and named by no manifest is not described again until its tags expire, and
   * one the drift scan keeps fresh is taken from the cache once the listing shows it is still there.
   */
  async read({ manifests, everyOwned, fresh, onBatch }, context) {
    const wanted = byCluster(manifests, context);
    const cached = new Map((context.peers?.of('Service') ?? []).map((known) => [known.identity, known]));
    const result = new Map<string, ObservedResource>();
    const clusters = everyOwned ? (await clusterArns(context)).map(lastSegment) : [...wanted.keys()];
    for (const cluster of clusters) {
      const byName = wanted.get(cluster) ?? new Map<string, LoadedManifest>();
      let names: string[] = [...byName.keys()];
      if (everyOwned) {
        names = [];
        for (const arn of await serviceArns(cluster, context)) {
          const manifest = byName.get(lastSegment(arn));
          const kept =
            manifest !== undefined && fresh?.has(manifest.identity)
              ? cached.get(manifest.identity)
              : undefined;
          if (manifest !== undefined && kept?.ids.arn === arn) {
            result.set(manifest.identity, kept);
            continue;
          }
          const known = context.tags.get(serviceKey(arn));
          const foreign = known !== undefined && context.ownership.identityOf(known) === undefined;
          if (manifest !== undefined || !foreign) names.push(arn);
        }
      }
      for (const batch of chunks(names, DESCRIBE_BATCH)) {
        let services: Service[];
        try {
          services = await describe(cluster, batch, context);
        } catch (error) {
          if (error instanceof Error && error.name === 'ClusterNotFoundException') break;
          throw error;
        }
        const found = new Map<string, ObservedResource>();
        for (const service of services) {
          const seen = classify(service, byName, context);
          if (seen !== undefined && !result.has(seen.identity)) {
            result.set(seen.identity, seen);
            found.set(seen.identity, seen);
          }
        }
        onBatch?.(found);
      }
    }
    return result;
  },

  desired: desiredService,

  async create(manifest, desired, context) {
    const cluster = clusterOf(manifest, context) ?? 'default';
    const { tags, ...config } = desired;
    const answer = await context.aws.ecs.send(
      new CreateServiceCommand({
        ...(config as unknown as CreateServiceCommandInput),
        cluster,
        serviceName: serviceNameOf(manifest),
        clientToken: clientToken(context.ownership.instance, manifest.identity),
        tags: toLowerTagList(tags as TagMap),
      }),
    );
    const service = answer.service;
    return observedService(service ?? {}, manifest.identity, true).ids;
  },

  async update(manifest, desired, live, delta, context) {
    const cluster = live.ids.cluster ?? clusterOf(manifest, context) ?? 'default';
    const input = updateInput(cluster, serviceNameOf(manifest), desired, delta);
    const wantedTags = desired.tags as TagMap;
    const liveTags = live.state.tags as TagMap;
    if (wantedTags[REDEPLOY_TAG] !== liveTags[REDEPLOY_TAG] && wantedTags[REDEPLOY_TAG] !== undefined) {
      input.forceNewDeployment = true;
    }
    if (Object.keys(input).length > 2) await context.aws.ecs.send(new UpdateServiceCommand(input));
    await putEcsTags(live.ids.arn ?? '', wantedTags, liveTags, delta, context);
  },

  async release(live, context) {
    await untagOwnership(live.ids.arn ?? '', context);
    context.tags.forget(serviceKey(live.ids.arn ?? ''));
  },

  /** One call: `force` scales the service to nothing and deletes it (DRAINING, then INACTIVE). */
  async delete(live, context) {
    try {
      await context.aws.ecs.send(
        new DeleteServiceCommand({
          cluster: live.ids.cluster ?? '',
          service: live.ids.arn ?? '',
          force: true,
        }),
      );
    } catch (error) {
      if (!(error instanceof Error && error.name === 'ServiceNotFoundException')) throw error;
    }
    context.tags.forget(serviceKey(live.ids.arn ?? ''));
    return 'deleted';
  },
};
