import type { Service } from '@aws-sdk/client-ecs';
import { findPolicies } from '../providers/autoscaling/find-for-import.ts';
import { listServiceNames } from '../providers/ecs/find-services.ts';
import { findByTargetGroups } from '../providers/elbv2/find-for-import.ts';
import type { IdMap } from '../providers/id-map.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { findByRegistryArns } from '../providers/servicediscovery/find-for-import.ts';
import type { ProviderContext } from '../providers/types.ts';
import { type Found, observeByName } from './observe-by-name.ts';

type LookupContext = ProviderContext & { readonly resolver: IdMap };

export interface Discovery {
  readonly cluster: string;
  /** Only these services (default: every service of the cluster). */
  readonly services?: readonly string[] | undefined;
}

/** `arn:aws:ecs:r:a:task-definition/web:3` -> `web`. */
function familyOfArn(arn: string): string {
  return (arn.split('/').pop() ?? arn).split(':')[0] ?? arn;
}

/**
 * Everything an import writes, starting from ECS: the cluster, its services and
 * their task definitions. Throws when the cluster or a named service is missing.
 */
export async function discover(
  request: Discovery,
  providers: ProviderRegistry,
  context: LookupContext,
): Promise<{ found: Found[]; notes: string[] }> {
  const notes: string[] = [];
  const clusters = await observeByName(
    'Cluster',
    [{ awsName: request.cluster, locate: { clusterName: request.cluster } }],
    providers,
    context,
  );
  if (clusters.length === 0) throw new Error(`cluster ${request.cluster} not found`);
  const names =
    request.services === undefined || request.services.length === 0
      ? await listServiceNames(request.cluster, context)
      : [...request.services];
  const services = await observeByName(
    'Service',
    names.map((name) => ({ awsName: name, locate: { cluster: request.cluster, serviceName: name } })),
    providers,
    context,
  );
  const missing = names.filter((name) => !services.some((service) => service.awsName === name));
  if (missing.length > 0)
    throw new Error(`service(s) not found in cluster ${request.cluster}: ${missing.join(', ')}`);
  const families = [
    ...new Set(
      services
        .map((service) => (service.observed.detail as Service | undefined)?.taskDefinition)
        .filter((arn): arn is string => arn !== undefined)
        .map(familyOfArn),
    ),
  ].sort();
  const taskDefinitions = await observeByName(
    'TaskDefinition',
    families.map((family) => ({ awsName: family, locate: { family } })),
    providers,
    context,
  );
  const details = services.map((service) => service.observed.detail as Service | undefined);
  const targetGroupArns = details.flatMap((service) =>
    (service?.loadBalancers ?? []).flatMap((lb) =>
      [lb.targetGroupArn, lb.advancedConfiguration?.alternateTargetGroupArn].filter(
        (arn): arn is string => arn !== undefined,
      ),
    ),
  );
  const registryArns = details.flatMap((service) =>
    (service?.serviceRegistries ?? []).flatMap((registry) =>
      registry.registryArn === undefined ? [] : [registry.registryArn],
    ),
  );
  const found = [
    ...clusters,
    ...taskDefinitions,
    ...services,
    ...(await followTargetGroups([...new Set(targetGroupArns)].sort(), providers, context)),
    ...(await followRegistries(registryArns, providers, context, notes)),
    ...(await followScaling(services, providers, context)),
  ];
  return { found, notes };
}

const ECS_DIMENSION = 'ecs:service:DesiredCount';

/** The services' scalable targets (desired count) and the scaling policies on them. */
async function followScaling(
  services: readonly Found[],
  providers: ProviderRegistry,
  context: LookupContext,
): Promise<Found[]> {
  const targets = await observeByName(
    'ScalableTarget',
    services.map((service) => ({
      awsName: service.awsName,
      locate: {
        serviceNamespace: 'ecs',
        scalableDimension: ECS_DIMENSION,
        resourceId: service.observed.ids.resourceId ?? '',
      },
    })),
    providers,
    context,
  );
  const standInOf = new Map(targets.map((target) => [target.observed.ids.arn ?? '', target.standIn]));
  const policies = await findPolicies(
    targets.map((target) => target.observed.ids),
    context,
  );
  return [
    ...targets,
    ...(await observeByName(
      'ScalingPolicy',
      policies.map((policy) => ({
        awsName: policy.policyName,
        locate: { policyName: policy.policyName, scalableTargetRef: standInOf.get(policy.targetArn) ?? '' },
        ...(policy.owner === undefined ? {} : { owner: policy.owner }),
      })),
      providers,
      context,
    )),
  ];
}

/** Target groups, the listeners and rules forwarding to them, and their load balancers. */
async function followTargetGroups(
  arns: readonly string[],
  providers: ProviderRegistry,
  context: LookupContext,
): Promise<Found[]> {
  if (arns.length === 0) return [];
  const found = await findByTargetGroups(arns, context);
  const named = (name: string | undefined) => (name === undefined ? [] : [name]);
  return [
    ...(await observeByName(
      'TargetGroup',
      found.targetGroups
        .flatMap((group) => named(group.TargetGroupName))
        .map((name) => ({ awsName: name, locate: { name } })),
      providers,
      context,
    )),
    // An empty securityGroups asks the provider to project the live security groups (an ALB's included).
    ...(await observeByName(
      'LoadBalancer',
      found.loadBalancers
        .flatMap((balancer) => named(balancer.LoadBalancerName))
        .map((name) => ({ awsName: name, locate: { name, securityGroups: [] } })),
      providers,
      context,
    )),
    ...(await observeByName(
      'Listener',
      found.listeners.map((listener) => ({
        awsName: `${balancerName(listener.loadBalancerArn)}-${listener.port}`,
        locate: listener,
      })),
      providers,
      context,
    )),
    ...(await observeByName(
      'ListenerRule',
      found.rules.map((rule) => ({
        awsName: `${balancerName(rule.listenerArn)}-rule-${rule.priority}`,
        locate: rule,
      })),
      providers,
      context,
    )),
  ];
}

/** `arn:...:loadbalancer/app/web/50dc6c495c0c9188[/listener id]` -> `web`. */
function balancerName(arn: string): string {
  const parts = arn.split(':').pop()?.split('/') ?? [];
  return parts[2] ?? 'listener';
}

/** Cloud Map services that ECS services register in, and their namespaces. */
async function followRegistries(
  arns: readonly string[],
  providers: ProviderRegistry,
  context: LookupContext,
  notes: string[],
): Promise<Found[]> {
  if (arns.length === 0) return [];
  const found = await findByRegistryArns(arns, context);
  // Cloud Map does not say which VPC a private namespace is in (Route 53 does), and its manifest needs it.
  const privateOnes = found.namespaces.filter((namespace) => namespace.type === 'DNS_PRIVATE');
  for (const namespace of privateOnes) {
    notes.push(
      `private DNS namespace ${namespace.name} (${namespace.id}) not written: Cloud Map does not return its VPC; its discovery services name it by namespaceId`,
    );
  }
  const writable = found.namespaces.filter((namespace) => namespace.type !== 'DNS_PRIVATE');
  return [
    ...(await observeByName(
      'DnsNamespace',
      writable.map((namespace) => ({ awsName: namespace.name, locate: { name: namespace.name } })),
      providers,
      context,
    )),
    ...(await observeByName(
      'DiscoveryService',
      found.services.map((service) => ({
        awsName: service.name,
        locate: { name: service.name, namespaceId: service.namespaceId },
      })),
      providers,
      context,
    )),
  ];
}
