import type { EmulatedService } from '../core/service.ts';
import { jsonBinding } from '../protocols/json.ts';
import { clusterOperations } from './clusters.ts';
import { ecsControl } from './control.ts';
import { tickEcs } from './life.ts';
import { serviceOperations } from './services.ts';
import { taggingOperations } from './tagging.ts';
import { taskDefinitionOperations } from './task-definitions.ts';
import { taskOperations } from './tasks.ts';

/** Throttling groups per operation, as keyed in core/rates.ts. */
const THROTTLE_GROUPS: Readonly<Record<string, string>> = {
  DescribeClusters: 'cluster-read',
  ListClusters: 'cluster-read',
  CreateCluster: 'cluster-modify',
  DeleteCluster: 'cluster-modify',
  DescribeServices: 'service-read',
  ListServices: 'service-read',
  CreateService: 'service-modify',
  UpdateService: 'service-modify',
  DeleteService: 'service-modify',
  DescribeTasks: 'cluster-resource-read',
  ListTasks: 'cluster-resource-read',
  StopTask: 'task-modify',
  DescribeTaskDefinition: 'task-definition-read',
  ListTaskDefinitions: 'task-definition-read',
  ListTaskDefinitionFamilies: 'task-definition-read',
  RegisterTaskDefinition: 'task-definition-modify',
  DeregisterTaskDefinition: 'task-definition-modify',
  TagResource: 'tagging',
  UntagResource: 'tagging',
  ListTagsForResource: 'tagging',
};

export const ecsService: EmulatedService = {
  name: 'ecs',
  signingName: 'ecs',
  binding: jsonBinding('AmazonEC2ContainerServiceV20141113', {
    ...clusterOperations,
    ...taskDefinitionOperations,
    ...serviceOperations,
    ...taskOperations,
    ...taggingOperations,
  }),
  throttling: { code: 'ThrottlingException', status: 400 },
  throttleGroup: (operation) => THROTTLE_GROUPS[operation] ?? 'cluster-read',
  tick: tickEcs,
  control: ecsControl,
};
