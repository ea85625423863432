import {
  AddTagsCommand,
  CreateRuleCommand,
  DescribeTagsCommand,
  RemoveTagsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { type Elbv2Suite, expectAwsError } from './context.ts';
import { differs, type MotoDifference } from './differences.ts';
import { createWebStack } from './stack.ts';

export function tagConformance(suite: Elbv2Suite): void {
  const { spec } = suite;
  const supports = (operation: string, difference?: MotoDifference) =>
    spec.supports(`elbv2:${operation}`) && (difference === undefined || !differs(spec, difference));

  describe('tags', () => {
    it.skipIf(!supports('AddTags') || !supports('DescribeTags') || !supports('RemoveTags'))(
      'tags load balancers, target groups, listeners and rules',
      async () => {
        const { loadBalancerArn, targetGroupArn, listenerArn } = await createWebStack(suite);
        const rule = await suite.client().send(
          new CreateRuleCommand({
            ListenerArn: listenerArn,
            Priority: 1,
            Conditions: [{ Field: 'path-pattern', Values: ['/t'] }],
            Actions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
          }),
        );
        const arns = [loadBalancerArn, targetGroupArn, listenerArn, rule.Rules?.[0]?.RuleArn ?? ''];
        await suite.client().send(
          new AddTagsCommand({
            ResourceArns: arns,
            Tags: [
              { Key: 'owner', Value: 'shipshape' },
              { Key: 'env', Value: 'test' },
            ],
          }),
        );
        const described = await suite.client().send(new DescribeTagsCommand({ ResourceArns: arns }));
        expect(described.TagDescriptions?.map((entry) => entry.ResourceArn)).toEqual(arns);
        for (const entry of described.TagDescriptions ?? []) {
          expect(entry.Tags).toEqual(
            expect.arrayContaining([
              { Key: 'owner', Value: 'shipshape' },
              { Key: 'env', Value: 'test' },
            ]),
          );
        }
        await suite.client().send(new RemoveTagsCommand({ ResourceArns: arns, TagKeys: ['env'] }));
        const after = await suite.client().send(new DescribeTagsCommand({ ResourceArns: [loadBalancerArn] }));
        expect(after.TagDescriptions?.[0]?.Tags).toEqual([{ Key: 'owner', Value: 'shipshape' }]);
      },
    );

    it.skipIf(!supports('AddTags'))('overwrites the value of an existing key', async () => {
      const { targetGroupArn } = await createWebStack(suite);
      await suite
        .client()
        .send(new AddTagsCommand({ ResourceArns: [targetGroupArn], Tags: [{ Key: 'k', Value: '1' }] }));
      await suite
        .client()
        .send(new AddTagsCommand({ ResourceArns: [targetGroupArn], Tags: [{ Key: 'k', Value: '2' }] }));
      const described = await suite
        .client()
        .send(new DescribeTagsCommand({ ResourceArns: [targetGroupArn] }));
      expect(described.TagDescriptions?.[0]?.Tags).toEqual([{ Key: 'k', Value: '2' }]);
    });

    it.skipIf(!supports('AddTags', 'tag-limit'))(
      'refuses more than 50 tags on a resource (TooManyTags)',
      async () => {
        const { targetGroupArn } = await createWebStack(suite);
        const tags = Array.from({ length: 51 }, (_, index) => ({ Key: `k${index}`, Value: 'v' }));
        await expectAwsError(
          suite.client().send(new AddTagsCommand({ ResourceArns: [targetGroupArn], Tags: tags })),
          'TooManyTagsException',
        );
      },
    );

    it.skipIf(!supports('DescribeTags', 'describe-tags-limit'))(
      'refuses more than 20 ARNs in DescribeTags (ValidationError)',
      async () => {
        const { targetGroupArn } = await createWebStack(suite);
        await expectAwsError(
          suite
            .client()
            .send(
              new DescribeTagsCommand({ ResourceArns: Array.from({ length: 21 }, () => targetGroupArn) }),
            ),
          'ValidationError',
        );
      },
    );

    it.skipIf(!supports('DescribeTags', 'describe-tags-not-found'))(
      'says LoadBalancerNotFound for an unknown load balancer',
      async () => {
        const { loadBalancerArn } = await createWebStack(suite);
        await expectAwsError(
          suite
            .client()
            .send(
              new DescribeTagsCommand({ ResourceArns: [`${loadBalancerArn.slice(0, -16)}0000000000000000`] }),
            ),
          'LoadBalancerNotFoundException',
        );
      },
    );
  });
}
