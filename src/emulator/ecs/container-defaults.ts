import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.ts';
import { clientException } from './errors.ts';

/** Lists AWS returns as [] on every container even when they were not given. */
const ALWAYS_LISTS = ['portMappings', 'environment', 'mountPoints', 'volumesFrom', 'systemControls'] as const;

const HEALTH_CHECK_DEFAULTS = { interval: 30, timeout: 5, retries: 3 } as const;

/** A container definition as AWS stores it: its defaults filled in. */
export function containerWithDefaults(container: JsonObject, networkMode: string): JsonObject {
  const name = container.name;
  if (typeof name !== 'string' || name === '')
    throw clientException('Container.name should not be null or empty.');
  if (typeof container.image !== 'string' || container.image === '') {
    throw clientException('Container.image should not be null or empty.');
  }
  const out: JsonObject = { ...container };
  out.cpu = typeof container.cpu === 'number' ? container.cpu : 0;
  out.essential = typeof container.essential === 'boolean' ? container.essential : true;
  for (const list of ALWAYS_LISTS) if (!Array.isArray(out[list])) out[list] = [];
  out.portMappings = (out.portMappings as JsonValue[]).map((mapping) =>
    portMapping(mapping, networkMode, name),
  );
  if (isJsonObject(container.healthCheck)) {
    out.healthCheck = { ...HEALTH_CHECK_DEFAULTS, ...container.healthCheck };
  }
  return out;
}

function portMapping(mapping: JsonValue, networkMode: string, containerName: string): JsonObject {
  if (!isJsonObject(mapping)) throw clientException(`Invalid port mapping in container '${containerName}'.`);
  const out: JsonObject = { ...mapping };
  const containerPort = mapping.containerPort;
  if (typeof containerPort === 'number') {
    const hostPort = mapping.hostPort;
    if ((networkMode === 'awsvpc' || networkMode === 'host') && hostPort === undefined) {
      out.hostPort = containerPort;
    }
    if (
      (networkMode === 'awsvpc' || networkMode === 'host') &&
      typeof hostPort === 'number' &&
      hostPort !== containerPort
    ) {
      throw clientException(
        'When networkMode=awsvpc, the host ports and container ports in port mappings must match.',
      );
    }
  }
  out.protocol = typeof mapping.protocol === 'string' ? mapping.protocol : 'tcp';
  return out;
}

/** The capabilities a task definition needs, as ECS lists them in requiresAttributes. */
export function requiredAttributes(body: JsonObject, containers: readonly JsonObject[]): JsonObject[] {
  const names = new Set<string>();
  if (body.networkMode === 'awsvpc') {
    names.add('com.amazonaws.ecs.capability.docker-remote-api.1.18');
    names.add('ecs.capability.task-eni');
  }
  if (typeof body.taskRoleArn === 'string') names.add('com.amazonaws.ecs.capability.task-iam-role');
  for (const container of containers) {
    const log = container.logConfiguration;
    if (isJsonObject(log) && log.logDriver === 'awslogs') {
      names.add('com.amazonaws.ecs.capability.logging-driver.awslogs');
      names.add('com.amazonaws.ecs.capability.docker-remote-api.1.19');
      if (typeof body.executionRoleArn === 'string') names.add('ecs.capability.execution-role-awslogs');
    }
    if (isJsonObject(container.healthCheck)) {
      names.add('ecs.capability.container-health-check');
      names.add('com.amazonaws.ecs.capability.docker-remote-api.1.24');
    }
    if (Array.isArray(container.secrets) && container.secrets.length > 0) {
      names.add('ecs.capability.secrets.asm.environment-variables');
    }
    if (Array.isArray(container.dependsOn) && container.dependsOn.length > 0) {
      names.add('ecs.capability.container-ordering');
    }
    if (typeof container.image === 'string' && /\.dkr\.ecr\./.test(container.image)) {
      if (typeof body.executionRoleArn === 'string') names.add('ecs.capability.execution-role-ecr-pull');
    }
  }
  const volumes = Array.isArray(body.volumes) ? body.volumes : [];
  if (volumes.some((volume) => isJsonObject(volume) && isJsonObject(volume.efsVolumeConfiguration))) {
    names.add('ecs.capability.efs');
    names.add('com.amazonaws.ecs.capability.docker-remote-api.1.25');
  }
  return [...names].map((name) => ({ name }));
}
