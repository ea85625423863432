import type { TargetSpec } from '../target.ts';

/**
 * Where moto 5.2.1 departs from the AWS model and documentation (the
 * emulator follows the model). Each entry is skipped on moto only; the
 * text says what moto does instead.
 */
export const MOTO_DIFFERENCES = {
  'lb-scheme-default': 'CreateLoadBalancer leaves Scheme out when not given (AWS: internet-facing)',
  'lb-default-security-group':
    'CreateLoadBalancer gives an ALB no security group when none is given (AWS: the VPC default group)',
  'lb-idempotent':
    'CreateLoadBalancer with an existing name and the same settings creates a second load balancer',
  'lb-duplicate-name':
    'CreateLoadBalancer with an existing name and other settings creates a second load balancer',
  'lb-name-length': 'CreateLoadBalancer accepts names longer than 32 characters',
  'page-size-range': 'Describe* accept PageSize outside 1-400',
  'lb-attribute-defaults':
    'DescribeLoadBalancerAttributes leaves out idle_timeout.timeout_seconds and other defaults',
  'lb-deletion-protection':
    'DeleteLoadBalancer deletes a load balancer with deletion_protection.enabled true',
  'tg-empty-load-balancer-arns': 'TargetGroup.LoadBalancerArns is left out instead of an empty list',
  'tg-http-timeout-default':
    'CreateTargetGroup HTTP defaults HealthCheckTimeoutSeconds to 5 (the API model: 6; the ALB user guide: 5)',
  'tg-idempotent':
    'CreateTargetGroup with an existing name and the same settings answers DuplicateTargetGroupName',
  'names-page-size': 'DescribeTargetGroups with Names ignores PageSize',
  'tg-attribute-keys': 'ModifyTargetGroupAttributes accepts unknown keys',
  'forward-config': 'forward actions come back without ForwardConfig',
  'listener-duplicate-port': 'CreateListener accepts a second listener on a port already in use',
  'listener-https-certificate': 'CreateListener accepts HTTPS without a certificate',
  'rule-arn-format': 'default rule ARNs end in a decimal number instead of 16 hex digits',
  'condition-config-form': 'rule conditions given as Values come back without the *Config form',
  'rule-order': 'DescribeRules lists rules in creation order, not by priority',
  'default-rule-delete': 'DeleteRule on a default rule answers HTTP 500 with an HTML page',
  'health-check-port':
    "DescribeTargetHealth answers HealthCheckPort 'traffic-port' instead of the target's port",
  'target-draining': 'DeregisterTargets removes a target at once instead of draining it',
  'tag-limit': 'AddTags accepts more than 50 tags on a resource',
  'describe-tags-limit': 'DescribeTags accepts more than 20 ARNs',
  'describe-tags-not-found': 'DescribeTags answers empty tags for an unknown load balancer ARN',
} as const;

export type MotoDifference = keyof typeof MOTO_DIFFERENCES;

/** true when `spec` is known to depart from AWS on this point. */
export function differs(spec: TargetSpec, difference: MotoDifference): boolean {
  return spec.name === 'moto' && difference in MOTO_DIFFERENCES;
}
