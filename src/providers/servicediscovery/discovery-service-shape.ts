import type { ServiceSummary } from '@aws-sdk/client-servicediscovery';
import type { JsonObject } from '../../diff/index.ts';
import type { DiscoveryServiceSpec } from '../../manifest/generated/types.ts';
import type { TagMap } from '../tags.ts';

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
  const dns = service.DnsConfig;
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
