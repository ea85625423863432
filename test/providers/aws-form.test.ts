/**
 * Normalisation follows AWS, not our emulator (issue 18): each manifest is planned against a live
 * answer built from the response AWS's documentation prints, through the same projection the
 * provider's read uses and the same `decide` that `plan` calls. Nothing here talks to AWS: the
 * clients point at a closed port, so a read slipping into planning would fail the test.
 */
import type { Cluster, Service } from '@aws-sdk/client-ecs';
import type { TargetGroup } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ServiceSummary } from '@aws-sdk/client-servicediscovery';
import { afterAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../src/aws/clients.ts';
import { decide } from '../../src/converge/decide.ts';
import type { LoadedManifest } from '../../src/manifest/index.ts';
import { formatDiagnostic, loadRevision } from '../../src/manifest/index.ts';
import { clusterProvider, observeCluster } from '../../src/providers/ecs/cluster.ts';
import { observeService, serviceProvider } from '../../src/providers/ecs/service.ts';
import { observeTaskDefinition, taskDefinitionProvider } from '../../src/providers/ecs/task-definition.ts';
import { observeTargetGroup, targetGroupProvider } from '../../src/providers/elbv2/target-group.ts';
import { IdMap } from '../../src/providers/id-map.ts';
import { ownershipFor } from '../../src/providers/ownership.ts';
import { discoveryServiceProvider } from '../../src/providers/servicediscovery/discovery-service.ts';
import { observeDiscoveryService } from '../../src/providers/servicediscovery/discovery-service-read.ts';
import { runTagCache } from '../../src/providers/tag-cache.ts';
import { toLowerTagList } from '../../src/providers/tags.ts';
import type { ObservedResource, Provider, ProviderContext } from '../../src/providers/types.ts';

const aws = createAwsClients({
  region: 'us-west-2',
  endpoint: 'http://127.0.0.1:9',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
});
afterAll(() => aws.destroy());

const ownership = ownershipFor('test');
const context: ProviderContext = { aws, ownership, resolver: new IdMap(), tags: runTagCache() };

function load(yaml: string): LoadedManifest {
  const result = loadRevision([{ file: 'manifest.yaml', content: yaml }]);
  if (!result.ok) throw new Error(result.errors.map(formatDiagnostic).join('\n'));
  const [manifest] = result.revision.documents;
  if (manifest === undefined) throw new Error('no manifest');
  return manifest;
}

/** What `plan` decides for the manifest against the live resource. */
function planOf(manifest: LoadedManifest, live: ObservedResource, provider: Provider) {
  return decide(manifest, live, provider, context);
}

/** The ownership tags Shipshape sends on create, as ECS echoes them (`[{key, value}]`). */
const ecsOwnershipTags = (identity: string) => toLowerTagList(ownership.tagsFor(identity));

describe('ECS service in the form AWS answers', () => {
  // update-service Example 1 (the answer is a Service, as DescribeServices gives it):
  // https://docs.aws.amazon.com/cli/latest/reference/ecs/update-service.html
  const published = (): Service => ({
    serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/MyCluster/my-http-service',
    serviceName: 'my-http-service',
    clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/MyCluster',
    loadBalancers: [],
    serviceRegistries: [],
    status: 'ACTIVE',
    desiredCount: 2,
    runningCount: 1,
    pendingCount: 0,
    capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }],
    platformVersion: 'LATEST',
    platformFamily: 'Linux',
    taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/MyTaskDefinition',
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: true, rollback: true },
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      alarms: { alarmNames: [], rollback: false, enable: false },
    },
    deployments: [
      {
        id: 'ecs-svc/1976744184940610707',
        status: 'PRIMARY',
        desiredCount: 1,
        pendingCount: 0,
        runningCount: 1,
        failedTasks: 0,
        createdAt: new Date('2024-12-03T16:24:25.225000-05:00'),
        updatedAt: new Date('2024-12-03T16:25:15.837000-05:00'),
        capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }],
        platformVersion: '1.4.0',
        platformFamily: 'Linux',
        networkConfiguration: {
          awsvpcConfiguration: {
            subnets: ['subnet-0d0eab1bb38d5ca64', 'subnet-0db5010045995c2d5'],
            securityGroups: ['sg-02556bf85a191f59a'],
            assignPublicIp: 'ENABLED',
          },
        },
        rolloutState: 'COMPLETED',
        rolloutStateReason: 'ECS deployment ecs-svc/1976744184940610707 completed.',
      },
    ],
    roleArn: 'arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS',
    events: [],
    createdAt: new Date('2024-12-03T16:24:25.225000-05:00'),
    placementConstraints: [],
    placementStrategy: [],
    networkConfiguration: {
      awsvpcConfiguration: {
        subnets: ['subnet-0d0eab1bb38d5ca64', 'subnet-0db5010045995c2d5'],
        securityGroups: ['sg-02556bf85a191f59a'],
        assignPublicIp: 'ENABLED',
      },
    },
    healthCheckGracePeriodSeconds: 0,
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    createdBy: 'arn:aws:iam::123456789012:role/Admin',
    enableECSManagedTags: true,
    propagateTags: 'NONE',
    enableExecuteCommand: false,
    availabilityZoneRebalancing: 'ENABLED',
    // Ours: the ownership tags Shipshape created it with (the example has none).
    tags: ecsOwnershipTags('Service/demo/my-http-service'),
  });

  const manifest = (extra = '') =>
    load(`
apiVersion: shipshape.dev/v1
kind: Service
metadata: {name: my-http-service, namespace: demo}
spec:
  cluster: MyCluster
  taskDefinition: MyTaskDefinition
  desiredCount: 2
  capacityProviderStrategy:
    - {capacityProvider: FARGATE, weight: 1}
  networkConfiguration:
    awsvpcConfiguration:
      subnets: [subnet-0d0eab1bb38d5ca64, subnet-0db5010045995c2d5]
      securityGroups: [sg-02556bf85a191f59a]
      assignPublicIp: ENABLED
  deploymentConfiguration:
    deploymentCircuitBreaker: {enable: true, rollback: true}
  enableECSManagedTags: true
${extra}
`);

  it('plans no change: base 0, alarms off, the service-linked roleArn and deployments on 1.4.0 are AWS filling in', () => {
    const change = planOf(manifest(), observeService(published(), manifest(), context), serviceProvider);
    expect(change).toMatchObject({ action: 'noop', drift: [] });
  });

  it('imports it without base 0 or the service-linked role, and plans no change for the imported spec', () => {
    const spec = serviceProvider.toSpec?.(observeService(published(), manifest(), context), {
      refOf: () => undefined,
    });
    expect(spec).toMatchObject({
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    });
    expect(spec?.deploymentConfiguration).not.toHaveProperty('alarms');
    expect(spec).not.toHaveProperty('role');
    const imported = load(`
apiVersion: shipshape.dev/v1
kind: Service
metadata: {name: my-http-service, namespace: demo}
spec: ${JSON.stringify(spec)}
`);
    const change = planOf(imported, observeService(published(), imported, context), serviceProvider);
    expect(change).toMatchObject({ action: 'noop', drift: [] });
  });

  it('reads a strategy item given without base as base 0, and a different base as drift', () => {
    const declaredZero = manifest().spec;
    expect(declaredZero.capacityProviderStrategy).toEqual([{ capacityProvider: 'FARGATE', weight: 1 }]);
    const live = published();
    live.capacityProviderStrategy = [{ capacityProvider: 'FARGATE', weight: 1, base: 2 }];
    const change = planOf(manifest(), observeService(live, manifest(), context), serviceProvider);
    expect(change).toMatchObject({
      action: 'update',
      drift: [{ path: 'capacityProviderStrategy[capacityProvider=FARGATE].base', desired: 0, actual: 2 }],
    });
  });

  it('plans no change when the manifest pins platformVersion LATEST and the deployment resolved it', () => {
    const pinned = manifest('  platformVersion: LATEST');
    const change = planOf(pinned, observeService(published(), pinned, context), serviceProvider);
    expect(change).toMatchObject({ action: 'noop', drift: [] });
  });

  it('plans no change when the manifest declares the alarms AWS shows when they are off', () => {
    const declared = load(`
apiVersion: shipshape.dev/v1
kind: Service
metadata: {name: my-http-service, namespace: demo}
spec:
  cluster: MyCluster
  taskDefinition: MyTaskDefinition
  desiredCount: 2
  capacityProviderStrategy: [{capacityProvider: FARGATE, weight: 1}]
  networkConfiguration:
    awsvpcConfiguration:
      subnets: [subnet-0d0eab1bb38d5ca64, subnet-0db5010045995c2d5]
      securityGroups: [sg-02556bf85a191f59a]
      assignPublicIp: ENABLED
  deploymentConfiguration:
    deploymentCircuitBreaker: {enable: true, rollback: true}
    alarms: {alarmNames: [], enable: false, rollback: false}
  enableECSManagedTags: true
`);
    const change = planOf(declared, observeService(published(), declared, context), serviceProvider);
    expect(change).toMatchObject({ action: 'noop', drift: [] });
    // What CreateService and UpdateService would be sent keeps the required, empty alarmNames.
    expect(serviceProvider.desired(declared, context)).toMatchObject({
      ok: true,
      state: { deploymentConfiguration: { alarms: { alarmNames: [], enable: false, rollback: false } } },
    });
  });
});

