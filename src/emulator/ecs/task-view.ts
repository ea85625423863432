import type { JsonObject } from '../core/json.ts';
import { compact, epoch, renderTags } from './render.ts';
import type { Task } from './state.ts';

const time = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : epoch(ms));

function attachmentStatus(task: Task): string {
  if (task.lastStatus === 'PROVISIONING') return 'PRECREATED';
  if (task.lastStatus === 'STOPPED') return 'DELETED';
  return 'ATTACHED';
}

/** The ENI's details: only its subnet while PRECREATED, as AWS's RunTask answers print. */
function eniDetails(task: Task): JsonObject[] {
  const ip = task.privateIp;
  const subnet = { name: 'subnetId', value: task.subnetId };
  if (task.lastStatus === 'PROVISIONING') return [subnet];
  return [
    subnet,
    { name: 'networkInterfaceId', value: task.eniId },
    { name: 'macAddress', value: task.macAddress },
    { name: 'privateDnsName', value: `ip-${ip.replaceAll('.', '-')}.ec2.internal` },
    { name: 'privateIPv4Address', value: ip },
  ];
}

/** A task as DescribeTasks renders it, with its ENI attachment and containers. */
export function renderTask(task: Task, clusterArn: string, withTags: boolean): JsonObject {
  const ip = task.privateIp;
  const started = task.startedAt !== undefined;
  const provisioning = task.lastStatus === 'PROVISIONING';
  return compact({
    attachments: [
      {
        id: task.attachmentId,
        type: 'ElasticNetworkInterface',
        status: attachmentStatus(task),
        details: eniDetails(task),
      },
    ],
    attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    availabilityZone: task.availabilityZone,
    clusterArn,
    connectivity: started ? 'CONNECTED' : undefined,
    connectivityAt: time(task.pullStartedAt),
    containers: task.containers.map((container) =>
      compact({
        containerArn: container.arn,
        taskArn: task.arn,
        name: container.name,
        image: container.image,
        runtimeId: started ? container.runtimeId : undefined,
        lastStatus: container.lastStatus,
        exitCode: container.exitCode,
        networkBindings: [],
        networkInterfaces: provisioning ? [] : [{ attachmentId: task.attachmentId, privateIpv4Address: ip }],
        healthStatus: container.hasHealthCheck ? container.healthStatus : 'UNKNOWN',
        cpu: container.cpu,
        memory: container.memory,
      }),
    ),
    cpu: task.cpu,
    createdAt: epoch(task.createdAt),
    desiredStatus: task.desiredStatus,
    enableExecuteCommand: false,
    executionStoppedAt: time(task.executionStoppedAt),
    group: task.group,
    healthStatus: task.healthStatus,
    lastStatus: task.lastStatus,
    launchType: task.launchType,
    memory: task.memory,
    overrides: {
      containerOverrides: task.containers.map((container) => ({ name: container.name })),
      inferenceAcceleratorOverrides: [],
    },
    platformVersion: task.platformVersion,
    platformFamily: task.launchType === 'FARGATE' ? 'Linux' : undefined,
    pullStartedAt: time(task.pullStartedAt),
    pullStoppedAt: time(task.pullStoppedAt),
    startedAt: time(task.startedAt),
    startedBy: task.startedBy,
    stopCode: task.stopCode,
    stoppedAt: time(task.stoppedAt),
    stoppedReason: task.stoppedReason,
    stoppingAt: time(task.stoppingAt),
    tags: withTags ? renderTags(task.tags) : undefined,
    taskArn: task.arn,
    taskDefinitionArn: task.taskDefinitionArn,
    version: task.version,
    ephemeralStorage: task.launchType === 'FARGATE' ? { sizeInGiB: 20 } : undefined,
    fargateEphemeralStorage: task.launchType === 'FARGATE' ? { sizeInGiB: 20 } : undefined,
  });
}
