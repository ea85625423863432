import { ListServicesCommand } from '@aws-sdk/client-ecs';
import { paged } from '../batch.ts';
import type { ProviderContext } from '../types.ts';

/** The names of every service in a cluster (ListServices, paged at its limit of 100). */
export async function listServiceNames(cluster: string, context: ProviderContext): Promise<string[]> {
  const arns = await paged(async (nextToken) => {
    const page = await context.aws.ecs.send(new ListServicesCommand({ cluster, maxResults: 100, nextToken }));
    return { items: page.serviceArns ?? [], next: page.nextToken };
  });
  return arns.map((arn) => arn.split('/').pop() ?? arn).sort();
}
