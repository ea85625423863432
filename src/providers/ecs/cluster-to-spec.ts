import type { JsonObject } from '../../diff/index.ts';
import { isJsonObject } from '../../diff/index.ts';
import { setDefined, userTags } from '../spec-helpers.ts';
import type { ObservedResource } from '../types.ts';
import { strategyToSpec } from './service-shape.ts';

/** A Cluster spec for a live cluster: containerInsights "disabled" and empty lists are AWS's defaults and left out. */
export function clusterToSpec(observed: ObservedResource): JsonObject {
  const { state } = observed;
  const spec: JsonObject = { clusterName: state.clusterName };
  const settings = Array.isArray(state.settings)
    ? state.settings.filter(
        (setting) =>
          !(isJsonObject(setting) && setting.name === 'containerInsights' && setting.value === 'disabled'),
      )
    : [];
  if (settings.length > 0) spec.settings = settings;
  if (Array.isArray(state.capacityProviders) && state.capacityProviders.length > 0)
    spec.capacityProviders = state.capacityProviders;
  if (
    Array.isArray(state.defaultCapacityProviderStrategy) &&
    state.defaultCapacityProviderStrategy.length > 0
  ) {
    spec.defaultCapacityProviderStrategy = strategyToSpec(state.defaultCapacityProviderStrategy) ?? [];
  }
  setDefined(spec, 'tags', userTags(state.tags));
  return spec;
}
