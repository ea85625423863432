import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countByAction } from '../../src/converge/plan-types.ts';
import { type ProviderHarness, startProviderHarness } from '../support/provider-harness.ts';

// Tag keys that are also names of Object.prototype members: plain data, never references or methods.
const TAGS = 'tags: {constructor: x, toString: y, __proto__: z, hasOwnProperty: w}';
// From JSON: in an object literal `__proto__: 'z'` would set the prototype, not add a key.
const WANTED: Record<string, string> = JSON.parse(
  '{"constructor": "x", "toString": "y", "__proto__": "z", "hasOwnProperty": "w"}',
);

const MANIFESTS = {
  'cluster.yaml': `
apiVersion: shipshape.dev/v1
kind: Cluster
metadata: {name: main}
spec:
  ${TAGS}
`,
  'target-group.yaml': `
apiVersion: shipshape.dev/v1
kind: TargetGroup
metadata: {name: web}
spec:
  protocol: HTTP
  port: 8080
  targetType: ip
  vpcId: vpc-0a2b3c4d5e6f70021
  ${TAGS}
`,
  'file-system.yaml': `
apiVersion: shipshape.dev/v1
kind: FileSystem
metadata: {name: data}
spec:
  ${TAGS}
`,
  'load-balancer.yaml': `
apiVersion: shipshape.dev/v1
kind: LoadBalancer
metadata: {name: web}
spec:
  subnets: [subnet-0a2b3c4d5e6f70002, subnet-0a2b3c4d5e6f70001]
  securityGroups: [sg-0a2b3c4d5e6f70011]
  ${TAGS}
`,
  'task-definition.yaml': `
apiVersion: shipshape.dev/v1
kind: TaskDefinition
metadata: {name: app}
spec:
  containerDefinitions:
    - name: app
      image: nginx:1.27
      memory: 128
      dockerLabels: {constructor: x, toString: y, __proto__: z, hasOwnProperty: w}
  ${TAGS}
`,
  'dns-namespace.yaml': `
apiVersion: shipshape.dev/v1
kind: DnsNamespace
metadata: {name: internal}
spec:
  type: HTTP
  ${TAGS}
`,
};

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

/** The desired tags of each planned change, by identity. */
function desiredTags(plan: Awaited<ReturnType<ProviderHarness['plan']>>): Record<string, unknown> {
  return Object.fromEntries(
    plan.changes.map((change) => [change.identity, 'desired' in change ? change.desired.tags : undefined]),
  );
}

describe('tag keys named like Object.prototype members', () => {
  it('plans them as desired tags of every service, applies them and then plans no change', async () => {
    const manifests = h.load(MANIFESTS);
    const first = await h.plan(manifests);
    expect(countByAction(first)).toMatchObject({ create: 6 });
    const tags = desiredTags(first);
    expect(Object.keys(tags).sort()).toEqual([
      'Cluster/default/main',
      'DnsNamespace/default/internal',
      'FileSystem/default/data',
      'LoadBalancer/default/web',
      'TargetGroup/default/web',
      'TaskDefinition/default/app',
    ]);
    for (const identity of Object.keys(tags)) {
      const own = tags[identity];
      expect(own, identity).toBeTypeOf('object');
      for (const [key, value] of Object.entries(WANTED)) {
        expect(Object.hasOwn(own as object, key), `${identity} ${key}`).toBe(true);
        expect((own as Record<string, unknown>)[key], `${identity} ${key}`).toBe(value);
      }
    }
    const taskDefinition = first.changes.find((change) => change.kind === 'TaskDefinition');
    const [container] = (
      taskDefinition !== undefined && 'desired' in taskDefinition
        ? taskDefinition.desired.containerDefinitions
        : []
    ) as Array<{ dockerLabels?: object }>;
    expect(Object.entries(container?.dockerLabels ?? {}).sort()).toEqual(Object.entries(WANTED).sort());
    expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
    const second = await h.plan(manifests);
    expect(second.changes.filter((change) => change.action !== 'noop')).toEqual([]);
  });
});
