import {
  CreateHttpNamespaceCommand,
  CreatePrivateDnsNamespaceCommand,
  CreatePublicDnsNamespaceCommand,
  CreateServiceCommand,
  DeleteNamespaceCommand,
  DeleteServiceCommand,
  DeregisterInstanceCommand,
  GetInstanceCommand,
  GetNamespaceCommand,
  GetOperationCommand,
  GetServiceCommand,
  ListInstancesCommand,
  ListNamespacesCommand,
  ListOperationsCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  RegisterInstanceCommand,
  ServiceDiscoveryClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-servicediscovery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { letTimePass, unique } from './clock.ts';
import { type RunningTarget, type TargetSpec, targetClientConfig } from './target.ts';

/** Where a target answers differently from AWS (per the Cloud Map model and docs). */
const DIFFERENCES: Readonly<Record<string, readonly string[]>> = {
  moto: [
    // DNS namespaces: HostedZoneId comes as "/hostedzone/..." (Route 53's path form) instead of
    // "Z...", and HttpProperties.HttpName is missing.
    'dns-properties',
    // A second namespace of a taken name is created instead of NamespaceAlreadyExists.
    'namespace-already-exists',
    // ListNamespaces ignores Filters (TYPE).
    'namespace-filters',
    // A service in an HTTP namespace has no Type (AWS computes HTTP).
    'service-type',
    // CreateService with a repeated CreatorRequestId makes a second service.
    'creator-request-id',
    // ListServices ignores Filters (NAMESPACE_ID).
    'service-filters',
    // DeleteNamespace succeeds while the namespace still has services (AWS: ResourceInUse).
    'namespace-in-use',
    // ListTagsForResource of an unknown ARN answers an empty list, not ResourceNotFoundException.
    'missing-tag-resource',
    // CreateService fills no defaults: no Type DNS_HTTP, no DnsConfig.NamespaceId or RoutingPolicy,
    // and HealthCheckCustomConfig.FailureThreshold kept as sent instead of 1.
    'service-defaults',
    // CreateService checks neither the namespace (NamespaceNotFound) nor a taken name (ServiceAlreadyExists).
    'create-service-checks',
    // DeleteService succeeds while the service has instances (AWS: ResourceInUse).
    'service-in-use',
  ],
};
const differs = (spec: TargetSpec, key: string): boolean => DIFFERENCES[spec.name]?.includes(key) ?? false;
const can = (spec: TargetSpec, ...operations: string[]): boolean =>
  operations.every((operation) => spec.supports(`servicediscovery:${operation}`));
/** A VPC of its own for each private namespace (moto refuses two private zones in one VPC). */
const vpc = (): string =>
  `vpc-${Math.floor(Math.random() * 2 ** 48)
    .toString(16)
    .padStart(12, '0')}abcde`;

export function servicediscoveryConformance(spec: TargetSpec, target: () => RunningTarget): void {
  describe('servicediscovery', () => {
    let cloudMap: ServiceDiscoveryClient;
    beforeAll(() => {
      cloudMap = new ServiceDiscoveryClient({ ...targetClientConfig(target()), maxAttempts: 1 });
    });
    afterAll(() => cloudMap.destroy());

    /** Waits out a namespace operation and gives the namespace id. */
    async function namespaceOf(operationId: string | undefined): Promise<string> {
      await letTimePass(spec, target(), 10_000);
      const answer = await cloudMap.send(new GetOperationCommand({ OperationId: operationId }));
      expect(answer.Operation?.Status).toBe('SUCCESS');
      return answer.Operation?.Targets?.NAMESPACE ?? '';
    }

    async function httpNamespace(): Promise<string> {
      const created = await cloudMap.send(new CreateHttpNamespaceCommand({ Name: unique('http') }));
      return namespaceOf(created.OperationId);
    }

    async function dnsNamespace(): Promise<string> {
      const created = await cloudMap.send(
        new CreatePrivateDnsNamespaceCommand({ Name: `${unique('dns')}.local`, Vpc: vpc() }),
      );
      return namespaceOf(created.OperationId);
    }

    it.skipIf(!can(spec, 'CreateHttpNamespace', 'GetOperation', 'GetNamespace'))(
      'creates an HTTP namespace through an operation and describes it',
      async () => {
        const name = unique('ns');
        const created = await cloudMap.send(
          new CreateHttpNamespaceCommand({
            Name: name,
            Description: 'apps',
            CreatorRequestId: unique('req'),
          }),
        );
        expect(created.OperationId).toMatch(/^[a-z0-9-]+$/);
        const operation = await cloudMap.send(new GetOperationCommand({ OperationId: created.OperationId }));
        expect(operation.Operation).toMatchObject({ Id: created.OperationId, Type: 'CREATE_NAMESPACE' });
        expect(['SUBMITTED', 'PENDING', 'SUCCESS']).toContain(operation.Operation?.Status);
        expect(operation.Operation?.CreateDate).toBeInstanceOf(Date);
        const id = await namespaceOf(created.OperationId);
        expect(id).toMatch(/^ns-[a-z0-9]+$/);

        const { Namespace: namespace } = await cloudMap.send(new GetNamespaceCommand({ Id: id }));
        expect(namespace).toMatchObject({
          Id: id,
          Name: name,
          Type: 'HTTP',
          Description: 'apps',
          Properties: { HttpProperties: { HttpName: name } },
        });
        expect(namespace?.Arn).toMatch(
          new RegExp(`^arn:aws:servicediscovery:${target().region}:\\d{12}:namespace/${id}$`),
        );
        expect(namespace?.CreateDate).toBeInstanceOf(Date);
      },
    );

    it.skipIf(!can(spec, 'CreatePrivateDnsNamespace', 'CreatePublicDnsNamespace', 'GetNamespace'))(
      'gives DNS namespaces a hosted zone and an SOA record',
      async () => {
        const privateId = await dnsNamespace();
        const { Namespace: privateNamespace } = await cloudMap.send(
          new GetNamespaceCommand({ Id: privateId }),
        );
        expect(privateNamespace?.Type).toBe('DNS_PRIVATE');
        const hostedZone = privateNamespace?.Properties?.DnsProperties?.HostedZoneId;
        expect(hostedZone).toMatch(differs(spec, 'dns-properties') ? /[0-9A-Z]+$/ : /^Z[0-9A-Z]+$/);
        if (!differs(spec, 'dns-properties')) {
          expect(privateNamespace?.Properties?.HttpProperties?.HttpName).toBe(privateNamespace?.Name);
        }

        const created = await cloudMap.send(
          new CreatePublicDnsNamespaceCommand({ Name: `${unique('pub')}.example.com` }),
        );
        const publicId = await namespaceOf(created.OperationId);
        const { Namespace: publicNamespace } = await cloudMap.send(new GetNamespaceCommand({ Id: publicId }));
        expect(publicNamespace?.Type).toBe('DNS_PUBLIC');
      },
    );

    it.skipIf(!can(spec, 'CreateHttpNamespace') || differs(spec, 'namespace-already-exists'))(
      'refuses a second namespace of the same name',
      async () => {
        const name = unique('twice');
        const first = await cloudMap.send(new CreateHttpNamespaceCommand({ Name: name }));
        const id = await namespaceOf(first.OperationId);
        await expect(cloudMap.send(new CreateHttpNamespaceCommand({ Name: name }))).rejects.toMatchObject({
          name: 'NamespaceAlreadyExists',
          NamespaceId: id,
        });
      },
    );

    it.skipIf(!can(spec, 'GetNamespace', 'GetOperation'))(
      'reports missing namespaces and operations',
      async () => {
        await expect(
          cloudMap.send(new GetNamespaceCommand({ Id: 'ns-abcdefghijklmnop' })),
        ).rejects.toMatchObject({
          name: 'NamespaceNotFound',
        });
        await expect(
          cloudMap.send(new GetOperationCommand({ OperationId: 'absent-operation' })),
        ).rejects.toMatchObject({
          name: 'OperationNotFound',
        });
      },
    );

    it.skipIf(!can(spec, 'ListNamespaces', 'CreateHttpNamespace') || differs(spec, 'namespace-filters'))(
      'lists namespaces by type and in pages',
      async () => {
        await httpNamespace();
        await httpNamespace();
        const http = await cloudMap.send(
          new ListNamespacesCommand({ Filters: [{ Name: 'TYPE', Values: ['HTTP'], Condition: 'EQ' }] }),
        );
        expect(http.Namespaces?.length).toBeGreaterThanOrEqual(2);
        expect(new Set(http.Namespaces?.map((namespace) => namespace.Type))).toEqual(new Set(['HTTP']));
        const first = await cloudMap.send(new ListNamespacesCommand({ MaxResults: 1 }));
        expect(first.Namespaces).toHaveLength(1);
        expect(first.NextToken).toBeDefined();
        const second = await cloudMap.send(
          new ListNamespacesCommand({ MaxResults: 1, NextToken: first.NextToken }),
        );
        expect(second.Namespaces?.[0]?.Id).not.toBe(first.Namespaces?.[0]?.Id);
      },
    );

    it.skipIf(!can(spec, 'CreateService', 'GetService'))(
      'creates a DNS service with its computed type and defaults',
      async () => {
        const namespaceId = await dnsNamespace();
        const { Service: service } = await cloudMap.send(
          new CreateServiceCommand({
            Name: 'web',
            NamespaceId: namespaceId,
            DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 10 }] },
            HealthCheckCustomConfig: { FailureThreshold: 5 },
          }),
        );
        expect(service?.Id).toMatch(/^srv-[a-z0-9]+$/);
        expect(service?.Arn).toMatch(
          new RegExp(`^arn:aws:servicediscovery:${target().region}:\\d{12}:service/${service?.Id}$`),
        );
        expect(service).toMatchObject({
          Name: 'web',
          NamespaceId: namespaceId,
          DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 10 }] },
        });
        if (differs(spec, 'service-defaults')) return;
        expect(service).toMatchObject({
          Type: 'DNS_HTTP',
          DnsConfig: {
            NamespaceId: namespaceId,
            RoutingPolicy: 'MULTIVALUE',
            DnsRecords: [{ Type: 'A', TTL: 10 }],
          },
          HealthCheckCustomConfig: { FailureThreshold: 1 },
        });
        const got = await cloudMap.send(new GetServiceCommand({ Id: service?.Id }));
        expect(got.Service).toMatchObject({ Id: service?.Id, Type: 'DNS_HTTP', InstanceCount: 0 });
        expect(got.Service?.CreateDate).toBeInstanceOf(Date);
      },
    );

    it.skipIf(!can(spec, 'CreateService') || differs(spec, 'service-type'))(
      'makes services in an HTTP namespace of type HTTP',
      async () => {
        const namespaceId = await httpNamespace();
        const { Service: service } = await cloudMap.send(
          new CreateServiceCommand({ Name: 'api', NamespaceId: namespaceId }),
        );
        expect(service?.Type).toBe('HTTP');
        expect(service?.DnsConfig).toBeUndefined();
      },
    );

    it.skipIf(!can(spec, 'CreateService'))(
      'answers a taken name with ServiceAlreadyExists and a repeated CreatorRequestId with the same service',
      async () => {
        const namespaceId = await httpNamespace();
        const request = unique('req');
        const { Service: service } = await cloudMap.send(
          new CreateServiceCommand({ Name: 'worker', NamespaceId: namespaceId, CreatorRequestId: request }),
        );
        if (!differs(spec, 'creator-request-id')) {
          const again = await cloudMap.send(
            new CreateServiceCommand({ Name: 'worker', NamespaceId: namespaceId, CreatorRequestId: request }),
          );
          expect(again.Service?.Id).toBe(service?.Id);
        }
        if (differs(spec, 'create-service-checks')) return;
        await expect(
          cloudMap.send(new CreateServiceCommand({ Name: 'x', NamespaceId: 'ns-abcdefghijklmnop' })),
        ).rejects.toMatchObject({ name: 'NamespaceNotFound' });
        await expect(
          cloudMap.send(new CreateServiceCommand({ Name: 'worker', NamespaceId: namespaceId })),
        ).rejects.toMatchObject({ name: 'ServiceAlreadyExists', ServiceId: service?.Id });
      },
    );

    it.skipIf(!can(spec, 'UpdateService', 'GetService', 'DeleteService'))(
      'updates a service through an operation, deletes it, then reports it missing',
      async () => {
        const namespaceId = await dnsNamespace();
        const { Service: service } = await cloudMap.send(
          new CreateServiceCommand({
            Name: 'db',
            NamespaceId: namespaceId,
            DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 10 }] },
          }),
        );
        const updated = await cloudMap.send(
          new UpdateServiceCommand({
            Id: service?.Id,
            Service: { Description: 'primary', DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 30 }] } },
          }),
        );
        expect(updated.OperationId).toBeDefined();
        await letTimePass(spec, target(), 10_000);
        const operation = await cloudMap.send(new GetOperationCommand({ OperationId: updated.OperationId }));
        expect(operation.Operation).toMatchObject({ Type: 'UPDATE_SERVICE', Status: 'SUCCESS' });
        const got = await cloudMap.send(new GetServiceCommand({ Id: service?.Id }));
        expect(got.Service).toMatchObject({
          Description: 'primary',
          DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 30 }] },
        });

        await cloudMap.send(new DeleteServiceCommand({ Id: service?.Id }));
        await expect(cloudMap.send(new GetServiceCommand({ Id: service?.Id }))).rejects.toMatchObject({
          name: 'ServiceNotFound',
        });
      },
    );

    it.skipIf(!can(spec, 'ListServices', 'CreateService') || differs(spec, 'service-filters'))(
      'lists the services of a namespace',
      async () => {
        const namespaceId = await httpNamespace();
        await cloudMap.send(new CreateServiceCommand({ Name: 'one', NamespaceId: namespaceId }));
        await cloudMap.send(new CreateServiceCommand({ Name: 'two', NamespaceId: namespaceId }));
        const listed = await cloudMap.send(
          new ListServicesCommand({
            Filters: [{ Name: 'NAMESPACE_ID', Values: [namespaceId], Condition: 'EQ' }],
          }),
        );
        expect(listed.Services?.map((service) => service.Name).sort()).toEqual(['one', 'two']);
        const page = await cloudMap.send(
          new ListServicesCommand({
            MaxResults: 1,
            Filters: [{ Name: 'NAMESPACE_ID', Values: [namespaceId], Condition: 'EQ' }],
          }),
        );
        expect(page.Services).toHaveLength(1);
        expect(page.NextToken).toBeDefined();
      },
    );

    it.skipIf(
      !can(spec, 'RegisterInstance', 'ListInstances', 'GetInstance', 'DeregisterInstance', 'DeleteService'),
    )('registers and deregisters instances, and keeps a service with instances', async () => {
      const namespaceId = await dnsNamespace();
      const { Service: service } = await cloudMap.send(
        new CreateServiceCommand({
          Name: 'tasks',
          NamespaceId: namespaceId,
          DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 10 }] },
        }),
      );
      const registered = await cloudMap.send(
        new RegisterInstanceCommand({
          ServiceId: service?.Id,
          InstanceId: 'task-1',
          Attributes: { AWS_INSTANCE_IPV4: '10.0.0.7', team: 'a' },
        }),
      );
      expect(registered.OperationId).toBeDefined();
      await letTimePass(spec, target(), 10_000);
      const listed = await cloudMap.send(new ListInstancesCommand({ ServiceId: service?.Id }));
      expect(listed.Instances).toEqual([
        expect.objectContaining({ Id: 'task-1', Attributes: { AWS_INSTANCE_IPV4: '10.0.0.7', team: 'a' } }),
      ]);
      const got = await cloudMap.send(
        new GetInstanceCommand({ ServiceId: service?.Id, InstanceId: 'task-1' }),
      );
      expect(got.Instance?.Attributes?.AWS_INSTANCE_IPV4).toBe('10.0.0.7');

      if (!differs(spec, 'service-in-use')) {
        await expect(cloudMap.send(new DeleteServiceCommand({ Id: service?.Id }))).rejects.toMatchObject({
          name: 'ResourceInUse',
        });
      }
      const deregistered = await cloudMap.send(
        new DeregisterInstanceCommand({ ServiceId: service?.Id, InstanceId: 'task-1' }),
      );
      expect(deregistered.OperationId).toBeDefined();
      await letTimePass(spec, target(), 10_000);
      expect((await cloudMap.send(new ListInstancesCommand({ ServiceId: service?.Id }))).Instances).toEqual(
        [],
      );
      await expect(
        cloudMap.send(new GetInstanceCommand({ ServiceId: service?.Id, InstanceId: 'task-1' })),
      ).rejects.toMatchObject({ name: 'InstanceNotFound' });
      await cloudMap.send(new DeleteServiceCommand({ Id: service?.Id }));
    });

    it.skipIf(
      !can(spec, 'DeleteNamespace', 'CreateService', 'DeleteService', 'GetNamespace') ||
        differs(spec, 'namespace-in-use'),
    )('refuses to delete a namespace that has services, then deletes it through an operation', async () => {
      const namespaceId = await httpNamespace();
      const { Service: service } = await cloudMap.send(
        new CreateServiceCommand({ Name: 'only', NamespaceId: namespaceId }),
      );
      await expect(cloudMap.send(new DeleteNamespaceCommand({ Id: namespaceId }))).rejects.toMatchObject({
        name: 'ResourceInUse',
      });
      await cloudMap.send(new DeleteServiceCommand({ Id: service?.Id }));
      const deleted = await cloudMap.send(new DeleteNamespaceCommand({ Id: namespaceId }));
      expect(deleted.OperationId).toBeDefined();
      await letTimePass(spec, target(), 10_000);
      const operation = await cloudMap.send(new GetOperationCommand({ OperationId: deleted.OperationId }));
      expect(operation.Operation).toMatchObject({ Type: 'DELETE_NAMESPACE', Status: 'SUCCESS' });
      await expect(cloudMap.send(new GetNamespaceCommand({ Id: namespaceId }))).rejects.toMatchObject({
        name: 'NamespaceNotFound',
      });
    });

    it.skipIf(!can(spec, 'ListOperations', 'CreateHttpNamespace'))('lists operations by status', async () => {
      const created = await cloudMap.send(new CreateHttpNamespaceCommand({ Name: unique('ops') }));
      await letTimePass(spec, target(), 10_000);
      const listed = await cloudMap.send(
        new ListOperationsCommand({ Filters: [{ Name: 'STATUS', Values: ['SUCCESS'], Condition: 'EQ' }] }),
      );
      expect(listed.Operations).toContainEqual({ Id: created.OperationId, Status: 'SUCCESS' });
    });

    it.skipIf(!can(spec, 'TagResource', 'UntagResource', 'ListTagsForResource', 'CreateHttpNamespace'))(
      'tags namespaces by ARN and reports an unknown ARN',
      async () => {
        const name = unique('tagged');
        const created = await cloudMap.send(
          new CreateHttpNamespaceCommand({ Name: name, Tags: [{ Key: 'team', Value: 'a' }] }),
        );
        const id = await namespaceOf(created.OperationId);
        const arn = (await cloudMap.send(new GetNamespaceCommand({ Id: id }))).Namespace?.Arn;
        await cloudMap.send(
          new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'env', Value: 'dev' }] }),
        );
        const listed = await cloudMap.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
        expect(listed.Tags).toEqual(
          expect.arrayContaining([
            { Key: 'team', Value: 'a' },
            { Key: 'env', Value: 'dev' },
          ]),
        );
        await cloudMap.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: ['team'] }));
        const after = await cloudMap.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
        expect(after.Tags).toEqual([{ Key: 'env', Value: 'dev' }]);
        if (differs(spec, 'missing-tag-resource')) return;
        await expect(
          cloudMap.send(
            new ListTagsForResourceCommand({
              ResourceARN: `arn:aws:servicediscovery:${target().region}:123456789012:namespace/ns-abcdefghijklmnop`,
            }),
          ),
        ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      },
    );
  });
}
