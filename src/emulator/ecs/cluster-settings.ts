import { isJsonObject } from '../core/json.ts';
import type { JsonOperation } from '../protocols/json.ts';
import { renderCluster } from './clusters.ts';
import { invalidParameter } from './errors.ts';
import { activeCluster, reader, stateOf } from './input.ts';

const SETTING_VALUES: Readonly<Record<string, readonly string[]>> = {
  containerInsights: ['enabled', 'disabled', 'enhanced'],
};

/** UpdateClusterSettings: sets each named setting, keeps the others; answers the cluster with its settings and tags. */
const updateClusterSettings: JsonOperation = (raw, context) => {
  const input = reader(raw);
  const state = stateOf(context);
  const cluster = activeCluster(state, input.requiredString('cluster'));
  const settings = input.array('settings');
  if (settings === undefined) throw invalidParameter('settings is required');
  const updated = cluster.settings.map((setting) => ({ ...setting }));
  for (const item of settings) {
    if (!isJsonObject(item) || typeof item.name !== 'string' || typeof item.value !== 'string') {
      throw invalidParameter('Each cluster setting must have a name and a value.');
    }
    const allowed = SETTING_VALUES[item.name];
    if (allowed === undefined) throw invalidParameter(`Invalid cluster setting name: ${item.name}.`);
    if (!allowed.includes(item.value)) {
      throw invalidParameter(`Invalid value for cluster setting ${item.name}: ${item.value}.`);
    }
    const existing = updated.find((setting) => setting.name === item.name);
    if (existing === undefined) updated.push({ name: item.name, value: item.value });
    else existing.value = item.value;
  }
  cluster.settings = updated;
  return { cluster: renderCluster(state, cluster, ['SETTINGS', 'TAGS']) };
};

export const clusterSettingsOperations: Record<string, JsonOperation> = {
  UpdateClusterSettings: updateClusterSettings,
};
