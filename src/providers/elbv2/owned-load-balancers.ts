import { DescribeLoadBalancersCommand, type LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import { paged } from '../batch.ts';
import type { TagMap } from '../tags.ts';
import type { ProviderContext } from '../types.ts';
import { sendOptions, tagsOf } from './resource-tags.ts';

export interface OwnedLoadBalancer {
  readonly loadBalancer: LoadBalancer;
  readonly arn: string;
  readonly identity: string;
  readonly tags: TagMap;
}

/** Every load balancer carrying this instance's ownership tags (listed 400 a page, tags 20 ARNs a call). */
export async function ownedLoadBalancers(context: ProviderContext): Promise<OwnedLoadBalancer[]> {
  const all = await paged(async (Marker) => {
    const page = await context.aws.elbv2.send(
      new DescribeLoadBalancersCommand({ Marker, PageSize: 400 }),
      sendOptions(context),
    );
    return { items: page.LoadBalancers ?? [], next: page.NextMarker };
  });
  const tags = await tagsOf(
    all.map((loadBalancer) => loadBalancer.LoadBalancerArn ?? ''),
    context,
  );
  const owned: OwnedLoadBalancer[] = [];
  for (const loadBalancer of all) {
    const arn = loadBalancer.LoadBalancerArn ?? '';
    const lbTags = tags.get(arn) ?? {};
    const identity = context.ownership.identityOf(lbTags);
    if (identity?.startsWith('LoadBalancer/')) owned.push({ loadBalancer, arn, identity, tags: lbTags });
  }
  return owned;
}
