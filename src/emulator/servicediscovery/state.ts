import type { StateKey } from '../core/world.ts';

export type NamespaceType = 'DNS_PUBLIC' | 'DNS_PRIVATE' | 'HTTP';
export type OperationType =
  | 'CREATE_NAMESPACE'
  | 'DELETE_NAMESPACE'
  | 'UPDATE_NAMESPACE'
  | 'UPDATE_SERVICE'
  | 'REGISTER_INSTANCE'
  | 'DEREGISTER_INSTANCE';
export type OperationStatus = 'SUBMITTED' | 'PENDING' | 'SUCCESS' | 'FAIL';

export interface Namespace {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly type: NamespaceType;
  description: string | undefined;
  readonly vpc: string | undefined;
  soaTtl: number | undefined;
  readonly hostedZoneId: string | undefined;
  readonly creatorRequestId: string | undefined;
  readonly createDate: number;
  /** false until its CREATE_NAMESPACE operation succeeds: Get and List do not see it yet. */
  ready: boolean;
  readonly serviceIds: Set<string>;
  /** Service ids by lower-case name, for ServiceAlreadyExists. */
  readonly serviceByName: Map<string, string>;
}

export interface DnsRecord {
  readonly type: string;
  readonly ttl: number;
}

export interface HealthCheckConfig {
  readonly type: string;
  readonly resourcePath: string | undefined;
  readonly failureThreshold: number;
}

export interface Instance {
  readonly id: string;
  readonly attributes: Record<string, string>;
  readonly creatorRequestId: string | undefined;
}

export interface DiscoveryService {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  readonly namespaceId: string;
  description: string | undefined;
  readonly routingPolicy: string | undefined;
  dnsRecords: DnsRecord[] | undefined;
  readonly type: 'HTTP' | 'DNS_HTTP' | 'DNS';
  healthCheckConfig: HealthCheckConfig | undefined;
  readonly customHealthCheck: boolean;
  readonly creatorRequestId: string | undefined;
  readonly createDate: number;
  readonly instances: Map<string, Instance>;
}

export interface Operation {
  readonly id: string;
  readonly type: OperationType;
  status: OperationStatus;
  readonly createDate: number;
  updateDate: number;
  readonly targets: Readonly<Record<string, string>>;
  readonly pendingAt: number;
  readonly doneAt: number;
  /** Applied when the operation succeeds. */
  readonly complete: (() => void) | undefined;
}

export interface CloudMapState {
  readonly namespaces: Map<string, Namespace>;
  /** Namespace id by lower-case name: names are unique in an account and region. */
  readonly namespaceByName: Map<string, string>;
  readonly services: Map<string, DiscoveryService>;
  readonly operations: Map<string, Operation>;
  /** Operations not yet finished, so that the tick looks at these only. */
  readonly unfinished: Set<string>;
  /** Tags by resource ARN (namespaces and services). */
  readonly tags: Map<string, Map<string, string>>;
  /** Operation id of a namespace creation by its CreatorRequestId. */
  readonly namespaceRequests: Map<string, string>;
  /** Service id by CreatorRequestId. */
  readonly serviceRequests: Map<string, string>;
}

export const CLOUD_MAP: StateKey<CloudMapState> = {
  name: 'servicediscovery',
  create: () => ({
    namespaces: new Map(),
    namespaceByName: new Map(),
    services: new Map(),
    operations: new Map(),
    unfinished: new Set(),
    tags: new Map(),
    namespaceRequests: new Map(),
    serviceRequests: new Map(),
  }),
};
