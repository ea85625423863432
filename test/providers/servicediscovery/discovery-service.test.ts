import {
  CreateServiceCommand,
  DeregisterInstanceCommand,
  ListServicesCommand,
  RegisterInstanceCommand,
  TagResourceCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-servicediscovery';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countByAction } from '../../../src/converge/plan-types.ts';
import type { LoadedManifest } from '../../../src/manifest/index.ts';
import { type ProviderHarness, startProviderHarness } from '../../support/provider-harness.ts';

const namespace = `
apiVersion: shipshape.dev/v1
kind: DnsNamespace
metadata: {name: internal, namespace: mesh}
spec: {type: DNS_PRIVATE, name: internal.local, vpc: vpc-0d1e2f3a4b5c60002}
`;

const publicNamespace = `
apiVersion: shipshape.dev/v1
kind: DnsNamespace
metadata: {name: public, namespace: mesh}
spec: {type: DNS_PUBLIC, name: example.com}
`;

const service = (options: { routing?: string; threshold?: number; annotations?: string } = {}) => `
apiVersion: shipshape.dev/v1
kind: DiscoveryService
metadata:
  name: api
  namespace: mesh
${options.annotations ?? ''}
spec:
  namespaceRef: internal
  description: the api
  dnsConfig:
    routingPolicy: ${options.routing ?? 'MULTIVALUE'}
    dnsRecords: [{type: A, tTL: 60}, {type: SRV, tTL: 60}]
  healthCheckCustomConfig: {failureThreshold: ${options.threshold ?? 1}}
`;

const checked = `
apiVersion: shipshape.dev/v1
kind: DiscoveryService
metadata: {name: www, namespace: mesh}
spec:
  namespaceRef: public
  dnsConfig: {dnsRecords: [{type: A, tTL: 300}]}
  healthCheckConfig: {type: HTTP}
`;

let h: ProviderHarness;
beforeAll(async () => {
  h = await startProviderHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await h.control.reset();
});

async function services() {
  return (await h.aws.servicediscovery.send(new ListServicesCommand({}))).Services ?? [];
}

function changeOf(plan: Awaited<ReturnType<ProviderHarness['plan']>>, identity: string) {
  return plan.changes.find((change) => change.identity === identity);
}

async function applied(files: Record<string, string>): Promise<LoadedManifest[]> {
  const manifests = h.load(files);
  expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
  return manifests;
}

describe('DiscoveryService provider', () => {
  it('creates the service in its namespace, then plans no change', async () => {
    const manifests = await applied({ 'ns.yaml': namespace, 'svc.yaml': service({ threshold: 3 }) });
    const [created] = await services();
    expect(created).toMatchObject({
      Name: 'api',
      DnsConfig: { RoutingPolicy: 'MULTIVALUE' },
      HealthCheckCustomConfig: { FailureThreshold: 1 },
    });
    // The failure threshold Cloud Map always stores as 1, DnsConfig.NamespaceId and Type are no drift.
    expect(countByAction(await h.plan(manifests))).toMatchObject({
      create: 0,
      update: 0,
      replace: 0,
      noop: 2,
    });
  });

  it('fills the health check path and threshold defaults (public namespace)', async () => {
    const manifests = await applied({ 'ns.yaml': publicNamespace, 'svc.yaml': checked });
    expect((await services())[0]?.HealthCheckConfig).toEqual({
      Type: 'HTTP',
      ResourcePath: '/',
      FailureThreshold: 1,
    });
    expect(countByAction(await h.plan(manifests))).toMatchObject({ noop: 2 });
  });

  it('reports a record TTL, the description and a tag changed by hand, and puts them back', async () => {
    const manifests = await applied({ 'ns.yaml': namespace, 'svc.yaml': service() });
    const [live] = await services();
    await h.aws.servicediscovery.send(
      new UpdateServiceCommand({
        Id: live?.Id,
        Service: {
          Description: 'edited',
          DnsConfig: {
            DnsRecords: [
              { Type: 'A', TTL: 10 },
              { Type: 'SRV', TTL: 60 },
            ],
          },
        },
      }),
    );
    await h.aws.servicediscovery.send(
      new TagResourceCommand({ ResourceARN: live?.Arn, Tags: [{ Key: 'owner', Value: 'me' }] }),
    );
    expect(changeOf(await h.plan(manifests), 'DiscoveryService/mesh/api')).toMatchObject({
      action: 'update',
      drift: [
        { path: 'description', desired: 'the api', actual: 'edited' },
        { path: 'dnsConfig.dnsRecords[type=A].tTL', desired: 60, actual: 10 },
        { path: 'tags.owner', desired: undefined, actual: 'me' },
      ],
    });
    expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
    expect(countByAction(await h.plan(manifests))).toMatchObject({ update: 0, noop: 2 });
    expect((await services())[0]?.Id).toBe(live?.Id);
  });

  it('reports a Route 53 health check setting changed by hand and puts it back', async () => {
    const manifests = await applied({ 'ns.yaml': publicNamespace, 'svc.yaml': checked });
    const [live] = await services();
    await h.aws.servicediscovery.send(
      new UpdateServiceCommand({
        Id: live?.Id,
        Service: {
          DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 300 }] },
          HealthCheckConfig: { Type: 'HTTP', ResourcePath: '/health', FailureThreshold: 3 },
        },
      }),
    );
    expect(changeOf(await h.plan(manifests), 'DiscoveryService/mesh/www')).toMatchObject({
      action: 'update',
      drift: [
        { path: 'healthCheckConfig.failureThreshold', desired: 1, actual: 3 },
        { path: 'healthCheckConfig.resourcePath', desired: '/', actual: '/health' },
      ],
    });
    expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
    expect((await services())[0]?.HealthCheckConfig).toEqual({
      Type: 'HTTP',
      ResourcePath: '/',
      FailureThreshold: 1,
    });
  });

  it('replaces the service when its routing policy changes', async () => {
    await applied({ 'ns.yaml': namespace, 'svc.yaml': service() });
    const [before] = await services();
    const changed = h.load({ 'ns.yaml': namespace, 'svc.yaml': service({ routing: 'WEIGHTED' }) });
    expect(changeOf(await h.plan(changed), 'DiscoveryService/mesh/api')).toMatchObject({
      action: 'replace',
      drift: [{ path: 'dnsConfig.routingPolicy', desired: 'WEIGHTED', actual: 'MULTIVALUE' }],
    });
    expect(await h.apply(changed)).toMatchObject({ converged: true, failures: [] });
    const after = await services();
    expect(after).toHaveLength(1);
    expect(after[0]?.Id).not.toBe(before?.Id);
  });

  it('replaces the service when it is renamed, leaving no service behind', async () => {
    await applied({ 'ns.yaml': namespace, 'svc.yaml': service() });
    const renamed = h.load({
      'ns.yaml': namespace,
      'svc.yaml': service().replace('  description: the api', '  name: api-v2\n  description: the api'),
    });
    expect(changeOf(await h.plan(renamed), 'DiscoveryService/mesh/api')).toMatchObject({
      action: 'replace',
      drift: [{ path: 'name', desired: 'api-v2', actual: 'api' }],
    });
    expect(await h.apply(renamed)).toMatchObject({ converged: true, failures: [] });
    expect((await services()).map((live) => live.Name)).toEqual(['api-v2']);
  });

  it('never touches a same-named service it does not own, unless asked to adopt it', async () => {
    await applied({ 'ns.yaml': namespace });
    const namespaceId = (await h.plan(h.load({ 'ns.yaml': namespace }))).changes[0];
    const id =
      namespaceId !== undefined && 'observed' in namespaceId ? namespaceId.observed.ids.id : undefined;
    await h.aws.servicediscovery.send(
      new CreateServiceCommand({
        Name: 'api',
        NamespaceId: id,
        Description: 'the api',
        DnsConfig: {
          DnsRecords: [
            { Type: 'A', TTL: 60 },
            { Type: 'SRV', TTL: 60 },
          ],
        },
        HealthCheckCustomConfig: {},
      }),
    );
    const plain = h.load({ 'ns.yaml': namespace, 'svc.yaml': service() });
    expect(changeOf(await h.plan(plain), 'DiscoveryService/mesh/api')).toMatchObject({ action: 'conflict' });
    expect((await h.apply(plain)).converged).toBe(false);
    const adopting = h.load({
      'ns.yaml': namespace,
      'svc.yaml': service({ annotations: '  annotations: {shipshape.dev/adopt: "true"}' }),
    });
    expect((await h.apply(adopting)).converged).toBe(true);
    expect(await services()).toHaveLength(1);
    expect(countByAction(await h.plan(adopting))).toMatchObject({ noop: 2 });
  });

  it('prunes the service, waiting while instances are registered, then its namespace', async () => {
    await applied({ 'ns.yaml': namespace, 'svc.yaml': service() });
    const [live] = await services();
    await h.aws.servicediscovery.send(
      new RegisterInstanceCommand({
        ServiceId: live?.Id,
        InstanceId: 'task-1',
        Attributes: { AWS_INSTANCE_IPV4: '10.0.0.9', AWS_INSTANCE_PORT: '8080' },
      }),
    );
    await h.control.advance(5_000);
    expect((await h.plan([], true)).changes.map((change) => `${change.action} ${change.identity}`)).toEqual([
      'delete DiscoveryService/mesh/api',
      'delete DnsNamespace/mesh/internal',
    ]);
    const blocked = await h.apply([], true);
    expect(blocked.converged).toBe(false);
    expect(await services()).toHaveLength(1);

    await h.aws.servicediscovery.send(
      new DeregisterInstanceCommand({ ServiceId: live?.Id, InstanceId: 'task-1' }),
    );
    await h.control.advance(5_000);
    expect(await h.apply([], true)).toMatchObject({ converged: true, failures: [] });
    expect(await services()).toEqual([]);
  });
});
