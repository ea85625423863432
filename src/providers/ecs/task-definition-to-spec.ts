import type { JsonObject, JsonValue } from '../../diff/index.ts';
import { isJsonObject } from '../../diff/index.ts';
import type { Kind } from '../../manifest/kinds.ts';
import { dropDefaults, setDefined, userTags } from '../spec-helpers.ts';
import type { ObservedResource, RefNamer } from '../types.ts';

const HEALTH_CHECK_DEFAULTS: JsonObject = { interval: 30, timeout: 5, retries: 3 };

function portMapping(mapping: JsonValue, networkMode: string): JsonValue {
  if (!isJsonObject(mapping)) return mapping;
  const out = dropDefaults(mapping, { protocol: 'tcp' });
  if ((networkMode === 'awsvpc' || networkMode === 'host') && out.hostPort === out.containerPort)
    delete out.hostPort;
  return out;
}

function container(definition: JsonValue, networkMode: string): JsonValue {
  if (!isJsonObject(definition)) return definition;
  const out = dropDefaults(definition, { essential: true });
  if (Array.isArray(out.portMappings))
    out.portMappings = out.portMappings.map((m) => portMapping(m, networkMode));
  if (isJsonObject(out.healthCheck)) out.healthCheck = dropDefaults(out.healthCheck, HEALTH_CHECK_DEFAULTS);
  return out;
}

/** An EFS volume names its file system and access point by reference when those are imported too. */
function volume(definition: JsonValue, refs: RefNamer): JsonValue {
  if (!isJsonObject(definition) || !isJsonObject(definition.efsVolumeConfiguration)) return definition;
  const efs = dropDefaults(definition.efsVolumeConfiguration, {
    rootDirectory: '/',
    transitEncryption: 'DISABLED',
  });
  referTo(efs, 'fileSystemId', 'fileSystemRef', 'FileSystem', refs);
  if (isJsonObject(efs.authorizationConfig)) {
    const authorization: JsonObject = { ...efs.authorizationConfig };
    referTo(authorization, 'accessPointId', 'accessPointRef', 'AccessPoint', refs);
    efs.authorizationConfig = authorization;
  }
  return { ...definition, efsVolumeConfiguration: efs };
}

/** Replaces `object[literal]` by `object[refKey]` when the id belongs to an imported resource of `kind`. */
export function referTo(
  object: JsonObject,
  literal: string,
  refKey: string,
  kind: Kind,
  refs: RefNamer,
): void {
  const value = object[literal];
  if (typeof value !== 'string') return;
  const ref = refs.refOf(kind, value);
  if (ref === undefined) return;
  delete object[literal];
  object[refKey] = ref;
}

/**
 * A TaskDefinition spec for a live revision (its observed state is already
 * RegisterTaskDefinition's members): AWS's defaults that `desired` fills back in left out.
 */
export function taskDefinitionToSpec(observed: ObservedResource, refs: RefNamer): JsonObject {
  const { tags, ...definition } = observed.state;
  const networkMode = typeof definition.networkMode === 'string' ? definition.networkMode : 'bridge';
  const spec = dropDefaults(definition, { networkMode: 'bridge' });
  if (Array.isArray(spec.containerDefinitions))
    spec.containerDefinitions = spec.containerDefinitions.map((c) => container(c, networkMode));
  if (Array.isArray(spec.volumes)) spec.volumes = spec.volumes.map((v) => volume(v, refs));
  setDefined(spec, 'tags', userTags(tags));
  return spec;
}