describe("ECS CreateService's answer", () => {
  // create-service Example 1: the answer carries the tags it was given, the service-linked role,
  // a deployment whose counts start at 0 and whose platformVersion is resolved (1.3.0) while the
  // service says LATEST. https://docs.aws.amazon.com/cli/latest/reference/ecs/create-service.html
  const identity = 'Service/demo/myservice';
  const published = (): Service => ({
    serviceArn: 'arn:aws:ecs:us-west-2:123456789012:service/MyCluster/MyService',
    serviceName: 'MyService',
    clusterArn: 'arn:aws:ecs:us-west-2:123456789012:cluster/MyCluster',
    loadBalancers: [],
    serviceRegistries: [],
    status: 'ACTIVE',
    desiredCount: 2,
    runningCount: 0,
    pendingCount: 0,
    launchType: 'FARGATE',
    platformVersion: 'LATEST',
    taskDefinition: 'arn:aws:ecs:us-west-2:123456789012:task-definition/sample-fargate:1',
    deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100 },
    deployments: [
      {
        id: 'ecs-svc/1234567890123456789',
        status: 'PRIMARY',
        taskDefinition: 'arn:aws:ecs:us-west-2:123456789012:task-definition/sample-fargate:1',
        desiredCount: 2,
        pendingCount: 0,
        runningCount: 0,
        createdAt: new Date(1557119253821),
        updatedAt: new Date(1557119253821),
        launchType: 'FARGATE',
        platformVersion: '1.3.0',
        networkConfiguration: {
          awsvpcConfiguration: {
            subnets: ['subnet-12344321'],
            securityGroups: ['sg-12344321'],
            assignPublicIp: 'ENABLED',
          },
        },
      },
    ],
    roleArn: 'arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS',
    events: [],
    createdAt: new Date(1557119253821),
    placementConstraints: [],
    placementStrategy: [],
    networkConfiguration: {
      awsvpcConfiguration: {
        subnets: ['subnet-12344321'],
        securityGroups: ['sg-12344321'],
        assignPublicIp: 'ENABLED',
      },
    },
    schedulingStrategy: 'REPLICA',
    tags: [
      { key: 'key1', value: 'value1' },
      { key: 'key2', value: 'value2' },
      { key: 'key3', value: 'value3' },
      // Ours: Shipshape's create sends its ownership tags with the manifest's, and they come back.
      ...ecsOwnershipTags(identity),
    ],
    enableECSManagedTags: false,
    propagateTags: 'NONE',
  });

  const manifest = load(`
apiVersion: shipshape.dev/v1
kind: Service
metadata: {name: myservice, namespace: demo}
spec:
  serviceName: MyService
  cluster: MyCluster
  taskDefinition: sample-fargate:1
  desiredCount: 2
  launchType: FARGATE
  platformVersion: LATEST
  networkConfiguration:
    awsvpcConfiguration:
      subnets: [subnet-12344321]
      securityGroups: [sg-12344321]
      assignPublicIp: ENABLED
  tags: {key1: value1, key2: value2, key3: value3}
`);

  it('plans no change, and reads tasks ramping up from 0 as progress, not drift', () => {
    const live = observeService(published(), manifest, context);
    expect(live.health).toEqual({ health: 'Progressing', message: '0 of 2 tasks running' });
    expect(planOf(manifest, live, serviceProvider)).toMatchObject({ action: 'noop', drift: [] });
  });

  it('reports a tag the answer lacks: the tags are compared, not skipped', () => {
    const live = published();
    live.tags = live.tags?.filter((tag) => tag.key !== 'key2');
    expect(planOf(manifest, observeService(live, manifest, context), serviceProvider)).toMatchObject({
      action: 'update',
      drift: [{ path: 'tags.key2', desired: 'value2', actual: undefined }],
    });
  });
});

