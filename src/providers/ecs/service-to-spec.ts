import type { Service } from '@aws-sdk/client-ecs';
import type { JsonObject, JsonValue } from '../../diff/index.ts';
import { isJsonObject } from '../../diff/index.ts';
import { toPlain } from '../plain.ts';
import { dropDefaults, referAll, setDefined, userTags } from '../spec-helpers.ts';
import type { ObservedResource, RefNamer } from '../types.ts';
import { normaliseService, strategyToSpec } from './service-shape.ts';
import { referTo } from './task-definition-to-spec.ts';

const SERVICE_DEFAULTS: JsonObject = {
  schedulingStrategy: 'REPLICA',
  deploymentController: { type: 'ECS' },
  healthCheckGracePeriodSeconds: 0,
  enableECSManagedTags: false,
  enableExecuteCommand: false,
  propagateTags: 'NONE',
  platformVersion: 'LATEST',
  desiredCount: 1,
};

/**
 * Chosen by AWS when the manifest leaves them out, and accepted as live then
 * (service-shape.ts): a manifest that omits them plans no change.
 */
const LIVE_WHEN_OMITTED = ['availabilityZoneRebalancing'] as const;

/** The role ECS uses when a service names none (the create-service examples answer with it). */
const SERVICE_LINKED_ROLE = /:role\/aws-service-role\/ecs\.amazonaws\.com\/AWSServiceRoleForECS$/;

function deploymentConfiguration(value: JsonValue | undefined, daemon: boolean): JsonObject | undefined {
  if (!isJsonObject(value)) return undefined;
  const out = dropDefaults(
    value,
    daemon
      ? { maximumPercent: 100, minimumHealthyPercent: 0 }
      : { maximumPercent: 200, minimumHealthyPercent: 100 },
  );
  if (JSON.stringify(out.deploymentCircuitBreaker) === JSON.stringify({ enable: false, rollback: false }))
    delete out.deploymentCircuitBreaker;
  // Alarms off is what AWS shows for a service created without them.
  const alarms = out.alarms;
  if (
    isJsonObject(alarms) &&
    alarms.enable === false &&
    alarms.rollback === false &&
    Array.isArray(alarms.alarmNames) &&
    alarms.alarmNames.length === 0
  )
    delete out.alarms;
  return Object.keys(out).length === 0 ? undefined : out;
}

function networkConfiguration(value: JsonValue | undefined): JsonValue | undefined {
  if (!isJsonObject(value) || !isJsonObject(value.awsvpcConfiguration)) return value;
  return {
    ...value,
    awsvpcConfiguration: dropDefaults(value.awsvpcConfiguration, { assignPublicIp: 'DISABLED' }),
  };
}

function withRefs(
  list: JsonValue | undefined,
  literal: string,
  refKey: string,
  kind: 'TargetGroup' | 'DiscoveryService',
  refs: RefNamer,
): JsonValue | undefined {
  if (!Array.isArray(list)) return list;
  return list.map((item) => {
    if (!isJsonObject(item)) return item;
    const copy: JsonObject = { ...item };
    referTo(copy, literal, refKey, kind, refs);
    return copy;
  });
}

/** The whole live configuration: `observe` drops from its state what the manifest it was given leaves open. */
function liveState(observed: ObservedResource): JsonObject {
  const service = observed.detail as Service | undefined;
  if (service === undefined) return observed.state;
  return { ...normaliseService(toPlain(service) as JsonObject), tags: observed.state.tags };
}

/**
 * A Service spec for a live service: cluster, task definition, target groups and
 * discovery services by reference when imported too; AWS's defaults left out.
 */
export function serviceToSpec(observed: ObservedResource, refs: RefNamer): JsonObject {
  const { tags, ...state } = liveState(observed);
  const daemon = state.schedulingStrategy === 'DAEMON';
  const spec = dropDefaults(state, SERVICE_DEFAULTS);
  for (const member of LIVE_WHEN_OMITTED) delete spec[member];
  if (typeof spec.role === 'string' && SERVICE_LINKED_ROLE.test(spec.role)) delete spec.role;
  spec.serviceName = observed.ids.name ?? '';
  const cluster = observed.ids.cluster ?? '';
  const clusterRef = refs.refOf('Cluster', cluster);
  if (clusterRef === undefined) spec.cluster = cluster;
  else spec.clusterRef = clusterRef;
  referTo(spec, 'taskDefinition', 'taskDefinitionRef', 'TaskDefinition', refs);
  setDefined(spec, 'deploymentConfiguration', deploymentConfiguration(spec.deploymentConfiguration, daemon));
  setDefined(spec, 'networkConfiguration', networkConfiguration(spec.networkConfiguration));
  setDefined(spec, 'capacityProviderStrategy', strategyToSpec(spec.capacityProviderStrategy));
  // The target group, and a blue/green deployment's alternate target group and listener rules.
  setDefined(
    spec,
    'loadBalancers',
    spec.loadBalancers === undefined ? undefined : referAll(spec.loadBalancers, refs),
  );
  setDefined(
    spec,
    'serviceRegistries',
    withRefs(spec.serviceRegistries, 'registryArn', 'discoveryServiceRef', 'DiscoveryService', refs),
  );
  setDefined(spec, 'tags', userTags(tags));
  return spec;
}
