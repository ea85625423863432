import {
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeTargetGroupAttributesCommand,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.ts';
import { elbv2Client } from './fixtures.ts';

// The published examples print only a few attributes (test/fidelity/cases/elbv2/*Attributes*); AWS
// answers every key the model documents (LoadBalancerAttribute.Key, TargetGroupAttribute.Key) for the
// kind of load balancer or target group, each with its documented default.
const APPLICATION_LOAD_BALANCER: Record<string, string> = {
  'access_logs.s3.enabled': 'false',
  'access_logs.s3.bucket': '',
  'access_logs.s3.prefix': '',
  'connection_logs.s3.enabled': 'false',
  'connection_logs.s3.bucket': '',
  'connection_logs.s3.prefix': '',
  'health_check_logs.s3.enabled': 'false',
  'health_check_logs.s3.bucket': '',
  'health_check_logs.s3.prefix': '',
  'ipv6.deny_all_igw_traffic': 'false',
  'client_keep_alive.seconds': '3600',
  'deletion_protection.enabled': 'false',
  'idle_timeout.timeout_seconds': '60',
  'load_balancing.cross_zone.enabled': 'true',
  'routing.http.desync_mitigation_mode': 'defensive',
  'routing.http.drop_invalid_header_fields.enabled': 'false',
  'routing.http.preserve_host_header.enabled': 'false',
  'routing.http.x_amzn_tls_version_and_cipher_suite.enabled': 'false',
  'routing.http.xff_client_port.enabled': 'false',
  'routing.http.xff_header_processing.mode': 'append',
  'routing.http2.enabled': 'true',
  'waf.fail_open.enabled': 'false',
  'zonal_shift.config.enabled': 'false',
};

const HTTP_INSTANCE_TARGET_GROUP: Record<string, string> = {
  'deregistration_delay.timeout_seconds': '300',
  'stickiness.enabled': 'false',
  'stickiness.type': 'lb_cookie',
  'stickiness.lb_cookie.duration_seconds': '86400',
  'stickiness.app_cookie.cookie_name': '',
  'stickiness.app_cookie.duration_seconds': '86400',
  'load_balancing.algorithm.type': 'round_robin',
  'load_balancing.algorithm.anomaly_mitigation': 'off',
  'slow_start.duration_seconds': '0',
  'load_balancing.cross_zone.enabled': 'use_load_balancer_configuration',
  'target_group_health.dns_failover.minimum_healthy_targets.count': '1',
  'target_group_health.dns_failover.minimum_healthy_targets.percentage': 'off',
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count': '1',
  'target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage': 'off',
};

const asRecord = (
  attributes: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }> = [],
): Record<string, string> => Object.fromEntries(attributes.map(({ Key = '', Value = '' }) => [Key, Value]));

let running: RunningEmulator;
let client: ElasticLoadBalancingV2Client;

beforeAll(async () => {
  running = await startEmulator();
  client = elbv2Client(running.endpoint);
});
afterAll(async () => {
  client.destroy();
  await running.close();
});

describe('attributes answered with every key the model documents', () => {
  it('gives an internet-facing Application Load Balancer its 23 keys and their defaults', async () => {
    const created = await client.send(
      new CreateLoadBalancerCommand({ Name: 'keys-alb', Subnets: ['subnet-0a000001', 'subnet-0b000002'] }),
    );
    const answer = await client.send(
      new DescribeLoadBalancerAttributesCommand({
        LoadBalancerArn: created.LoadBalancers?.[0]?.LoadBalancerArn,
      }),
    );
    expect(asRecord(answer.Attributes)).toEqual(APPLICATION_LOAD_BALANCER);
  });

  it('gives an HTTP target group of instances its 14 keys and their defaults', async () => {
    const created = await client.send(
      new CreateTargetGroupCommand({
        Name: 'keys-tg',
        Protocol: 'HTTP',
        Port: 80,
        VpcId: 'vpc-0123456789abcdef0',
      }),
    );
    const answer = await client.send(
      new DescribeTargetGroupAttributesCommand({ TargetGroupArn: created.TargetGroups?.[0]?.TargetGroupArn }),
    );
    expect(asRecord(answer.Attributes)).toEqual(HTTP_INSTANCE_TARGET_GROUP);
  });
});
