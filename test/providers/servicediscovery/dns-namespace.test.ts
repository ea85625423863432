import {
  CreatePrivateDnsNamespaceCommand,
  GetNamespaceCommand,
  GetOperationCommand,
  ListNamespacesCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UpdatePrivateDnsNamespaceCommand,
} from '@aws-sdk/client-servicediscovery';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countByAction } from '../../../src/converge/plan-types.ts';
import { NotReadyError } from '../../../src/providers/types.ts';
import { type ProviderHarness, startProviderHarness } from '../../support/provider-harness.ts';

const namespace = (
  options: { name?: string; description?: string; ttl?: number; annotations?: string } = {},
) => `
apiVersion: shipshape.dev/v1
kind: DnsNamespace
metadata:
  name: internal
  namespace: mesh
${options.annotations ?? ''}
spec:
  type: DNS_PRIVATE
  name: ${options.name ?? 'internal.local'}
  vpc: vpc-0d1e2f3a4b5c60002
  description: ${options.description ?? 'Internal service discovery'}
  ${options.ttl === undefined ? '' : `properties: {dnsProperties: {sOA: {tTL: ${options.ttl}}}}`}
  tags: {team: platform}
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

async function namespaces() {
  return (await h.aws.servicediscovery.send(new ListNamespacesCommand({}))).Namespaces ?? [];
}

describe('DnsNamespace provider', () => {
  it('creates the namespace (waiting for its operation), then plans no change', async () => {
    const manifests = h.load({ 'ns.yaml': namespace() });
    expect(countByAction(await h.plan(manifests))).toMatchObject({ create: 1 });
    expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
    const all = await namespaces();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      Name: 'internal.local',
      Type: 'DNS_PRIVATE',
      Description: 'Internal service discovery',
    });
    const tags = await h.aws.servicediscovery.send(
      new ListTagsForResourceCommand({ ResourceARN: all[0]?.Arn }),
    );
    expect(tags.Tags).toEqual(
      expect.arrayContaining([{ Key: 'shipshape.dev/resource', Value: 'DnsNamespace/mesh/internal' }]),
    );
    // The default SOA TTL and the VPC (which Cloud Map does not return) are no drift.
    expect(countByAction(await h.plan(manifests))).toMatchObject({
      create: 0,
      update: 0,
      replace: 0,
      noop: 1,
    });
  });

  it('reports a tag added by hand and puts it back', async () => {
    const manifests = h.load({ 'ns.yaml': namespace() });
    await h.apply(manifests);
    const arn = (await namespaces())[0]?.Arn;
    await h.aws.servicediscovery.send(
      new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'owner', Value: 'me' }] }),
    );
    expect((await h.plan(manifests)).changes[0]).toMatchObject({
      action: 'update',
      drift: [{ path: 'tags.owner', desired: undefined, actual: 'me' }],
    });
    expect((await h.apply(manifests)).converged).toBe(true);
    expect(countByAction(await h.plan(manifests))).toMatchObject({ noop: 1 });
  });

  it('updates the description and SOA TTL in place', async () => {
    await h.apply(h.load({ 'ns.yaml': namespace() }));
    const id = (await namespaces())[0]?.Id;
    const changed = h.load({ 'ns.yaml': namespace({ description: 'Renamed', ttl: 60 }) });
    expect((await h.plan(changed)).changes[0]).toMatchObject({
      action: 'update',
      drift: [
        { path: 'description', desired: 'Renamed', actual: 'Internal service discovery' },
        { path: 'properties.dnsProperties.sOA.tTL', desired: 60, actual: 15 },
      ],
    });
    expect(await h.apply(changed)).toMatchObject({ converged: true, failures: [] });
    const after = (await h.aws.servicediscovery.send(new GetNamespaceCommand({ Id: id }))).Namespace;
    expect(after).toMatchObject({
      Id: id,
      Description: 'Renamed',
      Properties: { DnsProperties: { SOA: { TTL: 60 } } },
    });
    expect(countByAction(await h.plan(changed))).toMatchObject({ update: 0, noop: 1 });
  });

  it('reads the SOA TTL with GetNamespace (ListNamespaces leaves it out): a TTL set by hand is drift', async () => {
    const manifests = h.load({ 'ns.yaml': namespace({ ttl: 300 }) });
    expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
    const [listed] = await namespaces();
    expect(listed?.Properties?.DnsProperties?.SOA).toEqual({});
    expect(countByAction(await h.plan(manifests))).toMatchObject({ update: 0, noop: 1 });
    const operation = await h.aws.servicediscovery.send(
      new UpdatePrivateDnsNamespaceCommand({
        Id: listed?.Id,
        Namespace: { Properties: { DnsProperties: { SOA: { TTL: 30 } } } },
      }),
    );
    await h.control.advance(10_000);
    const done = await h.aws.servicediscovery.send(
      new GetOperationCommand({ OperationId: operation.OperationId }),
    );
    expect(done.Operation?.Status).toBe('SUCCESS');
    expect((await h.plan(manifests)).changes[0]).toMatchObject({
      action: 'update',
      drift: [{ path: 'properties.dnsProperties.sOA.tTL', desired: 300, actual: 30 }],
    });
  });

  it('replaces the namespace when its name changes', async () => {
    await h.apply(h.load({ 'ns.yaml': namespace() }));
    const changed = h.load({ 'ns.yaml': namespace({ name: 'other.local' }) });
    expect((await h.plan(changed)).changes[0]).toMatchObject({
      action: 'replace',
      drift: [{ path: 'name', desired: 'other.local', actual: 'internal.local' }],
    });
    expect(await h.apply(changed)).toMatchObject({ converged: true, failures: [] });
    expect((await namespaces()).map((ns) => ns.Name)).toEqual(['other.local']);
  });

  it('makes no duplicate when a create is retried (same CreatorRequestId, same operation)', async () => {
    const [ns] = h.load({ 'ns.yaml': namespace() });
    if (ns === undefined) throw new Error('no manifest');
    const provider = h.providers.get('DnsNamespace');
    const context = h.context();
    const desired = provider.desired(ns, context);
    if (!desired.ok) throw new Error('not ready');
    await expect(provider.create(ns, desired.state, context)).rejects.toBeInstanceOf(NotReadyError);
    await expect(provider.create(ns, desired.state, context)).rejects.toBeInstanceOf(NotReadyError);
    await h.control.advance(10_000);
    const ids = await provider.create(ns, desired.state, context);
    expect(await namespaces()).toEqual([expect.objectContaining({ Id: ids.id, Name: 'internal.local' })]);
  });

  it('never touches a same-named namespace it does not own, unless asked to adopt it', async () => {
    const { OperationId } = await h.aws.servicediscovery.send(
      new CreatePrivateDnsNamespaceCommand({
        Name: 'internal.local',
        Vpc: 'vpc-0d1e2f3a4b5c60002',
        Description: 'Internal service discovery',
      }),
    );
    await h.control.advance(10_000);
    const operation = await h.aws.servicediscovery.send(new GetOperationCommand({ OperationId }));
    expect(operation.Operation?.Status).toBe('SUCCESS');
    const plain = h.load({ 'ns.yaml': namespace() });
    expect((await h.plan(plain)).changes[0]).toMatchObject({
      action: 'conflict',
      identity: 'DnsNamespace/mesh/internal',
    });
    expect((await h.apply(plain)).converged).toBe(false);

    const adopting = h.load({
      'ns.yaml': namespace({ annotations: '  annotations: {shipshape.dev/adopt: "true"}' }),
    });
    expect((await h.apply(adopting)).converged).toBe(true);
    expect(await namespaces()).toHaveLength(1);
    expect(countByAction(await h.plan(adopting))).toMatchObject({ noop: 1 });
  });

  it('prunes the namespace', async () => {
    await h.apply(h.load({ 'ns.yaml': namespace() }));
    expect((await h.plan([], true)).changes).toEqual([
      expect.objectContaining({ action: 'delete', identity: 'DnsNamespace/mesh/internal' }),
    ]);
    expect(await h.apply([], true)).toMatchObject({ converged: true, failures: [] });
    expect(await namespaces()).toEqual([]);
  });
});
