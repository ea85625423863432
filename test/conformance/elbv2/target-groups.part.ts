import {
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteTargetGroupCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  ModifyTargetGroupAttributesCommand,
  ModifyTargetGroupCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { type Elbv2Suite, expectAwsError, TG_ARN } from './context.ts';
import { differs, type MotoDifference } from './differences.ts';
import { createTargetGroup, createWebStack } from './stack.ts';

export function targetGroupConformance(suite: Elbv2Suite): void {
  const { spec } = suite;
  const supports = (operation: string, difference?: MotoDifference) =>
    spec.supports(`elbv2:${operation}`) && (difference === undefined || !differs(spec, difference));

  describe('target groups', () => {
    it.skipIf(!supports('CreateTargetGroup'))(
      'fills the HTTP health check defaults the model documents',
      async () => {
        const network = await suite.network();
        const name = suite.unique('tg');
        const answer = await suite
          .client()
          .send(
            new CreateTargetGroupCommand({ Name: name, Protocol: 'HTTP', Port: 80, VpcId: network.vpcId }),
          );
        const targetGroup = answer.TargetGroups?.[0];
        expect(targetGroup?.TargetGroupArn).toMatch(TG_ARN);
        expect(targetGroup).toMatchObject({
          TargetGroupName: name,
          Protocol: 'HTTP',
          Port: 80,
          VpcId: network.vpcId,
          HealthCheckProtocol: 'HTTP',
          HealthCheckPort: 'traffic-port',
          HealthCheckEnabled: true,
          HealthCheckPath: '/',
          HealthCheckIntervalSeconds: 30,
          HealthyThresholdCount: 5,
          UnhealthyThresholdCount: 2,
          Matcher: { HttpCode: '200' },
          TargetType: 'instance',
          ProtocolVersion: 'HTTP1',
          IpAddressType: 'ipv4',
        });
        if (!differs(spec, 'tg-empty-load-balancer-arns')) expect(targetGroup?.LoadBalancerArns).toEqual([]);
        // The model documents 6 s for HTTP target groups.
        if (!differs(spec, 'tg-http-timeout-default')) expect(targetGroup?.HealthCheckTimeoutSeconds).toBe(6);
      },
    );

    it.skipIf(!supports('CreateTargetGroup'))(
      'is idempotent for the same settings, DuplicateTargetGroupName otherwise',
      async () => {
        const name = suite.unique('tg');
        const first = await createTargetGroup(suite, { name });
        const again = differs(spec, 'tg-idempotent') ? first : await createTargetGroup(suite, { name });
        if (!differs(spec, 'tg-idempotent')) expect(again.TargetGroupArn).toBe(first.TargetGroupArn);
        await expectAwsError(
          createTargetGroup(suite, { name, port: 9090 }),
          'DuplicateTargetGroupNameException',
        );
      },
    );

    it.skipIf(!supports('CreateTargetGroup'))(
      'refuses names longer than 32 characters (ValidationError)',
      async () => {
        await expectAwsError(createTargetGroup(suite, { name: 'n'.repeat(33) }), 'ValidationError');
      },
    );

    it.skipIf(!supports('DescribeTargetGroups'))(
      'describes by name, ARN and load balancer, with paging',
      async () => {
        const { loadBalancerArn, targetGroupArn } = await createWebStack(suite);
        const other = await createTargetGroup(suite);
        const byArn = await suite
          .client()
          .send(new DescribeTargetGroupsCommand({ TargetGroupArns: [targetGroupArn] }));
        expect(byArn.TargetGroups?.[0]?.LoadBalancerArns).toEqual([loadBalancerArn]);
        const byLoadBalancer = await suite
          .client()
          .send(new DescribeTargetGroupsCommand({ LoadBalancerArn: loadBalancerArn }));
        expect(byLoadBalancer.TargetGroups?.map((group) => group.TargetGroupArn)).toEqual([targetGroupArn]);
        const names = [byArn.TargetGroups?.[0]?.TargetGroupName ?? '', other.TargetGroupName ?? ''];
        if (!differs(spec, 'names-page-size')) {
          const page1 = await suite
            .client()
            .send(new DescribeTargetGroupsCommand({ Names: names, PageSize: 1 }));
          expect(page1.TargetGroups).toHaveLength(1);
          const page2 = await suite
            .client()
            .send(new DescribeTargetGroupsCommand({ Names: names, PageSize: 1, Marker: page1.NextMarker }));
          expect(page2.TargetGroups).toHaveLength(1);
          expect(page2.NextMarker).toBeUndefined();
        }
        await expectAwsError(
          suite.client().send(new DescribeTargetGroupsCommand({ Names: [suite.unique('missing')] })),
          'TargetGroupNotFoundException',
        );
      },
    );

    it.skipIf(!supports('ModifyTargetGroup'))('modifies the health check and keeps the rest', async () => {
      const targetGroup = await createTargetGroup(suite);
      const answer = await suite.client().send(
        new ModifyTargetGroupCommand({
          TargetGroupArn: targetGroup.TargetGroupArn,
          HealthCheckPath: '/healthz',
          HealthCheckIntervalSeconds: 10,
          HealthCheckTimeoutSeconds: 5,
          Matcher: { HttpCode: '200-299' },
        }),
      );
      expect(answer.TargetGroups?.[0]).toMatchObject({
        HealthCheckPath: '/healthz',
        HealthCheckIntervalSeconds: 10,
        HealthCheckTimeoutSeconds: 5,
        Matcher: { HttpCode: '200-299' },
        HealthyThresholdCount: 5,
        Port: 8080,
      });
    });

    it.skipIf(!supports('DeleteTargetGroup'))(
      'refuses to delete a target group a listener forwards to (ResourceInUse)',
      async () => {
        const { targetGroupArn, listenerArn } = await createWebStack(suite);
        await expectAwsError(
          suite.client().send(new DeleteTargetGroupCommand({ TargetGroupArn: targetGroupArn })),
          'ResourceInUseException',
        );
        await suite.client().send(new DeleteListenerCommand({ ListenerArn: listenerArn }));
        await suite.client().send(new DeleteTargetGroupCommand({ TargetGroupArn: targetGroupArn }));
        await expectAwsError(
          suite.client().send(new DescribeTargetGroupsCommand({ TargetGroupArns: [targetGroupArn] })),
          'TargetGroupNotFoundException',
        );
      },
    );

    it.skipIf(!supports('DescribeTargetGroupAttributes'))(
      'returns every attribute with its default',
      async () => {
        const targetGroup = await createTargetGroup(suite);
        const answer = await suite
          .client()
          .send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: targetGroup.TargetGroupArn }));
        const attributes = new Map(answer.Attributes?.map((attribute) => [attribute.Key, attribute.Value]));
        expect(attributes.get('deregistration_delay.timeout_seconds')).toBe('300');
        expect(attributes.get('stickiness.enabled')).toBe('false');
        expect(attributes.get('stickiness.type')).toBe('lb_cookie');
        expect(attributes.get('load_balancing.algorithm.type')).toBe('round_robin');
        expect(attributes.get('slow_start.duration_seconds')).toBe('0');
      },
    );

    it.skipIf(!supports('ModifyTargetGroupAttributes', 'tg-attribute-keys'))(
      'modifies attributes and refuses unknown keys',
      async () => {
        const targetGroup = await createTargetGroup(suite);
        const arn = targetGroup.TargetGroupArn;
        await suite.client().send(
          new ModifyTargetGroupAttributesCommand({
            TargetGroupArn: arn,
            Attributes: [
              { Key: 'deregistration_delay.timeout_seconds', Value: '30' },
              { Key: 'stickiness.enabled', Value: 'true' },
            ],
          }),
        );
        const described = await suite
          .client()
          .send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: arn }));
        expect(described.Attributes).toContainEqual({
          Key: 'deregistration_delay.timeout_seconds',
          Value: '30',
        });
        expect(described.Attributes).toContainEqual({ Key: 'stickiness.enabled', Value: 'true' });
        await expectAwsError(
          suite.client().send(
            new ModifyTargetGroupAttributesCommand({
              TargetGroupArn: arn,
              Attributes: [{ Key: 'bogus.key', Value: 'x' }],
            }),
          ),
          'InvalidConfigurationRequestException',
        );
      },
    );
  });
}