describe('ECS service role', () => {
  // create-service Example 4: `role: ecsServiceRole` is answered as roleArn
  // arn:aws:iam::123456789012:role/ecsServiceRole. The example's request names container
  // simple-demo and its answer ecs-demo; the manifest follows the answer.
  // https://docs.aws.amazon.com/cli/latest/reference/ecs/create-service.html
  const identity = 'Service/demo/ecs-simple-service-elb';
  const published = (): Service => ({
    status: 'ACTIVE',
    taskDefinition: 'arn:aws:ecs:us-west-2:123456789012:task-definition/ecs-demo:1',
    pendingCount: 0,
    loadBalancers: [
      { containerName: 'ecs-demo', containerPort: 80, loadBalancerName: 'EC2Contai-EcsElast-123456789012' },
    ],
    roleArn: 'arn:aws:iam::123456789012:role/ecsServiceRole',
    desiredCount: 10,
    serviceName: 'ecs-simple-service-elb',
    clusterArn: 'arn:aws:ecs:us-west-2:123456789012:cluster/MyCluster',
    serviceArn: 'arn:aws:ecs:us-west-2:123456789012:service/ecs-simple-service-elb',
    deployments: [
      {
        status: 'PRIMARY',
        pendingCount: 0,
        createdAt: new Date(1428100239123),
        desiredCount: 10,
        taskDefinition: 'arn:aws:ecs:us-west-2:123456789012:task-definition/ecs-demo:1',
        updatedAt: new Date(1428100239123),
        id: 'ecs-svc/1234567890123456789',
        runningCount: 0,
      },
    ],
    events: [],
    runningCount: 0,
    tags: ecsOwnershipTags(identity),
  });

  const manifest = (role: string) =>
    load(`
apiVersion: shipshape.dev/v1
kind: Service
metadata: {name: ecs-simple-service-elb, namespace: demo}
spec:
  cluster: MyCluster
  taskDefinition: ecs-demo
  desiredCount: 10
  loadBalancers:
    - {loadBalancerName: EC2Contai-EcsElast-123456789012, containerName: ecs-demo, containerPort: 80}
  role: ${role}
`);

  it.each(['ecsServiceRole', 'arn:aws:iam::123456789012:role/ecsServiceRole'])(
    'plans no change when the manifest names the role as %s',
    (role) => {
      const declared = manifest(role);
      const change = planOf(declared, observeService(published(), declared, context), serviceProvider);
      expect(change).toMatchObject({ action: 'noop', drift: [] });
    },
  );

  it('plans a replacement when the live role is another one', () => {
    const declared = manifest('otherRole');
    const change = planOf(declared, observeService(published(), declared, context), serviceProvider);
    expect(change).toMatchObject({
      action: 'replace',
      drift: [
        { path: 'role', desired: 'otherRole', actual: 'arn:aws:iam::123456789012:role/ecsServiceRole' },
      ],
    });
  });

  it('leaves the service-linked role out of an imported spec, and keeps a role of its own', () => {
    const linked = published();
    linked.roleArn = 'arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS';
    const refs = { refOf: () => undefined };
    const toSpec = serviceProvider.toSpec;
    if (toSpec === undefined) throw new Error('Service has no toSpec');
    expect(toSpec(observeService(linked, manifest('x'), context), refs)).not.toHaveProperty('role');
    expect(toSpec(observeService(published(), manifest('x'), context), refs)).toMatchObject({
      role: 'arn:aws:iam::123456789012:role/ecsServiceRole',
    });
  });
});

