import { uuid } from '../core/ids.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../core/json.ts';
import type { StateKey } from '../core/world.ts';
import { invalidParameter } from './errors.ts';
import type { Task, TaskDefinition } from './state.ts';

/** An Amazon EBS volume RunTask attaches to one task, as its attachment names it. */
export interface TaskVolume {
  readonly attachmentId: string;
  readonly roleArn: string;
  readonly volumeName: string;
  readonly deleteOnTermination: boolean;
}

/** The EBS volumes of RunTask tasks, by task id. */
export const RUN_TASK_VOLUMES: StateKey<Map<string, TaskVolume[]>> = {
  name: 'ecs-run-task-volumes',
  create: () => new Map(),
};

function launchVolumeNames(definition: TaskDefinition): Set<string> {
  const volumes = Array.isArray(definition.body.volumes) ? definition.body.volumes : [];
  return new Set(
    volumes
      .filter((volume) => isJsonObject(volume) && volume.configuredAtLaunch === true)
      .map((volume) => (isJsonObject(volume) ? String(volume.name) : '')),
  );
}

/**
 * RunTask's volumeConfigurations, each naming a task definition volume configured at launch and
 * carrying a managedEBSVolume with its infrastructure role; one volume per task.
 */
export function readTaskVolumes(value: JsonValue[] | undefined, definition: TaskDefinition): JsonObject[] {
  const list = value ?? [];
  const names = launchVolumeNames(definition);
  const configurations: JsonObject[] = [];
  for (const item of list) {
    if (!isJsonObject(item) || typeof item.name !== 'string')
      throw invalidParameter('Each volume configuration must have a name.');
    if (!names.has(item.name)) {
      throw invalidParameter(
        `The volume ${item.name} is not configured at launch in the task definition ${definition.arn}.`,
      );
    }
    const managed = item.managedEBSVolume;
    if (!isJsonObject(managed) || typeof managed.roleArn !== 'string')
      throw invalidParameter(`managedEBSVolume.roleArn is required for the volume ${item.name}.`);
    configurations.push(item);
  }
  return configurations;
}

/** The volumes one task gets from its run's configurations. */
export function volumesFor(configurations: readonly JsonObject[]): TaskVolume[] {
  return configurations.map((configuration) => {
    const managed = isJsonObject(configuration.managedEBSVolume) ? configuration.managedEBSVolume : {};
    const policy = isJsonObject(managed.terminationPolicy) ? managed.terminationPolicy : {};
    return {
      attachmentId: uuid(),
      roleArn: String(managed.roleArn),
      volumeName: String(configuration.name),
      deleteOnTermination: policy.deleteOnTermination !== false,
    };
  });
}

/** CREATED while the task is provisioned (AWS's run-task answer); attached while it runs. */
function volumeStatus(task: Task): string {
  if (task.lastStatus === 'PROVISIONING') return 'CREATED';
  if (task.lastStatus === 'STOPPED') return 'DELETED';
  return 'ATTACHED';
}

/** A task's EBS attachments, after its ENI attachment. */
export function renderVolumes(task: Task, volumes: readonly TaskVolume[]): JsonObject[] {
  return volumes.map((volume) => ({
    id: volume.attachmentId,
    type: 'AmazonElasticBlockStorage',
    status: volumeStatus(task),
    details: [
      { name: 'roleArn', value: volume.roleArn },
      { name: 'volumeName', value: volume.volumeName },
      { name: 'deleteOnTermination', value: String(volume.deleteOnTermination) },
    ],
  }));
}
