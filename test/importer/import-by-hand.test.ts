import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  CreateServiceCommand as CreateDiscoveryServiceCommand,
  CreatePrivateDnsNamespaceCommand,
  CreatePublicDnsNamespaceCommand,
  ListNamespacesCommand,
} from '@aws-sdk/client-servicediscovery';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inCreateOrder } from '../../src/converge/ordered.ts';
import { countByAction } from '../../src/converge/plan-types.ts';
import { importCluster } from '../../src/importer/import.ts';
import { writeManifests } from '../../src/importer/write-manifests.ts';
import {
  formatDiagnostic,
  type LoadedManifest,
  loadRevision,
  readManifestFolder,
} from '../../src/manifest/index.ts';
import { type ProviderHarness, startProviderHarness } from '../support/provider-harness.ts';

let h: ProviderHarness;
let out: string;
beforeAll(async () => {
  h = await startProviderHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await h.control.reset();
  out = await mkdtemp(join(tmpdir(), 'shipshape-import-'));
  return () => rm(out, { recursive: true, force: true });
});

async function loadFolder(dir: string): Promise<LoadedManifest[]> {
  const result = loadRevision(await readManifestFolder(dir));
  if (!result.ok) throw new Error(result.errors.map(formatDiagnostic).join('\n'));
  return inCreateOrder(result.revision);
}

/** Namespaces are made by an asynchronous operation that completes on the emulator's clock. */
async function namespaceId(name: string): Promise<string> {
  await h.control.advance(10_000);
  const page = await h.aws.servicediscovery.send(new ListNamespacesCommand({}));
  return page.Namespaces?.find((namespace) => namespace.Name === name)?.Id ?? '';
}

/** What a team running ECS by hand would have: every resource made through the SDK, no Shipshape tags. */
async function createByHand(): Promise<void> {
  await h.aws.ecs.send(
    new CreateClusterCommand({ clusterName: 'Shop_Cluster', tags: [{ key: 'team', value: 'shop' }] }),
  );
  await h.aws.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'web',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'web',
          image: 'nginx:1.27',
          portMappings: [{ containerPort: 80 }],
          environment: [{ name: 'MODE', value: 'prod' }],
          healthCheck: { command: ['CMD-SHELL', 'curl -f localhost || exit 1'] },
        },
      ],
    }),
  );
  const group = await h.aws.elbv2.send(
    new CreateTargetGroupCommand({
      Name: 'web-tg',
      Protocol: 'HTTP',
      Port: 80,
      VpcId: 'vpc-1',
      TargetType: 'ip',
      HealthCheckPath: '/health',
    }),
  );
  const targetGroupArn = group.TargetGroups?.[0]?.TargetGroupArn ?? '';
  const balancer = await h.aws.elbv2.send(
    new CreateLoadBalancerCommand({
      Name: 'shop-alb',
      Subnets: ['subnet-1', 'subnet-2'],
      SecurityGroups: ['sg-alb'],
    }),
  );
  const loadBalancerArn = balancer.LoadBalancers?.[0]?.LoadBalancerArn ?? '';
  await h.aws.elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: loadBalancerArn,
      Protocol: 'HTTP',
      Port: 80,
      DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }],
    }),
  );
  const listener = await h.aws.elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: loadBalancerArn,
      Protocol: 'HTTP',
      Port: 8080,
      DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
    }),
  );
  await h.aws.elbv2.send(
    new CreateRuleCommand({
      ListenerArn: listener.Listeners?.[0]?.ListenerArn ?? '',
      Priority: 10,
      Conditions: [{ Field: 'path-pattern', Values: ['/shop/*'] }],
      Actions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }],
    }),
  );
  await h.aws.servicediscovery.send(
    new CreatePublicDnsNamespaceCommand({ Name: 'shop.example.com', CreatorRequestId: 'by-hand-ns' }),
  );
  const registry = await h.aws.servicediscovery.send(
    new CreateDiscoveryServiceCommand({
      Name: 'web',
      NamespaceId: await namespaceId('shop.example.com'),
      DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 30 }] },
      CreatorRequestId: 'by-hand-sd',
    }),
  );
  await h.aws.ecs.send(
    new CreateServiceCommand({
      cluster: 'Shop_Cluster',
      serviceName: 'web',
      taskDefinition: 'web',
      desiredCount: 2,
      launchType: 'FARGATE',
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ['subnet-1', 'subnet-2'], securityGroups: ['sg-1'] },
      },
      loadBalancers: [{ targetGroupArn, containerName: 'web', containerPort: 80 }],
      serviceRegistries: [{ registryArn: registry.Service?.Arn ?? '' }],
      healthCheckGracePeriodSeconds: 30,
      tags: [{ key: 'team', value: 'shop' }],
    }),
  );
  const target = {
    ServiceNamespace: 'ecs',
    ResourceId: 'service/Shop_Cluster/web',
    ScalableDimension: 'ecs:service:DesiredCount',
  } as const;
  await h.aws.autoscaling.send(
    new RegisterScalableTargetCommand({ ...target, MinCapacity: 2, MaxCapacity: 6 }),
  );
  await h.aws.autoscaling.send(
    new PutScalingPolicyCommand({
      ...target,
      PolicyName: 'web-cpu',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 60,
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      },
    }),
  );
}

