import {
  CreateClusterCommand,
  CreateServiceCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { type EcsSuite, expectAwsError, registerFargate } from './context.ts';

export function tagConformance(suite: EcsSuite): void {
  const can = (difference?: string) =>
    suite.can(
      [
        'CreateCluster',
        'CreateService',
        'RegisterTaskDefinition',
        'TagResource',
        'UntagResource',
        'ListTagsForResource',
      ],
      difference,
    );

  describe('tags', () => {
    it.skipIf(!can())('tags and untags clusters, services and task definitions', async () => {
      const client = suite.client();
      const name = suite.unique('cl');
      const cluster = await client.send(new CreateClusterCommand({ clusterName: name }));
      const taskDefinition = await registerFargate(suite, suite.unique('td'));
      const service = await client.send(
        new CreateServiceCommand({
          cluster: name,
          serviceName: 'web',
          taskDefinition,
          desiredCount: 0,
          launchType: 'FARGATE',
          networkConfiguration: await suite.network(),
        }),
      );
      const arns = [cluster.cluster?.clusterArn ?? '', service.service?.serviceArn ?? '', taskDefinition];
      for (const resourceArn of arns) {
        await client.send(
          new TagResourceCommand({
            resourceArn,
            tags: [
              { key: 'owner', value: 'shipshape' },
              { key: 'env', value: 'test' },
            ],
          }),
        );
        await client.send(new TagResourceCommand({ resourceArn, tags: [{ key: 'env', value: 'prod' }] }));
        const listed = await client.send(new ListTagsForResourceCommand({ resourceArn }));
        expect(listed.tags).toEqual(
          expect.arrayContaining([
            { key: 'owner', value: 'shipshape' },
            { key: 'env', value: 'prod' },
          ]),
        );
        expect(listed.tags).toHaveLength(2);
        await client.send(new UntagResourceCommand({ resourceArn, tagKeys: ['owner'] }));
        const after = await client.send(new ListTagsForResourceCommand({ resourceArn }));
        expect(after.tags).toEqual([{ key: 'env', value: 'prod' }]);
      }
    });

    it.skipIf(!can('tag-unknown-cluster'))(
      'says ClusterNotFoundException for an unknown cluster ARN',
      async () => {
        await expectAwsError(
          suite.client().send(
            new ListTagsForResourceCommand({
              resourceArn: `arn:aws:ecs:${suite.target().region}:123456789012:cluster/${suite.unique('absent')}`,
            }),
          ),
          'ClusterNotFoundException',
        );
      },
    );

    it.skipIf(!can('tag-reserved-prefix'))('refuses tag keys with the reserved aws: prefix', async () => {
      const name = suite.unique('cl');
      const cluster = await suite.client().send(new CreateClusterCommand({ clusterName: name }));
      await expectAwsError(
        suite.client().send(
          new TagResourceCommand({
            resourceArn: cluster.cluster?.clusterArn ?? '',
            tags: [{ key: 'aws:x', value: 'y' }],
          }),
        ),
        'InvalidParameterException',
      );
    });
  });
}
