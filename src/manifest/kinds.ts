import { ownValue } from '../own.ts';

export const API_VERSION = 'shipshape.dev/v1';

/** Every kind, in the order resources are created (docs/MANIFESTS.md, "Dependency order"). */
export const KINDS = [
  // Not an AWS resource: where the other kinds of some namespaces live (src/runtime/targets/).
  'Target',
  'FileSystem',
  'AccessPoint',
  'TargetGroup',
  'LoadBalancer',
  'Listener',
  'ListenerRule',
  'DnsNamespace',
  'DiscoveryService',
  'Cluster',
  'TaskDefinition',
  'Job',
  'Service',
  'ScalableTarget',
  'ScalingPolicy',
] as const;

export type Kind = (typeof KINDS)[number];

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}

export function kindOrder(kind: Kind): number {
  return KINDS.indexOf(kind);
}

/** `TaskDefinition` -> `task-definition.schema.json` */
export function schemaFileOf(kind: Kind): string {
  return `${kind.replace(/(?<=[a-z])(?=[A-Z])/g, '-').toLowerCase()}.schema.json`;
}

/** Keys ending in `Ref` and the kind each names (docs/MANIFESTS.md); look a key up with {@link referenceKindOf}. */
export const REFERENCE_KEYS: Readonly<Record<string, Kind>> = {
  clusterRef: 'Cluster',
  taskDefinitionRef: 'TaskDefinition',
  serviceRef: 'Service',
  loadBalancerRef: 'LoadBalancer',
  targetGroupRef: 'TargetGroup',
  listenerRef: 'Listener',
  fileSystemRef: 'FileSystem',
  accessPointRef: 'AccessPoint',
  namespaceRef: 'DnsNamespace',
  discoveryServiceRef: 'DiscoveryService',
  scalableTargetRef: 'ScalableTarget',
  alternateTargetGroupRef: 'TargetGroup',
  productionListenerRuleRef: 'ListenerRule',
  testListenerRuleRef: 'ListenerRule',
};

/**
 * The literal field each reference replaces; a spec may set one of the pair, never both. Look a key
 * up with {@link literalOfReference}.
 */
export const LITERAL_OF_REFERENCE: Readonly<Record<string, string>> = {
  clusterRef: 'cluster',
  taskDefinitionRef: 'taskDefinition',
  targetGroupRef: 'targetGroupArn',
  discoveryServiceRef: 'registryArn',
  fileSystemRef: 'fileSystemId',
  accessPointRef: 'accessPointId',
  loadBalancerRef: 'loadBalancerArn',
  listenerRef: 'listenerArn',
  namespaceRef: 'namespaceId',
  serviceRef: 'resourceId',
  alternateTargetGroupRef: 'alternateTargetGroupArn',
  productionListenerRuleRef: 'productionListenerRule',
  testListenerRuleRef: 'testListenerRule',
};

/** The kind a `...Ref` key names; undefined for any other key (`constructor` and `toString` included). */
export function referenceKindOf(key: string): Kind | undefined {
  return ownValue(REFERENCE_KEYS, key);
}

/** The literal field a reference key replaces; undefined for any other key. */
export function literalOfReference(key: string): string | undefined {
  return ownValue(LITERAL_OF_REFERENCE, key);
}
