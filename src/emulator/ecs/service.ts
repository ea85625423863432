import { apiGroupOf } from '../../aws/rates.ts';
import type { EmulatedService } from '../core/service.ts';
import { jsonBinding } from '../protocols/json.ts';
import { clusterSettingsOperations } from './cluster-settings.ts';
import { clusterOperations } from './clusters.ts';
import { ecsControl } from './control.ts';
import { tickEcs } from './life.ts';
import { serviceDeploymentOperations } from './rollout/operations.ts';
import { tickRunTasks } from './run-task.ts';
import { serviceOperations } from './services.ts';
import { taggingOperations } from './tagging.ts';
import { taskDefinitionOperations } from './task-definitions.ts';
import { taskOperations } from './tasks.ts';

export const ecsService: EmulatedService = {
  name: 'ecs',
  signingName: 'ecs',
  binding: jsonBinding('AmazonEC2ContainerServiceV20141113', {
    ...clusterOperations,
    ...clusterSettingsOperations,
    ...taskDefinitionOperations,
    ...serviceOperations,
    ...serviceDeploymentOperations,
    ...taskOperations,
    ...taggingOperations,
  }),
  throttling: { code: 'ThrottlingException', status: 400 },
  throttleGroup: (operation) => apiGroupOf('ecs', operation),
  tick: (context) => {
    tickEcs(context);
    tickRunTasks(context);
  },
  control: ecsControl,
};
