import { createHash } from 'node:crypto';
import {
  CreateServiceCommand,
  type CreateServiceCommandInput,
  DeleteServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListClustersCommand,
  ListServicesCommand,
  ListTasksCommand,
  type Service,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateServiceCommand,
  type UpdateServiceCommandInput,
} from '@aws-sdk/client-ecs';
import { awsSpecOf } from '../../converge/controls.ts';
import { diff, differentAt, type JsonObject } from '../../diff/index.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { chunks, paged } from '../batch.ts';
import { REDEPLOY_ANNOTATION } from '../ownership.ts';
import { toPlain } from '../plain.ts';
import { substituteReferences } from '../references.ts';
import { desiredTags, fromLowerTagList, type TagMap, tagChanges, toLowerTagList } from '../tags.ts';
import type { HealthReport, ObservedResource, Provider, ProviderContext } from '../types.ts';
import { acceptLiveServiceDefaults, normaliseService, SERVICE_COMPARISON } from './service-shape.ts';
import { serviceToSpec } from './service-to-spec.ts';

/** DescribeServices takes up to 10 services a call, DescribeTasks up to 100 tasks. */
const DESCRIBE_BATCH = 10;
const DESCRIBE_TASKS_BATCH = 100;
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
      resourceId: `service/${service.clusterArn?.split('/').pop() ?? ''}/${service.serviceName ?? ''}`,
    },
    owned,
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

/** The members of the desired state that UpdateService takes, for those that differ. */
function updateInput(
  cluster: string,
  name: string,
  desired: JsonObject,
  live: JsonObject,
): UpdateServiceCommandInput {
  const changed = diff(
    Object.fromEntries(Object.entries(desired).filter(([key]) => key !== 'tags')),
    Object.fromEntries(Object.entries(live).filter(([key]) => key !== 'tags')),
    SERVICE_COMPARISON,
  );
  const input: Record<string, unknown> = { cluster, service: name };
  const updatable = [
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
  ];
  for (const member of updatable) {
    if (differentAt(changed, member))
      input[member] = desired[member] ?? (member.endsWith('s') ? [] : undefined);
  }
  return input as unknown as UpdateServiceCommandInput;
}

