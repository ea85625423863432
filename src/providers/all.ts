import { scalableTargetProvider } from './autoscaling/scalable-target.ts';
import { scalingPolicyProvider } from './autoscaling/scaling-policy.ts';
import { clusterProvider } from './ecs/cluster.ts';
import { jobProvider } from './ecs/job.ts';
import { serviceProvider } from './ecs/service.ts';
import { taskDefinitionProvider } from './ecs/task-definition.ts';
import { accessPointProvider } from './efs/access-point.ts';
import { fileSystemProvider } from './efs/file-system.ts';
import { listenerProvider } from './elbv2/listener.ts';
import { listenerRuleProvider } from './elbv2/listener-rule.ts';
import { loadBalancerProvider } from './elbv2/load-balancer.ts';
import { targetGroupProvider } from './elbv2/target-group.ts';
import { ProviderRegistry } from './registry.ts';
import { discoveryServiceProvider } from './servicediscovery/discovery-service.ts';
import { dnsNamespaceProvider } from './servicediscovery/dns-namespace.ts';
import type { Provider } from './types.ts';

/** Every provider Shipshape has, one per kind. */
export const ALL_PROVIDERS: readonly Provider[] = [
  clusterProvider,
  taskDefinitionProvider,
  jobProvider,
  serviceProvider,
  targetGroupProvider,
  loadBalancerProvider,
  listenerProvider,
  listenerRuleProvider,
  fileSystemProvider,
  accessPointProvider,
  dnsNamespaceProvider,
  discoveryServiceProvider,
  scalableTargetProvider,
  scalingPolicyProvider,
];

export function defaultProviders(): ProviderRegistry {
  return new ProviderRegistry(ALL_PROVIDERS);
}