describe('ECS cluster in the form AWS answers', () => {
  // put-cluster-capacity-providers Example 1: a default strategy given without base comes back
  // with base 0. https://docs.aws.amazon.com/cli/latest/reference/ecs/put-cluster-capacity-providers.html
  const identity = 'Cluster/demo/mycluster';
  const published = (tags: Cluster['tags']): Cluster => ({
    clusterArn: 'arn:aws:ecs:us-west-2:123456789012:cluster/MyCluster',
    clusterName: 'MyCluster',
    status: 'ACTIVE',
    registeredContainerInstancesCount: 0,
    runningTasksCount: 0,
    pendingTasksCount: 0,
    activeServicesCount: 0,
    statistics: [],
    tags,
    settings: [{ name: 'containerInsights', value: 'enabled' }],
    capacityProviders: ['MyCapacityProvider1', 'MyCapacityProvider2'],
    defaultCapacityProviderStrategy: [
      { capacityProvider: 'MyCapacityProvider1', weight: 1, base: 0 },
      { capacityProvider: 'MyCapacityProvider2', weight: 1, base: 0 },
    ],
    attachments: [
      {
        id: '0fb0c8f4-6edd-4de1-9b09-17e470ee1918',
        type: 'asp',
        status: 'ACTIVE',
        details: [
          { name: 'capacityProviderName', value: 'MyCapacityProvider1' },
          {
            name: 'scalingPlanName',
            value: 'ECSManagedAutoScalingPlan-a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
          },
        ],
      },
      {
        id: 'ae592060-2382-4663-9476-b015c685593c',
        type: 'asp',
        status: 'ACTIVE',
        details: [
          { name: 'capacityProviderName', value: 'MyCapacityProvider2' },
          {
            name: 'scalingPlanName',
            value: 'ECSManagedAutoScalingPlan-a1b2c3d4-5678-90ab-cdef-EXAMPLE22222',
          },
        ],
      },
    ],
    attachmentsStatus: 'UPDATE_IN_PROGRESS',
  });

  const manifest = (annotations = '') =>
    load(`
apiVersion: shipshape.dev/v1
kind: Cluster
metadata: {name: mycluster, namespace: demo${annotations}}
spec:
  clusterName: MyCluster
  settings: [{name: containerInsights, value: enabled}]
  capacityProviders: [MyCapacityProvider1, MyCapacityProvider2]
  defaultCapacityProviderStrategy:
    - {capacityProvider: MyCapacityProvider1, weight: 1}
    - {capacityProvider: MyCapacityProvider2, weight: 1}
`);

  it('plans no change for a default strategy declared without base', () => {
    const declared = manifest();
    const live = observeCluster(published(ecsOwnershipTags(identity)), declared, context);
    expect(planOf(declared, live, clusterProvider)).toMatchObject({ action: 'noop', drift: [] });
  });

  it('imports the strategy without base 0, and plans no change for the imported spec', () => {
    const declared = manifest();
    const live = observeCluster(published(ecsOwnershipTags(identity)), declared, context);
    const spec = clusterProvider.toSpec?.(live, { refOf: () => undefined });
    expect(spec?.defaultCapacityProviderStrategy).toEqual([
      { capacityProvider: 'MyCapacityProvider1', weight: 1 },
      { capacityProvider: 'MyCapacityProvider2', weight: 1 },
    ]);
    const imported = load(`
apiVersion: shipshape.dev/v1
kind: Cluster
metadata: {name: mycluster, namespace: demo}
spec: ${JSON.stringify(spec)}
`);
    expect(
      planOf(
        imported,
        observeCluster(published(ecsOwnershipTags(identity)), imported, context),
        clusterProvider,
      ),
    ).toMatchObject({ action: 'noop', drift: [] });
  });

  it('reads `tags: []` as no tags: adopting it plans only the ownership tags', () => {
    const declared = manifest(', annotations: {shipshape.dev/adopt: "true"}');
    const live = observeCluster(published([]), declared, context);
    expect(live.owned).toBe(false);
    const change = planOf(declared, live, clusterProvider);
    expect(change.action).toBe('update');
    const drift = 'drift' in change ? (change.drift ?? []) : [];
    expect(drift.map((entry) => entry.path)).toEqual([
      'tags["shipshape.dev/instance"]',
      'tags["shipshape.dev/resource"]',
    ]);
  });

  // DescribeClusters Example 2 (include ATTACHMENTS): `settings: []`, `tags: []`,
  // `defaultCapacityProviderStrategy: []` and attachments for a capacity provider.
  // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeClusters.html
  it('plans no change for a cluster answered with empty settings and strategy', () => {
    const declared = load(`
apiVersion: shipshape.dev/v1
kind: Cluster
metadata: {name: cluster-with-capacity-provider, namespace: demo}
spec:
  capacityProviders:
    - FARGATE
    - FARGATE_SPOT
    - Infra-ECS-Cluster-45ff394c-615f-4496-a336-8019a3b38d7a-EC2CapacityProvider-EXAMPLE
`);
    const answer: Cluster = {
      clusterArn: 'arn:aws:ecs:us-west-2:012345678910:cluster/cluster-with-capacity-provider',
      clusterName: 'cluster-with-capacity-provider',
      status: 'ACTIVE',
      registeredContainerInstancesCount: 0,
      runningTasksCount: 0,
      pendingTasksCount: 0,
      activeServicesCount: 0,
      statistics: [],
      // Ours in place of the example's `[]`: a cluster Shipshape created carries its tags.
      tags: ecsOwnershipTags('Cluster/demo/cluster-with-capacity-provider'),
      settings: [],
      capacityProviders: [
        'FARGATE',
        'FARGATE_SPOT',
        'Infra-ECS-Cluster-45ff394c-615f-4496-a336-8019a3b38d7a-EC2CapacityProvider-EXAMPLE',
      ],
      defaultCapacityProviderStrategy: [],
      attachments: [
        {
          id: 'bf5ecfe0-f813-4356-b862-1dbe6025c57f',
          type: 'as_policy',
          status: 'CREATED',
          details: [
            {
              name: 'capacityProviderName',
              value: 'Infra-ECS-Cluster-45ff394c-615f-4496-a336-8019a3b38d7a-EC2CapacityProvider-EXAMPLE',
            },
            {
              name: 'scalingPolicyName',
              value: 'ECSManagedAutoScalingPolicy-55c67464-7691-4310-a725-EXAMPLE',
            },
          ],
        },
      ],
      attachmentsStatus: 'UPDATE_COMPLETE',
    };
    const change = planOf(declared, observeCluster(answer, declared, context), clusterProvider);
    expect(change).toMatchObject({ action: 'noop', drift: [] });
  });
});

