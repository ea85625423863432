import { clusterProvider } from './ecs/cluster.ts';
import { ProviderRegistry } from './registry.ts';
import type { Provider } from './types.ts';

/** Every provider Shipshape has, one per kind. */
export const ALL_PROVIDERS: readonly Provider[] = [clusterProvider];

export function defaultProviders(): ProviderRegistry {
  return new ProviderRegistry(ALL_PROVIDERS);
}
