import type { JsonObject } from '../core/json.ts';
import type { StateKey } from '../core/world.ts';

export type LoadBalancerType = 'application' | 'network' | 'gateway';

export interface SubnetPlacement {
  readonly subnetId: string;
  readonly zoneName: string;
  /** [Network Load Balancers] The Elastic IP of the zone, from a subnet mapping, with its address. */
  readonly elasticIp?: { readonly allocationId: string; readonly ipAddress: string };
  readonly privateIPv4Address?: string;
  readonly iPv6Address?: string;
}

export interface LoadBalancerRecord {
  readonly arn: string;
  readonly name: string;
  readonly type: LoadBalancerType;
  readonly scheme: string;
  readonly dnsName: string;
  readonly hostedZoneId: string;
  readonly vpcId: string;
  readonly createdAt: number;
  /** When provisioning ends: the state is derived from the clock (see life.ts). */
  readonly activeAt: number;
  ipAddressType: string;
  subnets: SubnetPlacement[];
  securityGroups: string[];
  readonly attributes: Map<string, string>;
  readonly listenerArns: Set<string>;
}

export interface HealthCheck {
  protocol: string | undefined;
  port: string | undefined;
  enabled: boolean;
  path: string | undefined;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  matcher: JsonObject | undefined;
}

export type TargetState = 'initial' | 'healthy' | 'unhealthy' | 'draining';

export interface TargetRecord {
  readonly id: string;
  readonly port: number;
  readonly availabilityZone: string | undefined;
  /** Whether the target answers health checks (false: it turns unhealthy). */
  passes: boolean;
  state: TargetState;
  readonly registeredAt: number;
  /** When the current state ends on its own (initial → healthy/unhealthy, draining → gone). */
  changeAt: number | undefined;
}

export interface TargetGroupRecord {
  readonly arn: string;
  readonly name: string;
  readonly protocol: string | undefined;
  readonly protocolVersion: string | undefined;
  readonly port: number | undefined;
  readonly vpcId: string | undefined;
  readonly targetType: string;
  readonly ipAddressType: string;
  readonly healthCheck: HealthCheck;
  readonly attributes: Map<string, string>;
  /** Keyed by `id:port`. */
  readonly targets: Map<string, TargetRecord>;
  /** Rules (default rules included) forwarding here, with their load balancer. */
  readonly usedBy: Map<string, string>;
}

export interface ListenerRecord {
  readonly arn: string;
  readonly loadBalancerArn: string;
  port: number | undefined;
  protocol: string | undefined;
  sslPolicy: string | undefined;
  certificates: string[];
  alpnPolicy: string[] | undefined;
  readonly defaultRuleArn: string;
  /** Non-default rules, by priority. */
  readonly rulesByPriority: Map<number, string>;
}

export interface RuleRecord {
  readonly arn: string;
  readonly listenerArn: string;
  /** undefined for the default rule. */
  priority: number | undefined;
  conditions: JsonObject[];
  actions: JsonObject[];
}

export interface Elbv2State {
  readonly loadBalancers: Map<string, LoadBalancerRecord>;
  readonly loadBalancerByName: Map<string, string>;
  readonly targetGroups: Map<string, TargetGroupRecord>;
  readonly targetGroupByName: Map<string, string>;
  readonly listeners: Map<string, ListenerRecord>;
  readonly rules: Map<string, RuleRecord>;
  /** Tags of every taggable resource by ARN, in insertion order. */
  readonly tags: Map<string, Map<string, string>>;
  /** Subnet → availability zone, assigned on first sight (there is no EC2 here). */
  /** Target groups with targets whose state ends on its own, for the tick. */
  readonly changing: Set<string>;
  /** The earliest `changeAt` of any target, so that most ticks do nothing. */
  nextChangeAt: number;
}

export const ELBV2_STATE: StateKey<Elbv2State> = {
  name: 'elbv2',
  create: () => ({
    loadBalancers: new Map(),
    loadBalancerByName: new Map(),
    targetGroups: new Map(),
    targetGroupByName: new Map(),
    listeners: new Map(),
    rules: new Map(),
    tags: new Map(),
    changing: new Set(),
    nextChangeAt: Number.POSITIVE_INFINITY,
  }),
};
