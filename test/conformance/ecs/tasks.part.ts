import {
  CreateServiceCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  StopTaskCommand,
} from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { letTimePass } from '../clock.ts';
import { createCluster, type EcsSuite, expectAwsError, registerFargate, TASK_ARN } from './context.ts';

export function taskConformance(suite: EcsSuite): void {
  const life = suite.spec.supports('life:ecs-tasks') && suite.spec.supports('life:clock');

  /** A Fargate service with `count` tasks RUNNING; returns the cluster and service names. */
  async function runningService(count: number): Promise<{ cluster: string; service: string }> {
    const cluster = await createCluster(suite);
    const taskDefinition = await registerFargate(suite, suite.unique('td'));
    const service = suite.unique('svc');
    await suite.client().send(
      new CreateServiceCommand({
        cluster,
        serviceName: service,
        taskDefinition,
        desiredCount: count,
        launchType: 'FARGATE',
        networkConfiguration: await suite.network(),
      }),
    );
    await letTimePass(suite.spec, suite.target(), 20_000);
    return { cluster, service };
  }

  describe('tasks', () => {
    it.skipIf(!life || !suite.can(['CreateService', 'ListTasks', 'DescribeTasks']))(
      'lists and describes the tasks a service runs',
      async () => {
        const { cluster, service } = await runningService(2);
        const listed = await suite.client().send(new ListTasksCommand({ cluster, serviceName: service }));
        expect(listed.taskArns).toHaveLength(2);
        for (const arn of listed.taskArns ?? []) expect(arn).toMatch(TASK_ARN);
        const described = await suite
          .client()
          .send(new DescribeTasksCommand({ cluster, tasks: listed.taskArns }));
        expect(described.failures).toEqual([]);
        const [task] = described.tasks ?? [];
        expect(task).toMatchObject({
          lastStatus: 'RUNNING',
          desiredStatus: 'RUNNING',
          launchType: 'FARGATE',
          group: `service:${service}`,
          cpu: '256',
          memory: '512',
        });
        expect(task?.startedBy).toMatch(/^ecs-svc\/\d{19}$/);
        expect(task?.attachments?.[0]).toMatchObject({ type: 'ElasticNetworkInterface', status: 'ATTACHED' });
        const ip = task?.attachments?.[0]?.details?.find(
          (detail) => detail.name === 'privateIPv4Address',
        )?.value;
        expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
        expect(task?.containers?.[0]).toMatchObject({
          name: 'web',
          lastStatus: 'RUNNING',
          image: 'nginx:1.27',
        });
        expect(task?.startedAt).toBeInstanceOf(Date);

        const paged = await suite
          .client()
          .send(new ListTasksCommand({ cluster, serviceName: service, maxResults: 1 }));
        expect(paged.taskArns).toHaveLength(1);
        const rest = await suite.client().send(
          new ListTasksCommand({
            cluster,
            serviceName: service,
            maxResults: 1,
            nextToken: paged.nextToken,
          }),
        );
        expect(rest.taskArns).toHaveLength(1);
        expect(rest.taskArns?.[0]).not.toBe(paged.taskArns?.[0]);
      },
    );

    it.skipIf(!life || !suite.can(['CreateService', 'ListTasks', 'StopTask']))(
      'stops a task with the given reason',
      async () => {
        const { cluster, service } = await runningService(1);
        const listed = await suite.client().send(new ListTasksCommand({ cluster, serviceName: service }));
        const stopped = await suite
          .client()
          .send(new StopTaskCommand({ cluster, task: listed.taskArns?.[0] ?? '', reason: 'rotating' }));
        expect(stopped.task).toMatchObject({
          desiredStatus: 'STOPPED',
          stopCode: 'UserInitiated',
          stoppedReason: 'rotating',
        });
        const stoppedList = await suite
          .client()
          .send(new ListTasksCommand({ cluster, serviceName: service, desiredStatus: 'STOPPED' }));
        expect(stoppedList.taskArns).toContain(listed.taskArns?.[0]);
      },
    );

    it.skipIf(!suite.can(['CreateCluster', 'DescribeTasks'], 'describe-tasks-failures'))(
      'reports unknown tasks as MISSING failures',
      async () => {
        const cluster = await createCluster(suite);
        const answer = await suite
          .client()
          .send(new DescribeTasksCommand({ cluster, tasks: ['0123456789abcdef0123456789abcdef'] }));
        expect(answer.tasks).toEqual([]);
        expect(answer.failures).toEqual([
          expect.objectContaining({
            arn: expect.stringContaining('0123456789abcdef0123456789abcdef'),
            reason: 'MISSING',
          }),
        ]);
      },
    );

    it.skipIf(!suite.can(['CreateCluster', 'DescribeTasks'], 'describe-tasks-limit'))(
      'refuses more than 100 tasks in one DescribeTasks',
      async () => {
        const cluster = await createCluster(suite);
        const ids = Array.from({ length: 101 }, (_, index) => index.toString(16).padStart(32, '0'));
        await expectAwsError(
          suite.client().send(new DescribeTasksCommand({ cluster, tasks: ids })),
          'InvalidParameterException',
        );
      },
    );

    it.skipIf(!suite.can(['CreateCluster', 'StopTask'], 'stop-unknown-task'))(
      'says InvalidParameterException when stopping an unknown task',
      async () => {
        const cluster = await createCluster(suite);
        await expectAwsError(
          suite.client().send(new StopTaskCommand({ cluster, task: '0123456789abcdef0123456789abcdef' })),
          'InvalidParameterException',
        );
      },
    );

    it.skipIf(!suite.can(['CreateCluster', 'ListTasks'], 'list-tasks-unknown-service'))(
      'says ServiceNotFoundException when listing the tasks of an unknown service',
      async () => {
        const cluster = await createCluster(suite);
        await expectAwsError(
          suite.client().send(new ListTasksCommand({ cluster, serviceName: 'absent' })),
          'ServiceNotFoundException',
        );
      },
    );

    it.skipIf(!suite.can(['ListTasks']))('says ClusterNotFoundException for an unknown cluster', async () => {
      await expectAwsError(
        suite.client().send(new ListTasksCommand({ cluster: suite.unique('absent') })),
        'ClusterNotFoundException',
      );
    });
  });
}
