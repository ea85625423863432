import type { InputReader } from '../core/input.ts';
import type { RegionWorld } from '../core/world.ts';
import { ecsServiceExists } from '../ecs/lookup.ts';
import { validation } from './errors.ts';

export const SERVICE_NAMESPACES = [
  'ecs',
  'elasticmapreduce',
  'ec2',
  'appstream',
  'dynamodb',
  'rds',
  'sagemaker',
  'custom-resource',
  'comprehend',
  'lambda',
  'cassandra',
  'kafka',
  'elasticache',
  'neptune',
  'workspaces',
] as const;

const ECS_DIMENSION = 'ecs:service:DesiredCount';
const ECS_RESOURCE = /^service\/([^/]+)\/([^/]+)$/;

export interface ScalableResource {
  readonly serviceNamespace: string;
  readonly resourceId: string;
  readonly scalableDimension: string;
}

/** Reads ServiceNamespace, ResourceId and ScalableDimension; only ECS services are emulated. */
export function readResource(reader: InputReader): ScalableResource {
  const serviceNamespace = reader.requiredString('ServiceNamespace', { oneOf: SERVICE_NAMESPACES });
  const resourceId = reader.requiredString('ResourceId', { min: 1, max: 1600 });
  const scalableDimension = reader.requiredString('ScalableDimension', { min: 1 });
  checkResource(serviceNamespace, resourceId, scalableDimension);
  return { serviceNamespace, resourceId, scalableDimension };
}

export function checkResource(serviceNamespace: string, resourceId: string, scalableDimension: string): void {
  if (serviceNamespace !== 'ecs' || scalableDimension !== ECS_DIMENSION) {
    throw validation('Unsupported service namespace, resource type or scalable dimension');
  }
  if (!ECS_RESOURCE.test(resourceId)) {
    throw validation(
      `Unsupported resource ID: ${resourceId}. Expected service/<cluster name>/<service name>`,
    );
  }
}

/** The cluster and service of `service/<cluster>/<service>`. */
export function ecsService(resourceId: string): { cluster: string; service: string } {
  const [, cluster = '', service = ''] = ECS_RESOURCE.exec(resourceId) ?? [];
  return { cluster, service };
}

export function requireEcsService(world: RegionWorld, resourceId: string): void {
  const { cluster, service } = ecsService(resourceId);
  if (!ecsServiceExists(world, cluster, service))
    throw validation(`ECS service doesn't exist: ${resourceId}`);
}
