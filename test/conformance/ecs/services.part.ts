import {
  CreateServiceCommand,
  type CreateServiceCommandInput,
  DeleteServiceCommand,
  DescribeServicesCommand,
  ListServicesCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { describe, expect, it } from 'vitest';
import { networkOf } from '../elbv2/network.ts';
import { targetClientConfig } from '../target.ts';
import { createCluster, type EcsSuite, expectAwsError, registerFargate, SERVICE_ARN } from './context.ts';

export function serviceConformance(suite: EcsSuite): void {
  async function fargateService(
    cluster: string,
    extra: Partial<CreateServiceCommandInput> = {},
  ): Promise<{ name: string; taskDefinition: string }> {
    const taskDefinition = await registerFargate(suite, suite.unique('td'));
    const name = suite.unique('svc');
    await suite.client().send(
      new CreateServiceCommand({
        cluster,
        serviceName: name,
        taskDefinition,
        desiredCount: 0,
        launchType: 'FARGATE',
        networkConfiguration: await suite.network(),
        ...extra,
      }),
    );
    return { name, taskDefinition };
  }

  describe('services', () => {
    it.skipIf(!suite.can(['CreateCluster', 'RegisterTaskDefinition', 'CreateService'], 'service-defaults'))(
      'creates a Fargate service with AWS server-side defaults',
      async () => {
        const cluster = await createCluster(suite);
        const taskDefinition = await registerFargate(suite, suite.unique('td'));
        const answer = await suite.client().send(
          new CreateServiceCommand({
            cluster,
            serviceName: 'web',
            taskDefinition,
            desiredCount: 1,
            launchType: 'FARGATE',
            networkConfiguration: await suite.network(),
          }),
        );
        const service = answer.service;
        expect(service?.serviceArn).toMatch(SERVICE_ARN);
        expect(service?.serviceArn).toMatch(new RegExp(`:service/${cluster}/web$`));
        expect(service).toMatchObject({
          serviceName: 'web',
          status: 'ACTIVE',
          desiredCount: 1,
          launchType: 'FARGATE',
          platformVersion: 'LATEST',
          taskDefinition,
          schedulingStrategy: 'REPLICA',
          deploymentController: { type: 'ECS' },
          propagateTags: 'NONE',
          enableECSManagedTags: false,
          enableExecuteCommand: false,
          deploymentConfiguration: {
            maximumPercent: 200,
            minimumHealthyPercent: 100,
            deploymentCircuitBreaker: { enable: false, rollback: false },
          },
          networkConfiguration: {
            awsvpcConfiguration: {
              ...(await suite.network()).awsvpcConfiguration,
              assignPublicIp: 'DISABLED',
            },
          },
        });
        expect(service?.createdAt).toBeInstanceOf(Date);
        expect(service?.deployments).toHaveLength(1);
        expect(service?.deployments?.[0]).toMatchObject({
          status: 'PRIMARY',
          taskDefinition,
          // A new deployment starts at 0 and the scheduler raises it (AWS's 2025 CLI examples).
          desiredCount: 0,
          rolloutState: 'IN_PROGRESS',
        });
        expect(service?.deployments?.[0]?.id).toMatch(/^ecs-svc\/\d{19}$/);
      },
    );

    it.skipIf(!suite.can(['CreateService']))(
      'says ClusterNotFoundException for an unknown cluster',
      async () => {
        await expectAwsError(
          suite.client().send(
            new CreateServiceCommand({
              cluster: suite.unique('absent'),
              serviceName: 'web',
              taskDefinition: 'x:1',
            }),
          ),
          'ClusterNotFoundException',
        );
      },
    );

    it.skipIf(!suite.can(['CreateCluster', 'CreateService'], 'create-service-unknown-task-definition'))(
      'says ClientException for an unknown task definition',
      async () => {
        const cluster = await createCluster(suite);
        await expectAwsError(
          suite.client().send(
            new CreateServiceCommand({
              cluster,
              serviceName: 'web',
              taskDefinition: `${suite.unique('absent')}:1`,
            }),
          ),
          'ClientException',
        );
      },
    );

    it.skipIf(
      !suite.can(['CreateCluster', 'RegisterTaskDefinition', 'CreateService'], 'service-input-validation'),
    )('refuses a launch type with a capacity provider strategy, and awsvpc without a network', async () => {
      const cluster = await createCluster(suite);
      const taskDefinition = await registerFargate(suite, suite.unique('td'));
      await expectAwsError(
        suite.client().send(
          new CreateServiceCommand({
            cluster,
            serviceName: 'both',
            taskDefinition,
            launchType: 'FARGATE',
            capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
            networkConfiguration: await suite.network(),
          }),
        ),
        'InvalidParameterException',
      );
      await expectAwsError(
        suite.client().send(
          new CreateServiceCommand({
            cluster,
            serviceName: 'nonet',
            taskDefinition,
            launchType: 'FARGATE',
          }),
        ),
        'InvalidParameterException',
        "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
      );
    });

    it.skipIf(
      !suite.can(
        ['CreateCluster', 'RegisterTaskDefinition', 'CreateService'],
        'service-load-balancer-validation',
      ) || !suite.spec.supports('elbv2:CreateTargetGroup'),
    )('checks load balancers against ELBv2 and the task definition', async () => {
      const cluster = await createCluster(suite);
      const taskDefinition = await registerFargate(suite, suite.unique('td'));
      const network = await networkOf(suite.spec, suite.target());
      const elbv2 = new ElasticLoadBalancingV2Client({
        ...targetClientConfig(suite.target()),
        maxAttempts: 1,
      });
      const group = await elbv2.send(
        new CreateTargetGroupCommand({
          Name: suite.unique('tg'),
          Protocol: 'HTTP',
          Port: 8080,
          VpcId: network.vpcId,
          TargetType: 'ip',
        }),
      );
      const targetGroupArn = group.TargetGroups?.[0]?.TargetGroupArn ?? '';
      const networkConfiguration = await suite.network();
      const create = (loadBalancer: {
        targetGroupArn: string;
        containerName: string;
        containerPort: number;
      }) =>
        suite.client().send(
          new CreateServiceCommand({
            cluster,
            serviceName: suite.unique('lb'),
            taskDefinition,
            launchType: 'FARGATE',
            networkConfiguration,
            loadBalancers: [loadBalancer],
          }),
        );
      await expectAwsError(
        create({ targetGroupArn, containerName: 'web', containerPort: 9999 }),
        'InvalidParameterException',
        'The container web did not have a container port 9999 defined.',
      );
      await expectAwsError(
        create({
          targetGroupArn: `${targetGroupArn.slice(0, -4)}ffff`,
          containerName: 'web',
          containerPort: 8080,
        }),
        'InvalidParameterException',
      );
      const created = await create({ targetGroupArn, containerName: 'web', containerPort: 8080 });
      expect(created.service?.loadBalancers).toEqual([
        { targetGroupArn, containerName: 'web', containerPort: 8080 },
      ]);
    });

    it.skipIf(
      !suite.can(['CreateCluster', 'RegisterTaskDefinition', 'CreateService'], 'create-service-idempotency'),
    )('is idempotent by clientToken and refuses a second service of the same name', async () => {
      const cluster = await createCluster(suite);
      const taskDefinition = await registerFargate(suite, suite.unique('td'));
      const input = {
        cluster,
        serviceName: 'web',
        taskDefinition,
        desiredCount: 0,
        launchType: 'FARGATE' as const,
        networkConfiguration: await suite.network(),
        clientToken: 'token-1',
      };
      const first = await suite.client().send(new CreateServiceCommand(input));
      const second = await suite.client().send(new CreateServiceCommand(input));
      expect(second.service?.serviceArn).toBe(first.service?.serviceArn);
      expect(second.service?.deployments?.[0]?.id).toBe(first.service?.deployments?.[0]?.id);
      await expectAwsError(
        suite.client().send(new CreateServiceCommand({ ...input, clientToken: 'token-2' })),
        'InvalidParameterException',
        'Creation of service was not idempotent.',
      );
    });

    it.skipIf(
      !suite.can(
        ['CreateCluster', 'RegisterTaskDefinition', 'CreateService', 'UpdateService'],
        'update-service-deployments',
      ),
    )(
      'updates desiredCount in place and starts a new PRIMARY deployment for a new task definition',
      async () => {
        const cluster = await createCluster(suite);
        const { name, taskDefinition } = await fargateService(cluster);
        const scaled = await suite
          .client()
          .send(new UpdateServiceCommand({ cluster, service: name, desiredCount: 3 }));
        expect(scaled.service?.desiredCount).toBe(3);
        expect(scaled.service?.deployments).toHaveLength(1);
        const family = taskDefinition.split('/')[1]?.split(':')[0] ?? '';
        const next = await registerFargate(suite, family);
        const rolled = await suite
          .client()
          .send(new UpdateServiceCommand({ cluster, service: name, taskDefinition: next }));
        expect(rolled.service?.taskDefinition).toBe(next);
        expect(
          rolled.service?.deployments?.map((deployment) => [deployment.status, deployment.taskDefinition]),
        ).toEqual([
          ['PRIMARY', next],
          ['ACTIVE', taskDefinition],
        ]);
      },
    );

    it.skipIf(!suite.can(['CreateCluster', 'UpdateService']))(
      'says ServiceNotFoundException when updating an unknown service',
      async () => {
        const cluster = await createCluster(suite);
        await expectAwsError(
          suite.client().send(new UpdateServiceCommand({ cluster, service: 'absent', desiredCount: 1 })),
          'ServiceNotFoundException',
        );
      },
    );

    it.skipIf(
      !suite.can(
        ['CreateCluster', 'RegisterTaskDefinition', 'CreateService', 'DeleteService', 'UpdateService'],
        'delete-service-lifecycle',
      ),
    )('refuses to delete a scaled service without force, then drains it', async () => {
      const cluster = await createCluster(suite);
      const { name } = await fargateService(cluster, { desiredCount: 1 });
      await expectAwsError(
        suite.client().send(new DeleteServiceCommand({ cluster, service: name })),
        'InvalidParameterException',
        'The service cannot be stopped while it is scaled above 0.',
      );
      const deleted = await suite
        .client()
        .send(new DeleteServiceCommand({ cluster, service: name, force: true }));
      expect(deleted.service).toMatchObject({ status: 'DRAINING', desiredCount: 0 });
      await expectAwsError(
        suite.client().send(new UpdateServiceCommand({ cluster, service: name, desiredCount: 1 })),
        'ServiceNotActiveException',
      );
    });

    it.skipIf(!suite.can(['CreateCluster', 'DeleteService']))(
      'says ServiceNotFoundException when deleting an unknown service',
      async () => {
        const cluster = await createCluster(suite);
        await expectAwsError(
          suite.client().send(new DeleteServiceCommand({ cluster, service: 'absent' })),
          'ServiceNotFoundException',
        );
      },
    );

    it.skipIf(
      !suite.can(
        ['CreateCluster', 'RegisterTaskDefinition', 'CreateService', 'DescribeServices'],
        'describe-services-tags',
      ),
    )('describes services with failures for missing ones and tags only when included', async () => {
      const cluster = await createCluster(suite);
      const { name } = await fargateService(cluster, { tags: [{ key: 'tier', value: 'web' }] });
      const plain = await suite
        .client()
        .send(new DescribeServicesCommand({ cluster, services: [name, 'absent'] }));
      expect(plain.services?.map((service) => service.serviceName)).toEqual([name]);
      expect(plain.services?.[0]?.tags ?? []).toEqual([]);
      expect(plain.failures).toEqual([
        expect.objectContaining({
          arn: expect.stringMatching(new RegExp(`:service/${cluster}/absent$`)),
          reason: 'MISSING',
        }),
      ]);
      const tagged = await suite
        .client()
        .send(new DescribeServicesCommand({ cluster, services: [name], include: ['TAGS'] }));
      expect(tagged.services?.[0]?.tags).toEqual([{ key: 'tier', value: 'web' }]);
    });

    it.skipIf(!suite.can(['CreateCluster', 'DescribeServices'], 'describe-services-limit'))(
      'refuses more than 10 services in one DescribeServices',
      async () => {
        const cluster = await createCluster(suite);
        const names = Array.from({ length: 11 }, (_, index) => `svc-${index}`);
        await expectAwsError(
          suite.client().send(new DescribeServicesCommand({ cluster, services: names })),
          'InvalidParameterException',
        );
      },
    );

    it.skipIf(
      !suite.can(
        ['CreateCluster', 'RegisterTaskDefinition', 'CreateService', 'ListServices'],
        'list-services-paging',
      ),
    )('lists services 10 at a time by default, with nextToken', async () => {
      const cluster = await createCluster(suite);
      const taskDefinition = await registerFargate(suite, suite.unique('td'));
      for (let index = 0; index < 12; index += 1) {
        await suite.client().send(
          new CreateServiceCommand({
            cluster,
            serviceName: `svc-${index}`,
            taskDefinition,
            desiredCount: 0,
            launchType: 'FARGATE',
            networkConfiguration: await suite.network(),
          }),
        );
      }
      const first = await suite.client().send(new ListServicesCommand({ cluster }));
      expect(first.serviceArns).toHaveLength(10);
      expect(first.nextToken).toEqual(expect.any(String));
      const rest = await suite
        .client()
        .send(new ListServicesCommand({ cluster, nextToken: first.nextToken }));
      expect(rest.serviceArns).toHaveLength(2);
      expect(rest.nextToken).toBeUndefined();
      await expectAwsError(
        suite.client().send(new ListServicesCommand({ cluster, maxResults: 101 })),
        'InvalidParameterException',
      );
    });
  });
}