describe('ECS task definition in the form AWS answers', () => {
  // describe-task-definition: empty lists, hostPort without protocol, and `tags: []` beside the
  // definition. https://docs.aws.amazon.com/cli/latest/reference/ecs/describe-task-definition.html
  const definition = {
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:012345678910:task-definition/hello_world:8',
    containerDefinitions: [
      {
        cpu: 10,
        environment: [],
        essential: true,
        image: 'wordpress',
        links: ['mysql'],
        memory: 500,
        mountPoints: [],
        name: 'wordpress',
        portMappings: [{ containerPort: 80, hostPort: 80 }],
        volumesFrom: [],
      },
      {
        cpu: 10,
        environment: [{ name: 'MYSQL_ROOT_PASSWORD', value: 'password' }],
        essential: true,
        image: 'mysql',
        memory: 500,
        mountPoints: [],
        name: 'mysql',
        portMappings: [],
        volumesFrom: [],
      },
    ],
    family: 'hello_world',
    revision: 8,
    volumes: [],
    status: 'ACTIVE' as const,
    placementConstraints: [],
    compatibilities: ['EXTERNAL' as const, 'EC2' as const],
    registeredAt: new Date('2024-06-21T11:15:12.669000-05:00'),
    registeredBy: 'arn:aws:sts::012345678910:assumed-role/demo-role/jane-doe',
  };
  const identity = 'TaskDefinition/demo/hello-world';
  const manifest = load(`
apiVersion: shipshape.dev/v1
kind: TaskDefinition
metadata: {name: hello-world, namespace: demo}
spec:
  family: hello_world
  containerDefinitions:
    - name: wordpress
      image: wordpress
      cpu: 10
      memory: 500
      links: [mysql]
      portMappings: [{containerPort: 80, hostPort: 80}]
    - name: mysql
      image: mysql
      cpu: 10
      memory: 500
      environment: [{name: MYSQL_ROOT_PASSWORD, value: password}]
`);

  it('plans no change for the published definition carrying our tags', () => {
    const tags = ownership.tagsFor(identity);
    const live = observeTaskDefinition({ definition, tags }, manifest, true, context);
    expect(planOf(manifest, live, taskDefinitionProvider)).toMatchObject({ action: 'noop', drift: [] });
  });

  it('reads `tags: []` as no tags: a revision registered by hand in our family needs only our tags', () => {
    const live = observeTaskDefinition({ definition, tags: {} }, manifest, true, context);
    const change = planOf(manifest, live, taskDefinitionProvider);
    const drift = 'drift' in change ? (change.drift ?? []) : [];
    expect(drift.map((entry) => entry.path)).toEqual([
      'tags["shipshape.dev/instance"]',
      'tags["shipshape.dev/resource"]',
    ]);
  });
});

