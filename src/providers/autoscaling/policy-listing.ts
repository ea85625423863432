import {
  DescribeScalingPoliciesCommand,
  type DescribeScalingPoliciesCommandInput,
  type ScalableDimension,
  type ScalingPolicy,
  type ServiceNamespace,
} from '@aws-sdk/client-application-auto-scaling';
import { chunks, paged } from '../batch.ts';
import type { ProviderContext, ResourceIds } from '../types.ts';
import { ECS_NAMESPACE } from './target-listing.ts';

/** DescribeScalingPolicies takes up to 50 policy names a call. */
const NAMES_BATCH = 50;
/** ... and answers up to 10 policies a page. */
const PAGE_SIZE = 10;

type Filter = Pick<DescribeScalingPoliciesCommandInput, 'ResourceId' | 'ScalableDimension' | 'PolicyNames'>;

function describe(namespace: string, filter: Filter, context: ProviderContext): Promise<ScalingPolicy[]> {
  return paged(async (token) => {
    const page = await context.aws.autoscaling.send(
      new DescribeScalingPoliciesCommand({
        ServiceNamespace: namespace as ServiceNamespace,
        ...filter,
        MaxResults: PAGE_SIZE,
        NextToken: token,
      }),
    );
    return { items: page.ScalingPolicies ?? [], next: page.NextToken };
  });
}

/** The policies of one scalable target: those named, or every one. */
export async function describePolicies(
  target: ResourceIds,
  names: readonly string[] | undefined,
  context: ProviderContext,
): Promise<ScalingPolicy[]> {
  const on: Filter = {
    ...(target.resourceId === undefined ? {} : { ResourceId: target.resourceId }),
    ...(target.scalableDimension === undefined
      ? {}
      : { ScalableDimension: target.scalableDimension as ScalableDimension }),
  };
  const found: ScalingPolicy[] = [];
  for (const batch of names === undefined ? [undefined] : chunks(names, NAMES_BATCH)) {
    const filter = batch === undefined ? on : { ...on, PolicyNames: batch };
    found.push(...(await describe(target.serviceNamespace ?? ECS_NAMESPACE, filter, context)));
  }
  return found;
}

/** Every scaling policy of ECS scalable targets, in one listing by namespace. */
export function ecsPolicies(context: ProviderContext): Promise<ScalingPolicy[]> {
  return describe(ECS_NAMESPACE, {}, context);
}
