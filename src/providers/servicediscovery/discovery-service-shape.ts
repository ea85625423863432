import type { ServiceSummary } from '@aws-sdk/client-servicediscovery';
import type { JsonObject } from '../../diff/index.ts';
import { awsSpecOf } from '../../manifest/controls.ts';
import type { DiscoveryServiceSpec } from '../../manifest/generated/types.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import { referencedIdentity, resolveReference } from '../references.ts';
import type { TagMap } from '../tags.ts';
import type { ProviderContext } from '../types.ts';

export const serviceSpecOf = (manifest: LoadedManifest): DiscoveryServiceSpec =>
  awsSpecOf(manifest) as unknown as DiscoveryServiceSpec;

export const serviceNameOf = (manifest: LoadedManifest): string =>
  serviceSpecOf(manifest).name ?? manifest.metadata.name;

export type NamespaceId = { ok: true; id: string } | { ok: false; waitingFor: string };

/** The namespace id the manifest names, literally or through `namespaceRef`. */
export function namespaceIdOf(manifest: LoadedManifest, context: ProviderContext): NamespaceId {
  const spec = serviceSpecOf(manifest);
  if (spec.namespaceRef === undefined) return { ok: true, id: spec.namespaceId ?? '' };
  const resolved = resolveReference(manifest, 'namespaceRef', spec.namespaceRef, context.resolver);
  const id = resolved.ok ? resolved.value.id : undefined;
  if (id === undefined || id === '')
    return { ok: false, waitingFor: referencedIdentity(manifest, 'namespaceRef', spec.namespaceRef) };
  return { ok: true, id };
}

/** Route 53 health checks: an omitted path is `/` (not for TCP), an omitted threshold 1. */
function healthCheck(
  type: string,
  resourcePath: string | undefined,
  failureThreshold: number | undefined,
): JsonObject {
  return {
    type,
    ...(type === 'TCP' ? {} : { resourcePath: resourcePath ?? '/' }),
    failureThreshold: failureThreshold ?? 1,
  };
}

/**
 * Cloud Map always stores a custom health check's failure threshold as 1,
 * whatever is sent (TF #35559): both sides say 1, so it never drifts.
 */
const CUSTOM_HEALTH_CHECK: JsonObject = { failureThreshold: 1 };

/** Spec fields of a discovery service; `type` is computed by Cloud Map and never compared. */
export function desiredDiscoveryService(
  spec: DiscoveryServiceSpec,
  name: string,
  namespaceId: string,
  tags: TagMap,
): JsonObject {
  return {
    name,
    namespaceId,
    description: spec.description ?? '',
    ...(spec.dnsConfig === undefined
      ? {}
      : {
          dnsConfig: {
            routingPolicy: spec.dnsConfig.routingPolicy ?? 'MULTIVALUE',
            dnsRecords: spec.dnsConfig.dnsRecords.map((record) => ({ type: record.type, tTL: record.tTL })),
          },
        }),
    ...(spec.healthCheckConfig === undefined
      ? {}
      : {
          healthCheckConfig: healthCheck(
            spec.healthCheckConfig.type,
            spec.healthCheckConfig.resourcePath,
            spec.healthCheckConfig.failureThreshold,
          ),
        }),
    ...(spec.healthCheckCustomConfig === undefined ? {} : { healthCheckCustomConfig: CUSTOM_HEALTH_CHECK }),
    tags,
  };
}

/** The live service as spec fields; DnsConfig.NamespaceId (deprecated, equal to the service's own) is dropped. */
export function projectDiscoveryService(
  service: ServiceSummary,
  namespaceId: string,
  tags: TagMap,
): JsonObject {
  // A service in an HTTP namespace has `DnsConfig: {}` (get-service and list-services examples): no DNS.
  const dns = service.DnsConfig?.DnsRecords === undefined ? undefined : service.DnsConfig;
  const check = service.HealthCheckConfig;
  return {
    name: service.Name ?? '',
    namespaceId,
    description: service.Description ?? '',
    ...(dns === undefined
      ? {}
      : {
          dnsConfig: {
            routingPolicy: dns.RoutingPolicy ?? 'MULTIVALUE',
            dnsRecords: (dns.DnsRecords ?? []).map((record) => ({
              type: record.Type ?? '',
              tTL: record.TTL ?? 0,
            })),
          },
        }),
    ...(check === undefined
      ? {}
      : { healthCheckConfig: healthCheck(check.Type ?? '', check.ResourcePath, check.FailureThreshold) }),
    ...(service.HealthCheckCustomConfig === undefined
      ? {}
      : { healthCheckCustomConfig: CUSTOM_HEALTH_CHECK }),
    tags,
  };
}