describe('import of resources made by hand', () => {
  it('writes one valid manifest per resource, each adopting what it names, with references between them', async () => {
    await createByHand();
    const result = await importCluster({ cluster: 'Shop_Cluster', namespace: 'shop' }, h.providers, h.base);
    expect(result.skipped).toEqual([]);
    expect(result.notes).toEqual([]);
    expect(result.manifests.map((m) => `${m.kind}/${m.namespace}/${m.name}`)).toEqual([
      'TargetGroup/shop/web-tg',
      'LoadBalancer/shop/shop-alb',
      'Listener/shop/shop-alb-80',
      'Listener/shop/shop-alb-8080',
      'ListenerRule/shop/shop-alb-rule-10',
      'DnsNamespace/shop/shop-example-com',
      'DiscoveryService/shop/web',
      'Cluster/shop/shop-cluster',
      'TaskDefinition/shop/web',
      'Service/shop/web',
      'ScalableTarget/shop/web',
      'ScalingPolicy/shop/web-cpu',
    ]);
    await writeManifests(out, result.manifests);
    const manifests = await loadFolder(out);
    expect(manifests).toHaveLength(12);
    for (const manifest of manifests)
      expect(manifest.metadata.annotations).toEqual({ 'shipshape.dev/adopt': 'true' });
    const specOf = (identity: string) => manifests.find((m) => m.identity === identity)?.spec;
    expect(specOf('Service/shop/web')).toEqual({
      clusterRef: 'shop-cluster',
      taskDefinitionRef: 'web',
      desiredCount: 2,
      launchType: 'FARGATE',
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ['subnet-1', 'subnet-2'], securityGroups: ['sg-1'] },
      },
      loadBalancers: [{ targetGroupRef: 'web-tg', containerName: 'web', containerPort: 80 }],
      serviceRegistries: [{ discoveryServiceRef: 'web' }],
      healthCheckGracePeriodSeconds: 30,
      tags: { team: 'shop' },
    });
    expect(specOf('Cluster/shop/shop-cluster')).toEqual({
      clusterName: 'Shop_Cluster',
      tags: { team: 'shop' },
    });
    expect(specOf('ScalableTarget/shop/web')).toMatchObject({
      serviceRef: 'web',
      minCapacity: 2,
      maxCapacity: 6,
    });
    expect(specOf('ScalingPolicy/shop/web-cpu')).toMatchObject({ scalableTargetRef: 'web' });
    expect(specOf('ListenerRule/shop/shop-alb-rule-10')).toMatchObject({
      listenerRef: 'shop-alb-8080',
      priority: 10,
    });
    expect(specOf('DiscoveryService/shop/web')).toMatchObject({ namespaceRef: 'shop-example-com' });
    // AWS's defaults are left out (desired fills them back in).
    expect(specOf('TaskDefinition/shop/web')?.containerDefinitions).toEqual([
      {
        name: 'web',
        image: 'nginx:1.27',
        portMappings: [{ containerPort: 80 }],
        environment: [{ name: 'MODE', value: 'prod' }],
        healthCheck: { command: ['CMD-SHELL', 'curl -f localhost || exit 1'] },
      },
    ]);
    const header = (await readFile(join(out, 'shop', 'service-web.yaml'), 'utf8')).split('\n')[0];
    expect(header).toBe('# yaml-language-server: $schema=https://shipshape.dev/schemas/service.schema.json');
  });

  it('plans only taking ownership (the ownership tags), then after apply plans no change', async () => {
    await createByHand();
    const result = await importCluster({ cluster: 'Shop_Cluster', namespace: 'shop' }, h.providers, h.base);
    await writeManifests(out, result.manifests);
    const manifests = await loadFolder(out);
    const adopting = await h.plan(manifests);
    const driftOutsideOwnership = adopting.changes.flatMap((change) =>
      'drift' in change && change.drift !== undefined
        ? change.drift
            // A scaling policy's ownership is a mark on its target, not a tag of its own.
            .filter((entry) => !entry.path.startsWith('tags["shipshape.dev/') && entry.path !== 'ownership')
            .map((entry) => `${change.identity} ${entry.path}`)
        : [],
    );
    expect(driftOutsideOwnership).toEqual([]);
    expect(
      adopting.changes.filter((change) => change.action !== 'update' && change.action !== 'noop'),
    ).toEqual([]);
    expect((await h.apply(manifests)).converged).toBe(true);
    const after = await h.plan(manifests);
    expect(after.changes.filter((change) => change.action !== 'noop')).toEqual([]);
    expect(countByAction(after)).toMatchObject({ noop: 12 });
  });

  it('imports only the services asked for, and a service that uses an older revision names it literally', async () => {
    await createByHand();
    await h.aws.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        containerDefinitions: [{ name: 'web', image: 'nginx:1.28', memory: 256 }],
      }),
    );
    await h.aws.ecs.send(
      new CreateServiceCommand({
        cluster: 'Shop_Cluster',
        serviceName: 'other',
        taskDefinition: 'web:2',
        desiredCount: 1,
      }),
    );
    await h.aws.ecs.send(
      new UpdateServiceCommand({ cluster: 'Shop_Cluster', service: 'web', taskDefinition: 'web:1' }),
    );
    const result = await importCluster(
      { cluster: 'Shop_Cluster', services: ['web'], namespace: 'shop' },
      h.providers,
      h.base,
    );
    const service = result.manifests.find((m) => m.kind === 'Service');
    expect(result.manifests.filter((m) => m.kind === 'Service').map((m) => m.name)).toEqual(['web']);
    expect(service?.spec.taskDefinition).toBe('web:1');
    expect(service?.spec.taskDefinitionRef).toBeUndefined();
    await writeManifests(out, result.manifests);
    const plan = await h.plan(await loadFolder(out));
    expect(plan.changes.find((change) => change.identity === 'Service/shop/web')).toMatchObject({
      action: 'update',
    });
    const serviceDrift = plan.changes.find((change) => change.identity === 'Service/shop/web');
    expect(
      serviceDrift !== undefined && 'drift' in serviceDrift
        ? serviceDrift.drift?.map((entry) => entry.path)
        : [],
    ).toEqual(['tags["shipshape.dev/instance"]', 'tags["shipshape.dev/resource"]']);
  });

  it('leaves a private namespace out, with the reason, and its discovery service names it by id', async () => {
    await h.aws.ecs.send(new CreateClusterCommand({ clusterName: 'inner' }));
    await h.aws.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'api',
        containerDefinitions: [
          { name: 'api', image: 'api:1', memory: 128, portMappings: [{ containerPort: 80 }] },
        ],
      }),
    );
    await h.aws.servicediscovery.send(
      new CreatePrivateDnsNamespaceCommand({
        Name: 'inner.local',
        Vpc: 'vpc-1',
        CreatorRequestId: 'inner-ns',
      }),
    );
    const id = await namespaceId('inner.local');
    const registry = await h.aws.servicediscovery.send(
      new CreateDiscoveryServiceCommand({
        Name: 'api',
        NamespaceId: id,
        DnsConfig: { DnsRecords: [{ Type: 'SRV', TTL: 60 }] },
        CreatorRequestId: 'inner-sd',
      }),
    );
    await h.aws.ecs.send(
      new CreateServiceCommand({
        cluster: 'inner',
        serviceName: 'api',
        taskDefinition: 'api',
        serviceRegistries: [
          { registryArn: registry.Service?.Arn ?? '', containerName: 'api', containerPort: 80 },
        ],
      }),
    );
    const result = await importCluster({ cluster: 'inner', namespace: 'default' }, h.providers, h.base);
    expect(result.notes).toEqual([expect.stringContaining('private DNS namespace inner.local')]);
    expect(result.manifests.find((m) => m.kind === 'DiscoveryService')?.spec).toMatchObject({
      namespaceId: id,
    });
    await writeManifests(out, result.manifests);
    const plan = await h.plan(await loadFolder(out));
    expect(plan.changes.every((change) => change.action === 'update')).toBe(true);
  });

  it('fails with the reason when the cluster or a named service does not exist', async () => {
    await expect(
      importCluster({ cluster: 'nowhere', namespace: 'default' }, h.providers, h.base),
    ).rejects.toThrow('cluster nowhere not found');
    await h.aws.ecs.send(new CreateClusterCommand({ clusterName: 'empty' }));
    await expect(
      importCluster({ cluster: 'empty', services: ['ghost'], namespace: 'default' }, h.providers, h.base),
    ).rejects.toThrow('service(s) not found in cluster empty: ghost');
  });
});
