import {
  ListNamespacesCommand,
  ListServicesCommand,
  type NamespaceSummary,
  type ServiceSummary,
} from '@aws-sdk/client-servicediscovery';
import { paged } from '../batch.ts';
import type { ProviderContext } from '../types.ts';

/** Every namespace of the account (100 a page), listed once per look: both Cloud Map kinds' reads need it. */
export function allNamespaces(context: ProviderContext): Promise<NamespaceSummary[]> {
  const list = () =>
    paged(async (token) => {
      const page = await context.aws.servicediscovery.send(
        new ListNamespacesCommand({ MaxResults: 100, NextToken: token }),
      );
      return { items: page.Namespaces ?? [], next: page.NextToken };
    });
  return context.memo === undefined ? list() : context.memo.once('servicediscovery:ListNamespaces', list);
}

/**
 * The services of one namespace (100 a page). Listed by namespace because a service summary does
 * not say which namespace it is in, and a name is only unique within one.
 */
export function servicesIn(namespaceId: string, context: ProviderContext): Promise<ServiceSummary[]> {
  return paged(async (token) => {
    const page = await context.aws.servicediscovery.send(
      new ListServicesCommand({
        MaxResults: 100,
        NextToken: token,
        Filters: [{ Name: 'NAMESPACE_ID', Values: [namespaceId], Condition: 'EQ' }],
      }),
    );
    return { items: page.Services ?? [], next: page.NextToken };
  });
}
