import { clusterProvider } from './ecs/cluster.ts';
import { serviceProvider } from './ecs/service.ts';
import { taskDefinitionProvider } from './ecs/task-definition.ts';
import { ProviderRegistry } from './registry.ts';
import type { Provider } from './types.ts';

/** Every provider Shipshape has, one per kind. */
export const ALL_PROVIDERS: readonly Provider[] = [
  clusterProvider,
  taskDefinitionProvider,
  serviceProvider,
];

export function defaultProviders(): ProviderRegistry {
  return new ProviderRegistry(ALL_PROVIDERS);
}
