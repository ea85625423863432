/**
 * Attribute keys with their defaults and the values AWS accepts, per load
 * balancer type and target group protocol (from the ELBv2 API reference,
 * LoadBalancerAttribute and TargetGroupAttribute).
 */
export type ValueRule =
  | { readonly kind: 'boolean' }
  | { readonly kind: 'integer'; readonly min: number; readonly max: number; readonly orZero?: boolean }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'text' };

export interface AttributeRule {
  readonly key: string;
  readonly defaultValue: string;
  readonly rule: ValueRule;
}

const BOOL: ValueRule = { kind: 'boolean' };
const TEXT: ValueRule = { kind: 'text' };
const int = (min: number, max: number, orZero = false): ValueRule => ({ kind: 'integer', min, max, orZero });
const oneOf = (...values: string[]): ValueRule => ({ kind: 'enum', values });
const rule = (key: string, defaultValue: string, valueRule: ValueRule): AttributeRule => ({
  key,
  defaultValue,
  rule: valueRule,
});

const ACCESS_LOGS: AttributeRule[] = [
  rule('access_logs.s3.enabled', 'false', BOOL),
  rule('access_logs.s3.bucket', '', TEXT),
  rule('access_logs.s3.prefix', '', TEXT),
];

/** false for internet-facing load balancers; internal ones start at true (loadBalancerDefaults). */
const DENY_IGW = rule('ipv6.deny_all_igw_traffic', 'false', BOOL);

export const APPLICATION_LB_ATTRIBUTES: readonly AttributeRule[] = [
  ...ACCESS_LOGS,
  rule('connection_logs.s3.enabled', 'false', BOOL),
  rule('connection_logs.s3.bucket', '', TEXT),
  rule('connection_logs.s3.prefix', '', TEXT),
  rule('health_check_logs.s3.enabled', 'false', BOOL),
  rule('health_check_logs.s3.bucket', '', TEXT),
  rule('health_check_logs.s3.prefix', '', TEXT),
  DENY_IGW,
  rule('client_keep_alive.seconds', '3600', int(60, 604800)),
  rule('deletion_protection.enabled', 'false', BOOL),
  rule('idle_timeout.timeout_seconds', '60', int(1, 4000)),
  rule('load_balancing.cross_zone.enabled', 'true', BOOL),
  rule('routing.http.desync_mitigation_mode', 'defensive', oneOf('monitor', 'defensive', 'strictest')),
  rule('routing.http.drop_invalid_header_fields.enabled', 'false', BOOL),
  rule('routing.http.preserve_host_header.enabled', 'false', BOOL),
  rule('routing.http.x_amzn_tls_version_and_cipher_suite.enabled', 'false', BOOL),
  rule('routing.http.xff_client_port.enabled', 'false', BOOL),
  rule('routing.http.xff_header_processing.mode', 'append', oneOf('append', 'preserve', 'remove')),
  rule('routing.http2.enabled', 'true', BOOL),
  rule('waf.fail_open.enabled', 'false', BOOL),
  rule('zonal_shift.config.enabled', 'false', BOOL),
];

export const NETWORK_LB_ATTRIBUTES: readonly AttributeRule[] = [
  ...ACCESS_LOGS,
  DENY_IGW,
  rule('deletion_protection.enabled', 'false', BOOL),
  rule(
    'dns_record.client_routing_policy',
    'any_availability_zone',
    oneOf('availability_zone_affinity', 'partial_availability_zone_affinity', 'any_availability_zone'),
  ),
  rule('load_balancing.cross_zone.enabled', 'false', BOOL),
  rule('zonal_shift.config.enabled', 'false', BOOL),
];

export const GATEWAY_LB_ATTRIBUTES: readonly AttributeRule[] = [
  rule('deletion_protection.enabled', 'false', BOOL),
  rule('load_balancing.cross_zone.enabled', 'false', BOOL),
];

const HEALTH_FAILOVER: AttributeRule[] = [
  rule('target_group_health.dns_failover.minimum_healthy_targets.count', '1', TEXT),
  rule('target_group_health.dns_failover.minimum_healthy_targets.percentage', 'off', TEXT),
  rule('target_group_health.unhealthy_state_routing.minimum_healthy_targets.count', '1', TEXT),
  rule('target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage', 'off', TEXT),
];

const CROSS_ZONE = rule(
  'load_balancing.cross_zone.enabled',
  'use_load_balancer_configuration',
  oneOf('true', 'false', 'use_load_balancer_configuration'),
);

/** HTTP/HTTPS target groups (Application Load Balancers). */
export const HTTP_TG_ATTRIBUTES: readonly AttributeRule[] = [
  rule('deregistration_delay.timeout_seconds', '300', int(0, 3600)),
  rule('stickiness.enabled', 'false', BOOL),
  rule('stickiness.type', 'lb_cookie', oneOf('lb_cookie', 'app_cookie')),
  rule('stickiness.lb_cookie.duration_seconds', '86400', int(1, 604800)),
  rule('stickiness.app_cookie.cookie_name', '', TEXT),
  rule('stickiness.app_cookie.duration_seconds', '86400', int(1, 604800)),
  rule(
    'load_balancing.algorithm.type',
    'round_robin',
    oneOf('round_robin', 'least_outstanding_requests', 'weighted_random'),
  ),
  rule('load_balancing.algorithm.anomaly_mitigation', 'off', oneOf('on', 'off')),
  rule('slow_start.duration_seconds', '0', int(30, 900, true)),
  CROSS_ZONE,
  ...HEALTH_FAILOVER,
];

/** TCP/TLS/UDP/TCP_UDP/QUIC target groups (Network Load Balancers). */
export const NETWORK_TG_ATTRIBUTES: readonly AttributeRule[] = [
  rule('deregistration_delay.timeout_seconds', '300', int(0, 3600)),
  rule('deregistration_delay.connection_termination.enabled', 'false', BOOL),
  rule('stickiness.enabled', 'false', BOOL),
  rule('stickiness.type', 'source_ip', oneOf('source_ip')),
  rule('proxy_protocol_v2.enabled', 'false', BOOL),
  rule('preserve_client_ip.enabled', 'true', BOOL),
  rule('target_health_state.unhealthy.connection_termination.enabled', 'true', BOOL),
  rule('target_health_state.unhealthy.draining_interval_seconds', '0', int(0, 360000)),
  CROSS_ZONE,
  ...HEALTH_FAILOVER,
];

/** Lambda target groups. */
export const LAMBDA_TG_ATTRIBUTES: readonly AttributeRule[] = [
  rule('lambda.multi_value_headers.enabled', 'false', BOOL),
];

/** GENEVE target groups (Gateway Load Balancers). */
export const GENEVE_TG_ATTRIBUTES: readonly AttributeRule[] = [
  rule('deregistration_delay.timeout_seconds', '300', int(0, 3600)),
  rule('stickiness.enabled', 'false', BOOL),
  rule('stickiness.type', 'source_ip_dest_ip', oneOf('source_ip_dest_ip', 'source_ip_dest_ip_proto')),
  rule('target_failover.on_deregistration', 'no_rebalance', oneOf('rebalance', 'no_rebalance')),
  rule('target_failover.on_unhealthy', 'no_rebalance', oneOf('rebalance', 'no_rebalance')),
  CROSS_ZONE,
];
