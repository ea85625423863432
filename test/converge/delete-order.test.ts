import { describe, expect, it } from 'vitest';
import type { CachedResource } from '../../src/cache/live-cache.ts';
import { DeleteOrder } from '../../src/converge/delete-order.ts';
import type { JsonObject } from '../../src/diff/index.ts';
import { loadRevision } from '../../src/manifest/index.ts';

function cached(identity: string, ids: Record<string, string>, state: JsonObject = {}): CachedResource {
  return {
    resource: { identity, ids, owned: true, state, health: { health: 'Healthy' } },
    observedAt: 0,
    stale: false,
    fingerprint: JSON.stringify({ identity, ids, state }),
  };
}

const CLUSTER = cached('Cluster/a/shop', { arn: 'arn:aws:ecs:us-east-1:1:cluster/shop', name: 'shop' });
const TG = cached('TargetGroup/a/web', { arn: 'arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/web/1' });
const FS = cached('FileSystem/a/data', {
  id: 'fs-0123',
  arn: 'arn:aws:elasticfilesystem:us-east-1:1:file-system/fs-0123',
});
const SERVICE = cached(
  'Service/a/web',
  {
    arn: 'arn:aws:ecs:us-east-1:1:service/shop/web',
    clusterArn: CLUSTER.resource.ids.arn ?? '',
    name: 'web',
  },
  { loadBalancers: [{ targetGroupArn: TG.resource.ids.arn ?? '', containerName: 'web', containerPort: 80 }] },
);
const ALL = [CLUSTER, TG, FS, SERVICE];

describe('DeleteOrder', () => {
  it('makes a delete wait only for pending deletes whose live state names it', () => {
    const order = new DeleteOrder();
    expect(order.blockers('Cluster/a/shop', ALL, ALL)).toEqual(['Service/a/web']);
    expect(order.blockers('TargetGroup/a/web', ALL, ALL)).toEqual(['Service/a/web']);
    // Nothing names the file system, and the service waits for nothing.
    expect(order.blockers('FileSystem/a/data', ALL, ALL)).toEqual([]);
    expect(order.blockers('Service/a/web', ALL, ALL)).toEqual([]);
  });

  it('lets a delete go once what depended on it is no longer pending', () => {
    const order = new DeleteOrder();
    const pending = [CLUSTER, TG, FS];
    expect(order.blockers('Cluster/a/shop', pending, ALL)).toEqual([]);
    expect(order.blockers('TargetGroup/a/web', pending, ALL)).toEqual([]);
  });

  it('keeps the edges of a revision after its manifests go (depends-on annotations too)', () => {
    const loaded = loadRevision([
      {
        file: 'a.yaml',
        content: [
          'apiVersion: shipshape.dev/v1\nkind: FileSystem\nmetadata: {name: data, namespace: a}\nspec: {}',
          'apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: shop, namespace: a, annotations: {shipshape.dev/depends-on: FileSystem/a/data}}\nspec: {}',
        ].join('\n---\n'),
      },
    ]);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const order = new DeleteOrder();
    order.remember(loaded.revision);
    // The cluster's live state says nothing of the file system; the revision did.
    expect(order.blockers('FileSystem/a/data', [CLUSTER, FS], ALL)).toEqual(['Cluster/a/shop']);
    expect(order.dependenciesOf(CLUSTER, ALL)).toEqual(['FileSystem/a/data']);
    order.forget('Cluster/a/shop');
    expect(order.blockers('FileSystem/a/data', [CLUSTER, FS], ALL)).toEqual([]);
  });

  it('names what a resource depends on, from its live state', () => {
    const order = new DeleteOrder();
    expect(order.dependenciesOf(SERVICE, ALL)).toEqual(['Cluster/a/shop', 'TargetGroup/a/web']);
  });
});
