import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteClusterCommand,
  DescribeClustersCommand,
  ListClustersCommand,
} from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { CLUSTER_ARN, createCluster, type EcsSuite, expectAwsError, registerFargate } from './context.ts';

export function clusterConformance(suite: EcsSuite): void {
  describe('clusters', () => {
    it.skipIf(!suite.can(['CreateCluster'], 'cluster-defaults'))(
      'creates a cluster with its defaults, idempotently by name',
      async () => {
        const name = suite.unique('cl');
        const created = await suite
          .client()
          .send(new CreateClusterCommand({ clusterName: name, tags: [{ key: 'team', value: 'core' }] }));
        expect(created.cluster).toMatchObject({
          clusterName: name,
          status: 'ACTIVE',
          registeredContainerInstancesCount: 0,
          runningTasksCount: 0,
          pendingTasksCount: 0,
          activeServicesCount: 0,
          tags: [{ key: 'team', value: 'core' }],
        });
        expect(created.cluster?.clusterArn).toMatch(CLUSTER_ARN);
        const again = await suite.client().send(new CreateClusterCommand({ clusterName: name }));
        expect(again.cluster?.clusterArn).toBe(created.cluster?.clusterArn);
      },
    );

    it.skipIf(!suite.can(['CreateCluster', 'DescribeClusters'], 'cluster-settings-default'))(
      'adds no settings to a cluster created without any',
      async () => {
        const name = suite.unique('cl');
        const created = await suite.client().send(new CreateClusterCommand({ clusterName: name }));
        // AWS's published CreateCluster and DescribeClusters answers (see the fidelity cases).
        expect(created.cluster?.settings ?? []).toEqual([]);
        const described = await suite
          .client()
          .send(new DescribeClustersCommand({ clusters: [name], include: ['SETTINGS'] }));
        expect(described.clusters?.[0]?.settings).toEqual([]);
      },
    );

    it.skipIf(!suite.can(['CreateCluster'], 'cluster-name-validation'))(
      'refuses an invalid cluster name with InvalidParameterException',
      async () => {
        await expectAwsError(
          suite.client().send(new CreateClusterCommand({ clusterName: 'no spaces allowed' })),
          'InvalidParameterException',
        );
      },
    );

    it.skipIf(!suite.can(['CreateCluster', 'DescribeClusters']))(
      'describes clusters, reporting missing ones as failures',
      async () => {
        const name = await createCluster(suite);
        const missing = suite.unique('absent');
        const answer = await suite.client().send(new DescribeClustersCommand({ clusters: [name, missing] }));
        expect(answer.clusters?.map((cluster) => cluster.clusterName)).toEqual([name]);
        expect(answer.failures).toEqual([
          expect.objectContaining({
            arn: expect.stringMatching(new RegExp(`:cluster/${missing}$`)),
            reason: 'MISSING',
          }),
        ]);
      },
    );

    it.skipIf(!suite.can(['CreateCluster', 'DescribeClusters'], 'describe-clusters-include'))(
      'returns tags and settings only when included',
      async () => {
        const name = suite.unique('cl');
        await suite
          .client()
          .send(new CreateClusterCommand({ clusterName: name, tags: [{ key: 'a', value: 'b' }] }));
        const plain = await suite.client().send(new DescribeClustersCommand({ clusters: [name] }));
        expect(plain.clusters?.[0]?.tags ?? []).toEqual([]);
        const full = await suite
          .client()
          .send(new DescribeClustersCommand({ clusters: [name], include: ['TAGS', 'SETTINGS'] }));
        expect(full.clusters?.[0]?.tags).toEqual([{ key: 'a', value: 'b' }]);
      },
    );

    it.skipIf(!suite.can(['CreateCluster', 'ListClusters'], 'list-clusters-paging'))(
      'pages ListClusters with maxResults',
      async () => {
        for (let index = 0; index < 3; index += 1) await createCluster(suite, 'page');
        const first = await suite.client().send(new ListClustersCommand({ maxResults: 2 }));
        expect(first.clusterArns).toHaveLength(2);
        expect(first.nextToken).toEqual(expect.any(String));
        const rest = await suite
          .client()
          .send(new ListClustersCommand({ maxResults: 100, nextToken: first.nextToken }));
        expect(rest.clusterArns?.length).toBeGreaterThanOrEqual(1);
        expect(rest.clusterArns).not.toContain(first.clusterArns?.[0]);
      },
    );

    it.skipIf(!suite.can(['ListClusters'], 'list-max-results'))(
      'refuses maxResults above 100 with InvalidParameterException',
      async () => {
        await expectAwsError(
          suite.client().send(new ListClustersCommand({ maxResults: 101 })),
          'InvalidParameterException',
        );
      },
    );

    it.skipIf(!suite.can(['CreateCluster', 'DeleteCluster', 'DescribeClusters']))(
      'deletes a cluster, which then describes as INACTIVE',
      async () => {
        const name = await createCluster(suite);
        const deleted = await suite.client().send(new DeleteClusterCommand({ cluster: name }));
        expect(deleted.cluster?.status).toBe('INACTIVE');
        const described = await suite.client().send(new DescribeClustersCommand({ clusters: [name] }));
        expect(described.clusters?.[0]?.status).toBe('INACTIVE');
      },
    );

    it.skipIf(!suite.can(['DeleteCluster']))(
      'says ClusterNotFoundException for an unknown cluster',
      async () => {
        await expectAwsError(
          suite.client().send(new DeleteClusterCommand({ cluster: suite.unique('absent') })),
          'ClusterNotFoundException',
        );
      },
    );

    it.skipIf(
      !suite.can(
        ['CreateCluster', 'DeleteCluster', 'CreateService', 'RegisterTaskDefinition'],
        'delete-cluster-with-services',
      ),
    )('refuses to delete a cluster with active services', async () => {
      const cluster = await createCluster(suite);
      const taskDefinition = await registerFargate(suite, suite.unique('td'));
      await suite.client().send(
        new CreateServiceCommand({
          cluster,
          serviceName: 'svc',
          taskDefinition,
          desiredCount: 0,
          launchType: 'FARGATE',
          networkConfiguration: await suite.network(),
        }),
      );
      await expectAwsError(
        suite.client().send(new DeleteClusterCommand({ cluster })),
        'ClusterContainsServicesException',
      );
    });
  });
}
