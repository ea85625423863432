import {
  DeregisterTaskDefinitionCommand,
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionFamiliesCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { type EcsSuite, expectAwsError, registerFargate, TASK_DEFINITION_ARN } from './context.ts';

export function taskDefinitionConformance(suite: EcsSuite): void {
  describe('task definitions', () => {
    it.skipIf(!suite.can(['RegisterTaskDefinition'], 'task-definition-defaults'))(
      'stores a definition with AWS server-side defaults',
      async () => {
        const family = suite.unique('td');
        const answer = await suite.client().send(
          new RegisterTaskDefinitionCommand({
            family,
            networkMode: 'awsvpc',
            requiresCompatibilities: ['FARGATE'],
            cpu: '0.25 vCPU',
            memory: '1 GB',
            containerDefinitions: [
              { name: 'web', image: 'nginx:1.27', portMappings: [{ containerPort: 8080 }] },
            ],
          }),
        );
        const definition = answer.taskDefinition;
        expect(definition?.taskDefinitionArn).toMatch(TASK_DEFINITION_ARN);
        expect(definition).toMatchObject({
          family,
          revision: 1,
          status: 'ACTIVE',
          networkMode: 'awsvpc',
          cpu: '256',
          memory: '1024',
          requiresCompatibilities: ['FARGATE'],
          volumes: [],
          placementConstraints: [],
        });
        expect(definition?.compatibilities).toEqual(expect.arrayContaining(['EC2', 'FARGATE']));
        expect(definition?.requiresAttributes).toEqual(
          expect.arrayContaining([{ name: 'ecs.capability.task-eni' }]),
        );
        expect(definition?.registeredAt).toBeInstanceOf(Date);
        expect(definition?.registeredBy).toEqual(expect.any(String));
        expect(definition?.containerDefinitions?.[0]).toMatchObject({
          name: 'web',
          cpu: 0,
          essential: true,
          portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
          environment: [],
          mountPoints: [],
          volumesFrom: [],
        });
      },
    );

    it.skipIf(!suite.can(['RegisterTaskDefinition']))('numbers revisions per family', async () => {
      const family = suite.unique('td');
      await registerFargate(suite, family);
      const second = await registerFargate(suite, family);
      expect(second).toMatch(new RegExp(`:task-definition/${family}:2$`));
    });

    it.skipIf(!suite.can(['RegisterTaskDefinition'], 'fargate-validation'))(
      'refuses Fargate definitions without awsvpc or with an invalid cpu/memory pair',
      async () => {
        const base = {
          containerDefinitions: [{ name: 'web', image: 'nginx:1.27' }],
          requiresCompatibilities: ['FARGATE' as const],
        };
        await expectAwsError(
          suite.client().send(
            new RegisterTaskDefinitionCommand({
              ...base,
              family: suite.unique('td'),
              networkMode: 'bridge',
              cpu: '256',
              memory: '512',
            }),
          ),
          'ClientException',
          'Fargate only supports network mode ‘awsvpc’.',
        );
        await expectAwsError(
          suite.client().send(
            new RegisterTaskDefinitionCommand({
              ...base,
              family: suite.unique('td'),
              networkMode: 'awsvpc',
              cpu: '256',
              memory: '4096',
            }),
          ),
          'ClientException',
          /No Fargate configuration exists for given values/,
        );
      },
    );

    it.skipIf(!suite.can(['RegisterTaskDefinition', 'DescribeTaskDefinition']))(
      'describes by family (latest ACTIVE), family:revision and ARN',
      async () => {
        const family = suite.unique('td');
        const first = await registerFargate(suite, family);
        const second = await registerFargate(suite, family);
        const client = suite.client();
        const byFamily = await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: family }));
        expect(byFamily.taskDefinition?.taskDefinitionArn).toBe(second);
        const byRevision = await client.send(
          new DescribeTaskDefinitionCommand({ taskDefinition: `${family}:1` }),
        );
        expect(byRevision.taskDefinition?.taskDefinitionArn).toBe(first);
        const byArn = await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: first }));
        expect(byArn.taskDefinition?.revision).toBe(1);
      },
    );

    it.skipIf(!suite.can(['DescribeTaskDefinition'], 'describe-unknown-task-definition'))(
      'says ClientException for an unknown task definition',
      async () => {
        await expectAwsError(
          suite
            .client()
            .send(new DescribeTaskDefinitionCommand({ taskDefinition: `${suite.unique('absent')}:1` })),
          'ClientException',
          'Unable to describe task definition.',
        );
      },
    );

    it.skipIf(!suite.can(['RegisterTaskDefinition', 'DescribeTaskDefinition'], 'task-definition-tags'))(
      'returns task definition tags only when included',
      async () => {
        const family = suite.unique('td');
        const registered = await suite.client().send(
          new RegisterTaskDefinitionCommand({
            family,
            containerDefinitions: [{ name: 'web', image: 'nginx:1.27', memory: 128 }],
            tags: [{ key: 'app', value: 'shop' }],
          }),
        );
        expect(registered.tags).toEqual([{ key: 'app', value: 'shop' }]);
        const plain = await suite
          .client()
          .send(new DescribeTaskDefinitionCommand({ taskDefinition: family }));
        expect(plain.tags ?? []).toEqual([]);
        const tagged = await suite
          .client()
          .send(new DescribeTaskDefinitionCommand({ taskDefinition: family, include: ['TAGS'] }));
        expect(tagged.tags).toEqual([{ key: 'app', value: 'shop' }]);
      },
    );

    it.skipIf(!suite.can(['RegisterTaskDefinition', 'DeregisterTaskDefinition', 'DescribeTaskDefinition']))(
      'deregisters to INACTIVE, still describable by revision',
      async () => {
        const family = suite.unique('td');
        const arn = await registerFargate(suite, family);
        const answer = await suite
          .client()
          .send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn }));
        expect(answer.taskDefinition?.status).toBe('INACTIVE');
        const described = await suite
          .client()
          .send(new DescribeTaskDefinitionCommand({ taskDefinition: `${family}:1` }));
        expect(described.taskDefinition?.status).toBe('INACTIVE');
      },
    );

    it.skipIf(
      !suite.can(
        ['RegisterTaskDefinition', 'DeregisterTaskDefinition', 'ListTaskDefinitions'],
        'list-task-definitions',
      ),
    )('lists definitions by family and status, sorted and paged', async () => {
      const family = suite.unique('td');
      const first = await registerFargate(suite, family);
      const second = await registerFargate(suite, family);
      const third = await registerFargate(suite, family);
      await suite.client().send(new DeregisterTaskDefinitionCommand({ taskDefinition: first }));
      const client = suite.client();
      const active = await client.send(new ListTaskDefinitionsCommand({ familyPrefix: family }));
      expect(active.taskDefinitionArns).toEqual([second, third]);
      const inactive = await client.send(
        new ListTaskDefinitionsCommand({ familyPrefix: family, status: 'INACTIVE' }),
      );
      expect(inactive.taskDefinitionArns).toEqual([first]);
      const descending = await client.send(
        new ListTaskDefinitionsCommand({ familyPrefix: family, sort: 'DESC', maxResults: 1 }),
      );
      expect(descending.taskDefinitionArns).toEqual([third]);
      expect(descending.nextToken).toEqual(expect.any(String));
      const next = await client.send(
        new ListTaskDefinitionsCommand({
          familyPrefix: family,
          sort: 'DESC',
          maxResults: 1,
          nextToken: descending.nextToken,
        }),
      );
      expect(next.taskDefinitionArns).toEqual([second]);
    });

    it.skipIf(
      !suite.can(
        ['RegisterTaskDefinition', 'DeregisterTaskDefinition', 'ListTaskDefinitionFamilies'],
        'list-families-status',
      ),
    )('lists families by prefix and status', async () => {
      const prefix = suite.unique('fam');
      const live = `${prefix}-live`;
      const dead = `${prefix}-dead`;
      await registerFargate(suite, live);
      const deadArn = await registerFargate(suite, dead);
      await suite.client().send(new DeregisterTaskDefinitionCommand({ taskDefinition: deadArn }));
      const client = suite.client();
      const active = await client.send(new ListTaskDefinitionFamiliesCommand({ familyPrefix: prefix }));
      expect(active.families).toEqual([live]);
      const inactive = await client.send(
        new ListTaskDefinitionFamiliesCommand({ familyPrefix: prefix, status: 'INACTIVE' }),
      );
      expect(inactive.families).toEqual([dead]);
      const all = await client.send(
        new ListTaskDefinitionFamiliesCommand({ familyPrefix: prefix, status: 'ALL' }),
      );
      expect(all.families).toEqual([dead, live]);
    });
  });
}
