import {
  CreateLoadBalancerCommand,
  DeleteLoadBalancerCommand,
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  ModifyLoadBalancerAttributesCommand,
  SetSecurityGroupsCommand,
  SetSubnetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { type Elbv2Suite, expectAwsError, LB_ARN } from './context.ts';
import { differs, type MotoDifference } from './differences.ts';
import { createLoadBalancer, createWebStack } from './stack.ts';

export function loadBalancerConformance(suite: Elbv2Suite): void {
  const { spec } = suite;
  const supports = (operation: string, difference?: MotoDifference) =>
    spec.supports(`elbv2:${operation}`) && (difference === undefined || !differs(spec, difference));

  describe('load balancers', () => {
    it.skipIf(!supports('CreateLoadBalancer'))(
      'creates an application load balancer with AWS defaults',
      async () => {
        const network = await suite.network();
        const name = suite.unique('lb');
        const loadBalancer = await createLoadBalancer(suite, name);
        expect(loadBalancer.LoadBalancerArn).toMatch(LB_ARN);
        expect(loadBalancer).toMatchObject({
          LoadBalancerName: name,
          Type: 'application',
          IpAddressType: 'ipv4',
          State: { Code: 'provisioning' },
        });
        if (!differs(spec, 'lb-scheme-default')) expect(loadBalancer.Scheme).toBe('internet-facing');
        expect(loadBalancer.DNSName).toContain(name);
        expect(loadBalancer.CanonicalHostedZoneId).toMatch(/^Z[A-Z0-9]+$/);
        expect(loadBalancer.CreatedTime).toBeInstanceOf(Date);
        expect(loadBalancer.VpcId).toMatch(/^vpc-/);
        expect(loadBalancer.AvailabilityZones?.map((zone) => zone.SubnetId).sort()).toEqual(
          [...network.subnets].sort(),
        );
        for (const zone of loadBalancer.AvailabilityZones ?? [])
          expect(zone.ZoneName).toMatch(/^us-east-1[a-z]$/);
        if (!differs(spec, 'lb-default-security-group')) expect(loadBalancer.SecurityGroups).toHaveLength(1);
      },
    );

    it.skipIf(!supports('CreateLoadBalancer', 'lb-idempotent'))(
      'is idempotent for the same name and settings',
      async () => {
        const name = suite.unique('lb');
        const first = await createLoadBalancer(suite, name);
        const second = await createLoadBalancer(suite, name);
        expect(second.LoadBalancerArn).toBe(first.LoadBalancerArn);
      },
    );

    it.skipIf(!supports('CreateLoadBalancer', 'lb-duplicate-name'))(
      'refuses the same name with other settings (DuplicateLoadBalancerName)',
      async () => {
        const network = await suite.network();
        const name = suite.unique('lb');
        await createLoadBalancer(suite, name);
        await expectAwsError(
          suite.client().send(
            new CreateLoadBalancerCommand({
              Name: name,
              Subnets: [...network.subnets],
              Scheme: 'internal',
            }),
          ),
          'DuplicateLoadBalancerNameException',
        );
      },
    );

    it.skipIf(!supports('CreateLoadBalancer', 'lb-name-length'))(
      'refuses names longer than 32 characters (ValidationError)',
      async () => {
        const network = await suite.network();
        await expectAwsError(
          suite
            .client()
            .send(new CreateLoadBalancerCommand({ Name: 'x'.repeat(33), Subnets: [...network.subnets] })),
          'ValidationError',
        );
      },
    );

    it.skipIf(!supports('DescribeLoadBalancers'))(
      'describes by name, pages with Marker, and says LoadBalancerNotFound',
      async () => {
        const first = await createLoadBalancer(suite);
        const second = await createLoadBalancer(suite);
        const names = [first.LoadBalancerName ?? '', second.LoadBalancerName ?? ''];
        const byName = await suite.client().send(new DescribeLoadBalancersCommand({ Names: names }));
        expect(byName.LoadBalancers?.map((lb) => lb.LoadBalancerArn).sort()).toEqual(
          [first.LoadBalancerArn, second.LoadBalancerArn].sort(),
        );
        const page1 = await suite
          .client()
          .send(new DescribeLoadBalancersCommand({ Names: names, PageSize: 1 }));
        expect(page1.LoadBalancers).toHaveLength(1);
        expect(page1.NextMarker).toBeTruthy();
        const page2 = await suite
          .client()
          .send(new DescribeLoadBalancersCommand({ Names: names, PageSize: 1, Marker: page1.NextMarker }));
        expect(page2.LoadBalancers).toHaveLength(1);
        expect(page2.LoadBalancers?.[0]?.LoadBalancerArn).not.toBe(page1.LoadBalancers?.[0]?.LoadBalancerArn);
        expect(page2.NextMarker).toBeUndefined();
        await expectAwsError(
          suite.client().send(new DescribeLoadBalancersCommand({ Names: [suite.unique('missing')] })),
          'LoadBalancerNotFoundException',
        );
      },
    );

    it.skipIf(!supports('DescribeLoadBalancers', 'page-size-range'))(
      'refuses a PageSize outside 1-400 (ValidationError)',
      async () => {
        await expectAwsError(
          suite.client().send(new DescribeLoadBalancersCommand({ PageSize: 401 })),
          'ValidationError',
        );
      },
    );

    it.skipIf(!supports('DeleteLoadBalancer'))(
      'deletes a load balancer with its listeners; deleting again succeeds',
      async () => {
        const { loadBalancerArn, listenerArn } = await createWebStack(suite);
        await suite.client().send(new DeleteLoadBalancerCommand({ LoadBalancerArn: loadBalancerArn }));
        await expectAwsError(
          suite.client().send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [loadBalancerArn] })),
          'LoadBalancerNotFoundException',
        );
        await expectAwsError(
          suite.client().send(new DescribeListenersCommand({ ListenerArns: [listenerArn] })),
          'ListenerNotFoundException',
        );
        await expect(
          suite.client().send(new DeleteLoadBalancerCommand({ LoadBalancerArn: loadBalancerArn })),
        ).resolves.toBeDefined();
      },
    );

    it.skipIf(!supports('DescribeLoadBalancerAttributes', 'lb-attribute-defaults'))(
      'returns every attribute with its default',
      async () => {
        const loadBalancer = await createLoadBalancer(suite);
        const answer = await suite
          .client()
          .send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: loadBalancer.LoadBalancerArn }));
        const attributes = new Map(answer.Attributes?.map((attribute) => [attribute.Key, attribute.Value]));
        expect(attributes.get('idle_timeout.timeout_seconds')).toBe('60');
        expect(attributes.get('deletion_protection.enabled')).toBe('false');
        expect(attributes.get('routing.http2.enabled')).toBe('true');
        expect(attributes.get('access_logs.s3.enabled')).toBe('false');
      },
    );

    it.skipIf(!supports('ModifyLoadBalancerAttributes'))(
      'modifies attributes and refuses unknown keys',
      async () => {
        const loadBalancer = await createLoadBalancer(suite);
        const arn = loadBalancer.LoadBalancerArn;
        const answer = await suite.client().send(
          new ModifyLoadBalancerAttributesCommand({
            LoadBalancerArn: arn,
            Attributes: [{ Key: 'idle_timeout.timeout_seconds', Value: '120' }],
          }),
        );
        expect(answer.Attributes).toContainEqual({ Key: 'idle_timeout.timeout_seconds', Value: '120' });
        const described = await suite
          .client()
          .send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn }));
        expect(described.Attributes).toContainEqual({ Key: 'idle_timeout.timeout_seconds', Value: '120' });
        await expectAwsError(
          suite.client().send(
            new ModifyLoadBalancerAttributesCommand({
              LoadBalancerArn: arn,
              Attributes: [{ Key: 'no.such.key', Value: '1' }],
            }),
          ),
          'InvalidConfigurationRequestException',
        );
      },
    );

    it.skipIf(
      !supports('ModifyLoadBalancerAttributes') || !supports('DeleteLoadBalancer', 'lb-deletion-protection'),
    )('refuses to delete a load balancer with deletion protection (OperationNotPermitted)', async () => {
      const loadBalancer = await createLoadBalancer(suite);
      const arn = loadBalancer.LoadBalancerArn;
      await suite.client().send(
        new ModifyLoadBalancerAttributesCommand({
          LoadBalancerArn: arn,
          Attributes: [{ Key: 'deletion_protection.enabled', Value: 'true' }],
        }),
      );
      await expectAwsError(
        suite.client().send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn })),
        'OperationNotPermittedException',
      );
    });

    it.skipIf(!supports('SetSecurityGroups'))('replaces the security groups', async () => {
      const network = await suite.network();
      const loadBalancer = await createLoadBalancer(suite);
      const answer = await suite.client().send(
        new SetSecurityGroupsCommand({
          LoadBalancerArn: loadBalancer.LoadBalancerArn,
          SecurityGroups: [network.securityGroupId],
        }),
      );
      expect(answer.SecurityGroupIds).toEqual([network.securityGroupId]);
      const described = await suite
        .client()
        .send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [loadBalancer.LoadBalancerArn ?? ''] }));
      expect(described.LoadBalancers?.[0]?.SecurityGroups).toEqual([network.securityGroupId]);
    });

    it.skipIf(!supports('SetSubnets'))('sets the subnets and answers their zones', async () => {
      const network = await suite.network();
      const loadBalancer = await createLoadBalancer(suite);
      const answer = await suite.client().send(
        new SetSubnetsCommand({
          LoadBalancerArn: loadBalancer.LoadBalancerArn,
          Subnets: [...network.subnets],
        }),
      );
      expect(answer.AvailabilityZones?.map((zone) => zone.SubnetId).sort()).toEqual(
        [...network.subnets].sort(),
      );
    });
  });
}
