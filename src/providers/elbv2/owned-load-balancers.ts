import type { LoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Kind } from '../../manifest/kinds.ts';
import type { TagMap } from '../tags.ts';
import { KNOWN_AFTER_APPLY, type ProviderContext } from '../types.ts';
import { allLoadBalancers, listenersInLook } from './listing.ts';
import { tagsOf } from './resource-tags.ts';

export interface OwnedLoadBalancer {
  readonly loadBalancer: LoadBalancer;
  readonly arn: string;
  readonly identity: string;
  readonly tags: TagMap;
}

/** Every load balancer carrying this instance's ownership tags (listed 400 a page, tags from the cache). */
export async function ownedLoadBalancers(context: ProviderContext): Promise<OwnedLoadBalancer[]> {
  const all = await allLoadBalancers(context);
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

/** The ARNs of the owned resources of a kind that this look has already read, if it has read that kind. */
function ownedPeerArns(kind: Kind, context: ProviderContext): string[] | undefined {
  return context.peers
    ?.of(kind)
    ?.filter((peer) => peer.owned)
    .map((peer) => peer.ids.arn ?? '')
    .filter((arn) => arn !== '' && arn !== KNOWN_AFTER_APPLY);
}

/** The owned load balancers' ARNs: those this look has read, else from a listing. */
export async function ownedLoadBalancerArns(context: ProviderContext): Promise<string[]> {
  return (
    ownedPeerArns('LoadBalancer', context) ?? (await ownedLoadBalancers(context)).map((owned) => owned.arn)
  );
}

/**
 * The listeners an owned rule may live on: every listener of an owned load balancer (listed once
 * per look, the listener read lists them too) and the owned listeners this look has read (an
 * owned listener may be on a load balancer a manifest names by ARN).
 */
export async function listenerArnsForOwnedRules(context: ProviderContext): Promise<string[]> {
  const arns = new Set<string>();
  for (const loadBalancerArn of await ownedLoadBalancerArns(context)) {
    for (const listener of await listenersInLook(loadBalancerArn, context))
      if (listener.ListenerArn !== undefined) arns.add(listener.ListenerArn);
  }
  for (const arn of ownedPeerArns('Listener', context) ?? []) arns.add(arn);
  return [...arns];
}
