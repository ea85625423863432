import {
  DescribeScalableTargetsCommand,
  type ScalableDimension,
  type ScalableTarget,
  type ServiceNamespace,
} from '@aws-sdk/client-application-auto-scaling';
import { chunks, paged } from '../batch.ts';
import type { ProviderContext, ResourceIds } from '../types.ts';

export const ECS_NAMESPACE = 'ecs';
/** DescribeScalableTargets takes up to 50 resource ids a call and answers up to 50 targets a page. */
const DESCRIBE_BATCH = 50;

/** Where a scalable target is: its namespace, resource and dimension (a policy names its target by these). */
export function locationKey(serviceNamespace: string, resourceId: string, scalableDimension: string): string {
  return `${serviceNamespace}|${resourceId}|${scalableDimension}`;
}

export function locationOf(target: {
  ServiceNamespace?: string | undefined;
  ResourceId?: string | undefined;
  ScalableDimension?: string | undefined;
}): string {
  return locationKey(target.ServiceNamespace ?? '', target.ResourceId ?? '', target.ScalableDimension ?? '');
}

export function scalableTargetIds(target: ScalableTarget): ResourceIds {
  return {
    arn: target.ScalableTargetARN ?? '',
    serviceNamespace: target.ServiceNamespace ?? '',
    resourceId: target.ResourceId ?? '',
    scalableDimension: target.ScalableDimension ?? '',
  };
}

export async function describeScalableTargets(
  serviceNamespace: string,
  scalableDimension: string | undefined,
  resourceIds: readonly string[] | undefined,
  context: ProviderContext,
): Promise<ScalableTarget[]> {
  const batches = resourceIds === undefined ? [undefined] : chunks(resourceIds, DESCRIBE_BATCH);
  const found: ScalableTarget[] = [];
  for (const batch of batches) {
    found.push(
      ...(await paged(async (token) => {
        const page = await context.aws.autoscaling.send(
          new DescribeScalableTargetsCommand({
            ServiceNamespace: serviceNamespace as ServiceNamespace,
            ...(batch === undefined ? {} : { ResourceIds: batch }),
            ...(scalableDimension === undefined
              ? {}
              : { ScalableDimension: scalableDimension as ScalableDimension }),
            MaxResults: DESCRIBE_BATCH,
            NextToken: token,
          }),
        );
        return { items: page.ScalableTargets ?? [], next: page.NextToken };
      })),
    );
  }
  return found;
}

/** Every scalable target of ECS services, listed once per look (both autoscaling kinds may need it). */
export function ecsTargets(context: ProviderContext): Promise<ScalableTarget[]> {
  const list = () => describeScalableTargets(ECS_NAMESPACE, undefined, undefined, context);
  return context.memo === undefined
    ? list()
    : context.memo.once('autoscaling:DescribeScalableTargets:ecs', list);
}
