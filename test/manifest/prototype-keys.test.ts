import { describe, expect, it } from 'vitest';
import { literalOfReference, referenceKindOf } from '../../src/manifest/kinds.ts';
import { referencesOf } from '../../src/manifest/references.ts';
import { loadRevision } from '../../src/manifest/revision.ts';

// Map keys that are also Object.prototype's member names: `{a: 1}.constructor` is Object itself.
const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

const CLUSTER = `apiVersion: shipshape.dev/v1
kind: Cluster
metadata:
  name: main
  labels: {constructor: a, __proto__: b}
  annotations: {toString: c}
spec:
  tags: {constructor: x, toString: y, __proto__: z, hasOwnProperty: w}
`;

describe('keys named like Object.prototype members', () => {
  it('are plain tag keys: the manifest validates and keeps all four as own tags', () => {
    const result = loadRevision([{ file: 'cluster.yaml', content: CLUSTER }]);
    expect(result.ok ? [] : result.errors.map((e) => e.message)).toEqual([]);
    if (!result.ok) return;
    const [manifest] = result.revision.documents;
    const tags = manifest?.spec.tags as Record<string, unknown>;
    expect(Object.entries(tags).sort()).toEqual([
      ['__proto__', 'z'],
      ['constructor', 'x'],
      ['hasOwnProperty', 'w'],
      ['toString', 'y'],
    ]);
    expect(manifest === undefined ? [] : referencesOf(manifest)).toEqual([]);
  });

  it('are neither reference keys nor literals that a reference replaces', () => {
    for (const name of NAMES) {
      expect(referenceKindOf(name), name).toBeUndefined();
      expect(literalOfReference(name), name).toBeUndefined();
    }
    expect(referenceKindOf('clusterRef')).toBe('Cluster');
    expect(literalOfReference('clusterRef')).toBe('cluster');
  });

  it('as a listener protocol fail the enum only, not the protocol check against a target group', () => {
    const content = `apiVersion: shipshape.dev/v1
kind: TargetGroup
metadata: {name: web}
spec: {protocol: HTTP, port: 80, targetType: ip, vpcId: vpc-0a1b2c3d}
---
apiVersion: shipshape.dev/v1
kind: LoadBalancer
metadata: {name: web}
spec: {subnets: [subnet-0a1b2c3d, subnet-1a2b3c4d]}
---
apiVersion: shipshape.dev/v1
kind: Listener
metadata: {name: web}
spec:
  loadBalancerRef: web
  protocol: toString
  port: 80
  defaultActions: [{type: forward, targetGroupRef: web}]
`;
    const result = loadRevision([{ file: 'web.yaml', content }]);
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.path])).toEqual([['SS115', 'spec.protocol']]);
  });
});
