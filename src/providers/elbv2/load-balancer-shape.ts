import type { LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { JsonObject, JsonValue } from '../../diff/index.ts';
import type { LoadBalancerSpec } from '../../manifest/generated/types.ts';
import { toPlain } from '../plain.ts';
import { pruneEmptyObject } from '../prune-empty.ts';

/** Which optional forms a manifest uses, so the live side is projected the same way. */
export interface LoadBalancerForm {
  readonly subnetMappings: boolean;
  /** false: an Application Load Balancer left to its VPC's default security group, which the manifest cannot name. */
  readonly securityGroups: boolean;
}

export function formOf(spec: LoadBalancerSpec): LoadBalancerForm {
  return {
    subnetMappings: spec.subnetMappings !== undefined,
    securityGroups: spec.securityGroups !== undefined || (spec.type ?? 'application') !== 'application',
  };
}

const sorted = (values: readonly string[]): string[] => [...values].sort();

/** The spec with AWS's defaults: an internet-facing IPv4 Application Load Balancer. */
export function loadBalancerSettings(spec: LoadBalancerSpec, name: string): JsonObject {
  const form = formOf(spec);
  return pruneEmptyObject({
    name,
    type: spec.type ?? 'application',
    scheme: spec.scheme ?? 'internet-facing',
    ipAddressType: spec.ipAddressType ?? 'ipv4',
    subnets: form.subnetMappings ? undefined : sorted(spec.subnets ?? []),
    subnetMappings: form.subnetMappings ? (toPlain(spec.subnetMappings) as JsonValue) : undefined,
    securityGroups: form.securityGroups ? sorted(spec.securityGroups ?? []) : undefined,
  });
}

export function observedSettings(loadBalancer: LoadBalancer, form: LoadBalancerForm): JsonObject {
  const zones = loadBalancer.AvailabilityZones ?? [];
  const mappings = zones.map((zone) => {
    const address = zone.LoadBalancerAddresses?.[0];
    return toPlain({
      subnetId: zone.SubnetId,
      allocationId: address?.AllocationId,
      privateIPv4Address: address?.PrivateIPv4Address,
      iPv6Address: address?.IPv6Address,
      sourceNatIpv6Prefix: zone.SourceNatIpv6Prefixes?.[0],
    });
  });
  return pruneEmptyObject({
    name: loadBalancer.LoadBalancerName,
    type: loadBalancer.Type,
    scheme: loadBalancer.Scheme,
    ipAddressType: loadBalancer.IpAddressType,
    subnets: form.subnetMappings
      ? undefined
      : sorted(zones.flatMap((zone) => (zone.SubnetId === undefined ? [] : [zone.SubnetId]))),
    subnetMappings: form.subnetMappings ? mappings : undefined,
    securityGroups: form.securityGroups ? sorted(loadBalancer.SecurityGroups ?? []) : undefined,
  });
}