export const serviceProvider: Provider = {
  kind: 'Service',
  compare: SERVICE_COMPARISON,
  replaceOn: ['schedulingStrategy', 'deploymentController', 'launchType', 'role'],
  toSpec: serviceToSpec,

  async observe(manifests, context) {
    const byCluster = new Map<string, LoadedManifest[]>();
    for (const manifest of manifests) {
      const cluster = clusterOf(manifest, context);
      if (cluster === undefined) continue;
      byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), manifest]);
    }
    const result = new Map<string, ObservedResource>();
    for (const [cluster, ofCluster] of byCluster) {
      const byName = new Map(ofCluster.map((manifest) => [serviceNameOf(manifest), manifest]));
      let services: Service[];
      try {
        services = await describe(cluster, [...byName.keys()], context);
      } catch (error) {
        if (error instanceof Error && error.name === 'ClusterNotFoundException') continue;
        throw error;
      }
      for (const service of services) {
        const manifest = byName.get(service.serviceName ?? '');
        if (manifest === undefined) continue;
        const owned = context.ownership.identityOf(fromLowerTagList(service.tags)) === manifest.identity;
        const live = observedService(service, manifest.identity, owned);
        const desired = this.desired(manifest, context);
        result.set(
          manifest.identity,
          desired.ok ? { ...live, state: acceptLiveServiceDefaults(desired.state, live.state) } : live,
        );
      }
    }
    return result;
  },

  async listOwned(context) {
    const clusters = await paged(async (nextToken) => {
      const page = await context.aws.ecs.send(new ListClustersCommand({ maxResults: 100, nextToken }));
      return { items: page.clusterArns ?? [], next: page.nextToken };
    });
    const owned: ObservedResource[] = [];
    for (const cluster of clusters) {
      const arns = await paged(async (nextToken) => {
        const page = await context.aws.ecs.send(
          new ListServicesCommand({ cluster, maxResults: 100, nextToken }),
        );
        return { items: page.serviceArns ?? [], next: page.nextToken };
      });
      for (const service of await describe(cluster, arns, context)) {
        const identity = context.ownership.identityOf(fromLowerTagList(service.tags));
        if (identity?.startsWith('Service/')) owned.push(observedService(service, identity, true));
      }
    }
    return owned;
  },

  desired(manifest, context) {
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
  },

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

  async update(manifest, desired, live, context) {
    const cluster = live.ids.cluster ?? clusterOf(manifest, context) ?? 'default';
    const name = serviceNameOf(manifest);
    const input = updateInput(cluster, name, desired, live.state);
    const wantedTags = desired.tags as TagMap;
    const liveTags = live.state.tags as TagMap;
    if (wantedTags[REDEPLOY_TAG] !== liveTags[REDEPLOY_TAG] && wantedTags[REDEPLOY_TAG] !== undefined) {
      input.forceNewDeployment = true;
    }
    if (Object.keys(input).length > 2) await context.aws.ecs.send(new UpdateServiceCommand(input));
    const { add, remove } = tagChanges(wantedTags, liveTags);
    const resourceArn = live.ids.arn ?? '';
    if (Object.keys(add).length > 0)
      await context.aws.ecs.send(new TagResourceCommand({ resourceArn, tags: toLowerTagList(add) }));
    if (remove.length > 0)
      await context.aws.ecs.send(new UntagResourceCommand({ resourceArn, tagKeys: remove }));
  },

  /** Counts the stops of the tasks of the revision the service runs now, within the window. */
  async inspect(live, context, sinceMs) {
    const service = live.detail as Service | undefined;
    const cluster = live.ids.cluster ?? '';
    const primary = service?.deployments?.find((deployment) => deployment.status === 'PRIMARY');
    const version = service?.taskDefinition;
    const stopped = await paged(async (nextToken) => {
      const page = await context.aws.ecs.send(
        new ListTasksCommand({
          cluster,
          serviceName: live.ids.name,
          desiredStatus: 'STOPPED',
          maxResults: 100,
          nextToken,
        }),
      );
      return { items: page.taskArns ?? [], next: page.nextToken };
    });
    const recent: Array<{ at: number; reason: string }> = [];
    for (const batch of chunks(stopped, DESCRIBE_TASKS_BATCH)) {
      const answer = await context.aws.ecs.send(new DescribeTasksCommand({ cluster, tasks: batch }));
      for (const task of answer.tasks ?? []) {
        const at = task.stoppedAt?.getTime() ?? task.stoppingAt?.getTime() ?? 0;
        const ofCurrentVersion = version === undefined || task.taskDefinitionArn === version;
        if (
          at >= sinceMs &&
          ofCurrentVersion &&
          task.stopCode !== 'UserInitiated' &&
          task.stopCode !== 'ServiceSchedulerInitiated'
        ) {
          recent.push({ at, reason: task.stoppedReason ?? task.stopCode ?? 'stopped' });
        }
      }
    }
    recent.sort((a, b) => b.at - a.at);
    return {
      stoppedTasks: recent.length,
      stoppedReasons: [...new Set(recent.map((stop) => stop.reason))],
      ...(version === undefined ? {} : { version }),
      rolloutFailed: primary?.rolloutState === 'FAILED',
    };
  },

  async rollback(live, version, context) {
    await context.aws.ecs.send(
      new UpdateServiceCommand({ cluster: live.ids.cluster, service: live.ids.arn, taskDefinition: version }),
    );
  },

  async delete(live, context) {
    const cluster = live.ids.cluster ?? '';
    const service = live.ids.arn ?? '';
    const desiredCount = live.state.desiredCount;
    if (typeof desiredCount === 'number' && desiredCount > 0) {
      await context.aws.ecs.send(new UpdateServiceCommand({ cluster, service, desiredCount: 0 }));
    }
    await context.aws.ecs.send(new DeleteServiceCommand({ cluster, service }));
    return 'deleted';
  },
};
