import type { ComparisonSpec, JsonObject, JsonValue } from '../../diff/index.ts';
import { isJsonObject } from '../../diff/index.ts';
import { pruneEmptyObject } from '../prune-empty.ts';

/** The members RegisterTaskDefinition accepts (besides tags): the only ones compared. */
const REGISTER_MEMBERS = [
  'family',
  'taskRoleArn',
  'executionRoleArn',
  'networkMode',
  'containerDefinitions',
  'volumes',
  'placementConstraints',
  'requiresCompatibilities',
  'cpu',
  'memory',
  'pidMode',
  'ipcMode',
  'proxyConfiguration',
  'inferenceAccelerators',
  'ephemeralStorage',
  'runtimePlatform',
  'enableFaultInjection',
] as const;

/** Filled in by AWS when omitted: when the manifest leaves them out, whatever is live is accepted. */
const LIVE_WHEN_OMITTED_TASK = ['runtimePlatform', 'enableFaultInjection'] as const;
const LIVE_WHEN_OMITTED_CONTAINER = ['versionConsistency'] as const;

const HEALTH_CHECK_DEFAULTS = { interval: 30, timeout: 5, retries: 3 } as const;

export const TASK_DEFINITION_COMPARISON: ComparisonSpec = {
  lists: {
    containerDefinitions: { key: 'name' },
    'containerDefinitions[].environment': { key: 'name' },
    'containerDefinitions[].secrets': { key: 'name' },
    'containerDefinitions[].portMappings': { key: ['containerPort', 'protocol'] },
    'containerDefinitions[].mountPoints': { key: ['sourceVolume', 'containerPath'] },
    'containerDefinitions[].volumesFrom': { key: 'sourceContainer' },
    'containerDefinitions[].dependsOn': { key: 'containerName' },
    'containerDefinitions[].ulimits': { key: 'name' },
    'containerDefinitions[].systemControls': { key: 'namespace' },
    'containerDefinitions[].extraHosts': { key: 'hostname' },
    'containerDefinitions[].environmentFiles': { key: ['type', 'value'] },
    'containerDefinitions[].resourceRequirements': { key: 'type' },
    volumes: { key: 'name' },
    requiresCompatibilities: 'set',
    placementConstraints: 'set',
  },
};

/** "0.25 vCPU" -> "256", "1 GB" -> "1024", "512 MiB" -> "512": AWS stores the plain units. */
export function normaliseTaskSize(value: string, unit: 'cpu' | 'memory'): string {
  const text = value.trim();
  const match = /^(\d+(?:\.\d+)?)\s*(vcpu|gb|mib|mb)?$/i.exec(text);
  if (match === null) return text;
  const amount = Number(match[1]);
  const suffix = (match[2] ?? '').toLowerCase();
  if (unit === 'cpu' && suffix === 'vcpu') return String(Math.round(amount * 1024));
  if (unit === 'memory' && suffix === 'gb') return String(Math.round(amount * 1024));
  return String(Math.round(amount));
}

function portMapping(mapping: JsonValue, networkMode: string): JsonValue {
  if (!isJsonObject(mapping)) return mapping;
  const out: JsonObject = { ...mapping, protocol: mapping.protocol ?? 'tcp' };
  if ((networkMode === 'awsvpc' || networkMode === 'host') && out.hostPort === undefined)
    out.hostPort = out.containerPort;
  return out;
}

function container(definition: JsonValue, networkMode: string): JsonValue {
  if (!isJsonObject(definition)) return definition;
  const out: JsonObject = { ...definition, essential: definition.essential ?? true };
  if (out.cpu === 0) delete out.cpu;
  if (Array.isArray(out.portMappings))
    out.portMappings = out.portMappings.map((m) => portMapping(m, networkMode));
  if (isJsonObject(out.healthCheck)) out.healthCheck = { ...HEALTH_CHECK_DEFAULTS, ...out.healthCheck };
  return out;
}

function volume(definition: JsonValue): JsonValue {
  if (!isJsonObject(definition) || !isJsonObject(definition.efsVolumeConfiguration)) return definition;
  const efs = definition.efsVolumeConfiguration;
  return {
    ...definition,
    efsVolumeConfiguration: {
      ...efs,
      rootDirectory: efs.rootDirectory ?? '/',
      transitEncryption: efs.transitEncryption ?? 'DISABLED',
    },
  };
}

/**
 * A task definition as both sides are compared: only what RegisterTaskDefinition
 * takes, AWS's defaults filled in, empty lists dropped, sizes in plain units.
 */
export function normaliseTaskDefinition(input: JsonObject): JsonObject {
  const networkMode = typeof input.networkMode === 'string' ? input.networkMode : 'bridge';
  const out: JsonObject = {};
  for (const member of REGISTER_MEMBERS) if (input[member] !== undefined) out[member] = input[member];
  out.networkMode = networkMode;
  if (typeof out.cpu === 'string') out.cpu = normaliseTaskSize(out.cpu, 'cpu');
  if (typeof out.memory === 'string') out.memory = normaliseTaskSize(out.memory, 'memory');
  if (Array.isArray(out.containerDefinitions))
    out.containerDefinitions = out.containerDefinitions.map((c) => container(c, networkMode));
  if (Array.isArray(out.volumes)) out.volumes = out.volumes.map(volume);
  return pruneEmptyObject(out);
}

/** Drops from the live side what AWS fills in by itself when the manifest leaves it out. */
export function acceptLiveDefaults(desired: JsonObject, live: JsonObject): JsonObject {
  const out: JsonObject = { ...live };
  for (const member of LIVE_WHEN_OMITTED_TASK) if (desired[member] === undefined) delete out[member];
  if (Array.isArray(out.containerDefinitions)) {
    const wanted = new Map(
      (Array.isArray(desired.containerDefinitions) ? desired.containerDefinitions : [])
        .filter(isJsonObject)
        .map((c) => [c.name, c] as const),
    );
    out.containerDefinitions = out.containerDefinitions.map((c) => {
      if (!isJsonObject(c)) return c;
      const mine = wanted.get(c.name);
      const copy: JsonObject = { ...c };
      for (const member of LIVE_WHEN_OMITTED_CONTAINER) if (mine?.[member] === undefined) delete copy[member];
      return copy;
    });
  }
  return out;
}
