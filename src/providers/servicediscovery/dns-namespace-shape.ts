import type { NamespaceSummary } from '@aws-sdk/client-servicediscovery';
import type { JsonObject } from '../../diff/index.ts';
import { awsSpecOf } from '../../manifest/controls.ts';
import type { DnsNamespaceSpec } from '../../manifest/generated/types.ts';
import type { LoadedManifest } from '../../manifest/manifest.ts';
import type { TagMap } from '../tags.ts';

/** The SOA TTL Cloud Map gives a DNS namespace created without one. */
export const DEFAULT_SOA_TTL = 15;

export const namespaceSpecOf = (manifest: LoadedManifest): DnsNamespaceSpec =>
  awsSpecOf(manifest) as unknown as DnsNamespaceSpec;

export const namespaceNameOf = (manifest: LoadedManifest): string =>
  namespaceSpecOf(manifest).name ?? manifest.metadata.name;

/**
 * `vpc` is not in the state: Cloud Map does not return a namespace's VPC (it
 * is on the Route 53 hosted zone), so it could only ever look like drift.
 */
export function desiredNamespace(manifest: LoadedManifest, tags: TagMap): JsonObject {
  const spec = namespaceSpecOf(manifest);
  return {
    name: namespaceNameOf(manifest),
    type: spec.type,
    description: spec.description ?? '',
    ...(spec.type === 'HTTP'
      ? {}
      : {
          properties: {
            dnsProperties: { sOA: { tTL: spec.properties?.dnsProperties.sOA.tTL ?? DEFAULT_SOA_TTL } },
          },
        }),
    tags,
  };
}

/** `ttl`: the SOA TTL as GetNamespace gave it (ListNamespaces may leave it out). */
export function projectNamespace(namespace: NamespaceSummary, tags: TagMap, ttl?: number): JsonObject {
  return {
    name: namespace.Name ?? '',
    type: namespace.Type ?? '',
    description: namespace.Description ?? '',
    ...(namespace.Type === 'HTTP'
      ? {}
      : { properties: { dnsProperties: { sOA: { tTL: ttl ?? DEFAULT_SOA_TTL } } } }),
    tags,
  };
}