describe('ELBv2 target group of target type alb', () => {
  // No AWS page prints this answer; it is built from the sources that describe it (see
  // test/fidelity/cases/elbv2/CreateTargetGroup.alb-type.json): an Application Load Balancer as the
  // target of a TCP target group is checked over HTTP on / with success codes 200-399 (issue 18 and
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/application-load-balancer-target.html);
  // the timeout follows the group's protocol, TCP: 10 s (model, CreateTargetGroup HealthCheckTimeoutSeconds).
  const published: TargetGroup = {
    TargetGroupArn:
      'arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/my-alb-target/a3003e085dbb8ddc',
    TargetGroupName: 'my-alb-target',
    Protocol: 'TCP',
    Port: 80,
    VpcId: 'vpc-838475fe',
    HealthCheckProtocol: 'HTTP',
    HealthCheckPort: 'traffic-port',
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: 30,
    HealthCheckTimeoutSeconds: 10,
    HealthyThresholdCount: 5,
    UnhealthyThresholdCount: 2,
    HealthCheckPath: '/',
    Matcher: { HttpCode: '200-399' },
    TargetType: 'alb',
    IpAddressType: 'ipv4',
  };
  const manifest = load(`
apiVersion: shipshape.dev/v1
kind: TargetGroup
metadata: {name: my-alb-target, namespace: demo}
spec:
  protocol: TCP
  port: 80
  targetType: alb
  vpcId: vpc-838475fe
`);
  const identity = 'TargetGroup/demo/my-alb-target';

  it('plans no change when the manifest leaves the health check to AWS', () => {
    const live = observeTargetGroup(
      {
        identity,
        manifest,
        item: published,
        tags: ownership.tagsFor(identity),
        owned: true,
      },
      undefined,
    );
    expect(planOf(manifest, live, targetGroupProvider)).toMatchObject({ action: 'noop', drift: [] });
  });

  it('creates it with the HTTP check AWS would choose', () => {
    const desired = targetGroupProvider.desired(manifest, context);
    expect(desired).toMatchObject({
      ok: true,
      state: {
        healthCheckProtocol: 'HTTP',
        healthCheckPath: '/',
        healthCheckPort: 'traffic-port',
        healthCheckTimeoutSeconds: 10,
        healthCheckIntervalSeconds: 30,
        matcher: { httpCode: '200-399' },
      },
    });
  });
});

