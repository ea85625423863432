import { GetNamespaceCommand, GetServiceCommand } from '@aws-sdk/client-servicediscovery';
import type { ProviderContext } from '../types.ts';

export interface CloudMapFindings {
  readonly services: Array<{ readonly name: string; readonly namespaceId: string }>;
  readonly namespaces: Array<{ readonly name: string; readonly id: string; readonly type: string }>;
}

/** From the registry ARNs of ECS services: their Cloud Map services and those services' namespaces. */
export async function findByRegistryArns(
  arns: readonly string[],
  context: ProviderContext,
): Promise<CloudMapFindings> {
  const services: Array<{ name: string; namespaceId: string }> = [];
  const namespaceIds = new Set<string>();
  for (const arn of [...new Set(arns)].sort()) {
    const id = arn.split('/').pop() ?? arn;
    const service = (await context.aws.servicediscovery.send(new GetServiceCommand({ Id: id }))).Service;
    if (service?.Name === undefined || service.NamespaceId === undefined) continue;
    services.push({ name: service.Name, namespaceId: service.NamespaceId });
    namespaceIds.add(service.NamespaceId);
  }
  const namespaces: Array<{ name: string; id: string; type: string }> = [];
  for (const id of [...namespaceIds].sort()) {
    const namespace = (await context.aws.servicediscovery.send(new GetNamespaceCommand({ Id: id })))
      .Namespace;
    if (namespace?.Name !== undefined)
      namespaces.push({ name: namespace.Name, id, type: namespace.Type ?? '' });
  }
  return { services, namespaces };
}
