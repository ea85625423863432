import { describe, expect, it } from 'vitest';
import { DependencyGraph } from '../../src/manifest/graph.ts';
import { KINDS } from '../../src/manifest/kinds.ts';
import { readManifestFolder } from '../../src/manifest/read-folder.ts';
import { loadRevision } from '../../src/manifest/revision.ts';

const WEB_APP = new URL('../fixtures/valid/web-app/', import.meta.url).pathname;

describe('dependency graph', () => {
  it('orders a whole revision by kind, each resource after what it references', async () => {
    const result = loadRevision(await readManifestFolder(WEB_APP));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { graph } = result.revision;
    expect(graph.createOrder()).toEqual([
      'FileSystem/shop/uploads',
      'AccessPoint/shop/uploads',
      'TargetGroup/shop/web',
      'LoadBalancer/shop/public',
      'Listener/shop/http',
      'DnsNamespace/shop/internal',
      'DiscoveryService/shop/web',
      'Cluster/shop/main',
      'TaskDefinition/shop/web',
      'Service/shop/web',
      'ScalableTarget/shop/web',
      'ScalingPolicy/shop/web-cpu',
    ]);
    expect(graph.deleteOrder()).toEqual([...graph.createOrder()].reverse());
    expect(graph.dependenciesOf('Service/shop/web')).toEqual([
      'Cluster/shop/main',
      'DiscoveryService/shop/web',
      'TargetGroup/shop/web',
      'TaskDefinition/shop/web',
    ]);
    expect(graph.dependentsOf('FileSystem/shop/uploads')).toEqual([
      'AccessPoint/shop/uploads',
      'TaskDefinition/shop/web',
    ]);
    expect(graph.findCycles()).toEqual([]);
  });

  it('breaks ties by kind order, then identity, whatever order the nodes come in', () => {
    const nodes = [
      { identity: 'Service/b/x', kind: 'Service' as const },
      { identity: 'Cluster/z/c', kind: 'Cluster' as const },
      { identity: 'Service/a/y', kind: 'Service' as const },
      { identity: 'FileSystem/m/f', kind: 'FileSystem' as const },
    ];
    const expected = ['FileSystem/m/f', 'Cluster/z/c', 'Service/a/y', 'Service/b/x'];
    expect(new DependencyGraph(nodes, []).createOrder()).toEqual(expected);
    expect(new DependencyGraph([...nodes].reverse(), []).createOrder()).toEqual(expected);
  });

  it('lets an edge move a resource after one of a later kind', () => {
    const graph = new DependencyGraph(
      [
        { identity: 'Cluster/d/c', kind: 'Cluster' },
        { identity: 'Service/d/s', kind: 'Service' },
        { identity: 'TargetGroup/d/t', kind: 'TargetGroup' },
      ],
      [{ from: 'TargetGroup/d/t', to: 'Service/d/s' }],
    );
    expect(graph.createOrder()).toEqual(['Cluster/d/c', 'Service/d/s', 'TargetGroup/d/t']);
  });

  it('finds each cycle with its path and still orders every node', () => {
    const kind = KINDS[0];
    const graph = new DependencyGraph(
      ['a', 'b', 'c', 'd', 'e'].map((id) => ({ identity: id, kind })),
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'c' },
        { from: 'c', to: 'a' },
        { from: 'd', to: 'd' },
        { from: 'e', to: 'a' },
      ],
    );
    expect(graph.findCycles()).toEqual([
      ['a', 'b', 'c', 'a'],
      ['d', 'd'],
    ]);
    expect([...graph.createOrder()].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('handles a long chain without deep recursion', () => {
    const kind = KINDS[0];
    const ids = Array.from({ length: 20_000 }, (_, i) => `n${String(i).padStart(5, '0')}`);
    const edges = ids.slice(1).map((id, i) => ({ from: id, to: ids[i] as string }));
    const graph = new DependencyGraph(
      ids.map((identity) => ({ identity, kind })),
      [...edges, { from: ids[0] as string, to: ids.at(-1) as string }],
    );
    expect(graph.findCycles()[0]?.length).toBe(20_001);
  });
});