describe('Cloud Map service in an HTTP namespace', () => {
  // get-service Example 1: a service in an HTTP namespace has `DnsConfig: {}`.
  // https://docs.aws.amazon.com/cli/latest/reference/servicediscovery/get-service.html
  const published: ServiceSummary = {
    Id: 'srv-abcd1234xmpl5678',
    Arn: 'arn:aws:servicediscovery:us-west-2:123456789012:service/srv-abcd1234xmpl5678',
    Name: 'test-service',
    DnsConfig: {} as ServiceSummary['DnsConfig'],
    Type: 'HTTP',
    CreateDate: new Date('2025-08-18T13:53:02.775000-05:00'),
  };
  const manifest = load(`
apiVersion: shipshape.dev/v1
kind: DiscoveryService
metadata: {name: test-service, namespace: demo}
spec:
  namespaceId: ns-abcd1234xmpl5678
`);
  const identity = 'DiscoveryService/demo/test-service';

  it('plans no change: an empty DnsConfig is no DnsConfig', () => {
    const live = observeDiscoveryService(
      published,
      identity,
      true,
      'ns-abcd1234xmpl5678',
      ownership.tagsFor(identity),
    );
    expect(live.state).not.toHaveProperty('dnsConfig');
    expect(planOf(manifest, live, discoveryServiceProvider)).toMatchObject({ action: 'noop', drift: [] });
  });
});
