import {
  DescribeServicesCommand,
  ListClustersCommand,
  ListServicesCommand,
  ListTaskDefinitionsCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import { DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { AwsClients } from '../../src/aws/clients.ts';

/** A workload of clusters, task definitions, target groups and services, as manifest files. */
export interface WorkloadShape {
  readonly namespace: string;
  readonly clusters: number;
  readonly servicesPerCluster: number;
  readonly targetGroups?: number;
  /** Desired count of every service; changing it is an update. */
  readonly desiredCount?: number;
}

const clusterName = (shape: WorkloadShape, c: number) => `${shape.namespace}-c${c}`;
const serviceName = (c: number, s: number) => `svc-${c}-${s}`;
const targetGroupName = (shape: WorkloadShape, t: number) => `${shape.namespace}-tg${t}`;

export function workloadFiles(shape: WorkloadShape): Record<string, string> {
  const ns = shape.namespace;
  const files: Record<string, string> = {
    'task.yaml': `apiVersion: shipshape.dev/v1
kind: TaskDefinition
metadata: {name: app, namespace: ${ns}}
spec:
  family: ${ns}-app
  networkMode: awsvpc
  requiresCompatibilities: [FARGATE]
  cpu: "256"
  memory: "512"
  containerDefinitions: [{name: app, image: "app:1", portMappings: [{containerPort: 8080}]}]
`,
  };
  for (let t = 0; t < (shape.targetGroups ?? 0); t += 1) {
    files[`tg-${t}.yaml`] = `apiVersion: shipshape.dev/v1
kind: TargetGroup
metadata: {name: tg${t}, namespace: ${ns}}
spec: {name: ${targetGroupName(shape, t)}, protocol: HTTP, port: 8080, targetType: ip, vpcId: vpc-0a1b2c3d}
`;
  }
  for (let c = 0; c < shape.clusters; c += 1) {
    files[`cluster-${c}.yaml`] = `apiVersion: shipshape.dev/v1
kind: Cluster
metadata: {name: c${c}, namespace: ${ns}}
spec: {clusterName: ${clusterName(shape, c)}}
`;
    const services: string[] = [];
    for (let s = 0; s < shape.servicesPerCluster; s += 1) {
      services.push(`apiVersion: shipshape.dev/v1
kind: Service
metadata: {name: ${serviceName(c, s)}, namespace: ${ns}}
spec:
  clusterRef: c${c}
  taskDefinitionRef: app
  desiredCount: ${shape.desiredCount ?? 1}
  launchType: FARGATE
  networkConfiguration: {awsvpcConfiguration: {subnets: [subnet-aaa], securityGroups: [sg-111]}}
`);
    }
    if (services.length > 0) files[`services-${c}.yaml`] = services.join('---\n');
  }
  return files;
}

/** How many manifests (resources) the workload has. */
export function resourceCount(shape: WorkloadShape): number {
  return 1 + (shape.targetGroups ?? 0) + shape.clusters * (1 + shape.servicesPerCluster);
}

async function listAll(aws: AwsClients, cluster: string): Promise<string[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await aws.ecs.send(
      new ListServicesCommand({
        cluster,
        maxResults: 100,
        ...(nextToken === undefined ? {} : { nextToken }),
      }),
    );
    arns.push(...(page.serviceArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return arns;
}

export async function describeAllServices(aws: AwsClients, cluster: string): Promise<Service[]> {
  const arns = await listAll(aws, cluster);
  const services: Service[] = [];
  for (let i = 0; i < arns.length; i += 10) {
    const answer = await aws.ecs.send(
      new DescribeServicesCommand({ cluster, services: arns.slice(i, i + 10) }),
    );
    services.push(...(answer.services ?? []));
  }
  return services.sort((a, b) => (a.serviceName ?? '').localeCompare(b.serviceName ?? ''));
}

/** What exists in the emulator, by name, for comparison with what the workload asks for. */
export interface LiveInventory {
  readonly clusters: string[];
  /** `cluster/service` of every ACTIVE service, with its desired count and task definition family. */
  readonly services: Array<{ name: string; desiredCount: number | undefined; family: string | undefined }>;
  readonly taskDefinitionFamilies: Record<string, number>;
  readonly targetGroups: string[];
}

export async function liveInventory(aws: AwsClients): Promise<LiveInventory> {
  const clusterArns = (await aws.ecs.send(new ListClustersCommand({ maxResults: 100 }))).clusterArns ?? [];
  const clusters = clusterArns.map((arn) => arn.split('/').pop() ?? arn).sort();
  const services: LiveInventory['services'] = [];
  for (const cluster of clusters) {
    for (const service of await describeAllServices(aws, cluster)) {
      if (service.status !== 'ACTIVE') continue;
      services.push({
        name: `${cluster}/${service.serviceName}`,
        desiredCount: service.desiredCount,
        family: service.taskDefinition?.split('/').pop()?.split(':')[0],
      });
    }
  }
  const taskDefinitionFamilies: Record<string, number> = {};
  let nextToken: string | undefined;
  do {
    const page = await aws.ecs.send(
      new ListTaskDefinitionsCommand({ status: 'ACTIVE', ...(nextToken === undefined ? {} : { nextToken }) }),
    );
    for (const arn of page.taskDefinitionArns ?? []) {
      const family = arn.split('/').pop()?.split(':')[0] ?? arn;
      taskDefinitionFamilies[family] = (taskDefinitionFamilies[family] ?? 0) + 1;
    }
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  const targetGroups: string[] = [];
  let marker: string | undefined;
  do {
    const page = await aws.elbv2.send(
      new DescribeTargetGroupsCommand(marker === undefined ? {} : { Marker: marker }),
    );
    targetGroups.push(...(page.TargetGroups ?? []).map((tg) => tg.TargetGroupName ?? ''));
    marker = page.NextMarker;
  } while (marker !== undefined);
  return {
    clusters,
    services: services.sort((a, b) => a.name.localeCompare(b.name)),
    taskDefinitionFamilies,
    targetGroups: targetGroups.sort(),
  };
}

/** The inventory the workload asks for, and nothing else. */
export function expectedInventory(shape: WorkloadShape): LiveInventory {
  const clusters: string[] = [];
  const services: LiveInventory['services'] = [];
  for (let c = 0; c < shape.clusters; c += 1) {
    clusters.push(clusterName(shape, c));
    for (let s = 0; s < shape.servicesPerCluster; s += 1) {
      services.push({
        name: `${clusterName(shape, c)}/${serviceName(c, s)}`,
        desiredCount: shape.desiredCount ?? 1,
        family: `${shape.namespace}-app`,
      });
    }
  }
  const targetGroups = Array.from({ length: shape.targetGroups ?? 0 }, (_, t) => targetGroupName(shape, t));
  return {
    clusters: clusters.sort(),
    services: services.sort((a, b) => a.name.localeCompare(b.name)),
    taskDefinitionFamilies: { [`${shape.namespace}-app`]: 1 },
    targetGroups: targetGroups.sort(),
  };
}
