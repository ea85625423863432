import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { plan } from '../../src/converge/plan.ts';
import type { Kind } from '../../src/manifest/kinds.ts';
import { type OperatorHarness, startOperatorHarness } from '../support/operator-harness.ts';
import { workUntil } from '../support/work-until.ts';

vi.setConfig({ testTimeout: 120_000 });

const doc = (kind: Kind, name: string, spec: string) =>
  `apiVersion: shipshape.dev/v1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: keep}\nspec:\n${spec}\n`;

/** Kinds with a deletion policy: a Job owns nothing in AWS that could be retained. */
type RetainableKind = Exclude<Kind, 'Job' | 'Target'>;

/** One manifest of each kind; `policy` lines are appended to its spec. */
const MANIFESTS: Record<RetainableKind, (policy: string) => string> = {
  FileSystem: (p) => doc('FileSystem', 'data', `  encrypted: true\n${p}`),
  AccessPoint: (p) =>
    doc(
      'AccessPoint',
      'app',
      `  fileSystemRef: data\n  posixUser: {uid: 1000, gid: 1000}\n  tags: {Name: app}\n${p}`,
    ),
  TargetGroup: (p) =>
    doc(
      'TargetGroup',
      'web',
      `  protocol: HTTP\n  port: 80\n  vpcId: vpc-0a2b3c4d5e6f70021\n  targetType: ip\n${p}`,
    ),
  LoadBalancer: (p) =>
    doc('LoadBalancer', 'alb', `  subnets: [subnet-0a2b3c4d5e6f70001, subnet-0a2b3c4d5e6f70002]\n${p}`),
  Listener: (p) =>
    doc(
      'Listener',
      'http',
      `  loadBalancerRef: alb\n  protocol: HTTP\n  port: 80\n  defaultActions: [{type: forward, targetGroupRef: web}]\n${p}`,
    ),
  ListenerRule: (p) =>
    doc(
      'ListenerRule',
      'api',
      `  listenerRef: http\n  priority: 10\n  conditions: [{field: path-pattern, values: ["/api/*"]}]\n  actions: [{type: forward, targetGroupRef: web}]\n${p}`,
    ),
  DnsNamespace: (p) =>
    doc(
      'DnsNamespace',
      'internal',
      `  type: DNS_PRIVATE\n  name: internal.local\n  vpc: vpc-0d1e2f3a4b5c60002\n${p}`,
    ),
  DiscoveryService: (p) =>
    doc(
      'DiscoveryService',
      'api',
      `  namespaceRef: internal\n  dnsConfig: {dnsRecords: [{type: A, tTL: 60}]}\n  healthCheckCustomConfig: {failureThreshold: 1}\n${p}`,
    ),
  Cluster: (p) => doc('Cluster', 'shop', `  settings: [{name: containerInsights, value: disabled}]\n${p}`),
  TaskDefinition: (p) =>
    doc(
      'TaskDefinition',
      'api',
      `  networkMode: awsvpc\n  requiresCompatibilities: [FARGATE]\n  cpu: "256"\n  memory: "512"\n  containerDefinitions:\n    - {name: api, image: "api:1"}\n${p}`,
    ),
  Service: (p) =>
    doc(
      'Service',
      'api',
      `  clusterRef: shop\n  taskDefinitionRef: api\n  desiredCount: 1\n  launchType: FARGATE\n  networkConfiguration:\n    awsvpcConfiguration: {subnets: [subnet-aaa], securityGroups: [sg-111]}\n  ignoreDifferences: [desiredCount]\n${p}`,
    ),
  ScalableTarget: (p) =>
    doc('ScalableTarget', 'api', `  serviceRef: api\n  minCapacity: 1\n  maxCapacity: 4\n${p}`),
  ScalingPolicy: (p) =>
    doc(
      'ScalingPolicy',
      'cpu',
      `  scalableTargetRef: api\n  policyType: TargetTrackingScaling\n  targetTrackingScalingPolicyConfiguration:\n    targetValue: 70\n    predefinedMetricSpecification: {predefinedMetricType: ECSServiceAverageCPUUtilization}\n${p}`,
    ),
};

/** What each kind needs in the revision besides itself (none of them depends on the kind under test). */
const NEEDS: Record<RetainableKind, readonly RetainableKind[]> = {
  FileSystem: [],
  AccessPoint: ['FileSystem'],
  TargetGroup: [],
  LoadBalancer: [],
  Listener: ['LoadBalancer', 'TargetGroup'],
  ListenerRule: ['LoadBalancer', 'TargetGroup', 'Listener'],
  DnsNamespace: [],
  DiscoveryService: ['DnsNamespace'],
  Cluster: [],
  TaskDefinition: [],
  Service: ['Cluster', 'TaskDefinition'],
  ScalableTarget: ['Cluster', 'TaskDefinition', 'Service'],
  ScalingPolicy: ['Cluster', 'TaskDefinition', 'Service', 'ScalableTarget'],
};

/** Keeps the source from ever being empty: the prune guard holds an emptied source back. */
const ANCHOR =
  'apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: anchor, namespace: anchor}\nspec: {}\n';

function revision(kind: RetainableKind, policy?: 'Delete' | 'Retain'): Record<string, string> {
  const files: Record<string, string> = { 'anchor.yaml': ANCHOR };
  for (const need of NEEDS[kind]) files[`${need}.yaml`] = MANIFESTS[need]('');
  if (policy !== undefined) files[`${kind}.yaml`] = MANIFESTS[kind](`  deletionPolicy: ${policy}`);
  return files;
}

let h: OperatorHarness;
beforeAll(async () => {
  // Removing one resource of a handful is a large share: the prune guard's share is not what is tested here.
  h = await startOperatorHarness({ pruneShare: 1 });
});
afterAll(async () => {
  await h?.close();
});

/** What a plan of the manifest alone would do now: create (gone), conflict (there, not ours), noop (still ours). */
async function planFor(kind: Kind, files: Record<string, string>): Promise<string> {
  const manifests = h.load(files);
  const { plan: planned } = await plan(manifests, h.providers, h.base, { prune: false });
  return (
    planned.changes.find((change) => change.kind === kind && change.identity.includes('/keep/'))?.action ??
    'absent'
  );
}

const KINDS_UNDER_TEST = Object.keys(MANIFESTS) as RetainableKind[];

/** The identity of the kind's manifest in MANIFESTS. */
function identityOf(kind: RetainableKind): string {
  const name = /metadata: \{name: ([^,]+),/.exec(MANIFESTS[kind](''))?.[1];
  return `${kind}/keep/${name ?? '?'}`;
}

describe.each(KINDS_UNDER_TEST)('%s whose manifest is removed', (kind) => {
  it('with deletionPolicy Delete, is deleted', async () => {
    h.revisions.set(revision(kind, 'Delete'));
    await h.converge();
    const identity = identityOf(kind);
    expect((await h.store.getStatus(identity))?.sync).toBe('Synced');
    const before = await eventCount(identity);
    h.revisions.set(revision(kind));
    await h.converge();
    expect(await h.store.getStatus(identity)).toBeUndefined();
    await settleDeletes();
    expect(await planFor(kind, { ...revision(kind), [`${kind}.yaml`]: MANIFESTS[kind]('') })).toBe('create');
    // The delete may be done in AWS while its worker is still recording the event: wait for it.
    const deleted = async () => (await eventsSince(identity, before)).some((e) => e.reason === 'Deleted');
    await workUntil(h, deleted, { limitMs: 60_000 });
    const reasons = (await eventsSince(identity, before)).map((event) => event.reason);
    expect(reasons).toContain('Deleted');
    expect(reasons).not.toContain('Released');
  });

  it('with deletionPolicy Retain, is released: left in place without the ownership tags', async () => {
    h.revisions.set(revision(kind, 'Retain'));
    await h.converge();
    const identity = identityOf(kind);
    expect((await h.store.getStatus(identity))?.sync).toBe('Synced');
    const before = await eventCount(identity);
    const kept = h.revisions.set(revision(kind));
    await h.converge();
    expect(await h.store.getStatus(identity)).toBeUndefined();
    // Still there, and no longer Shipshape's: the same manifest would need to adopt it.
    expect(await planFor(kind, { ...revision(kind), [`${kind}.yaml`]: MANIFESTS[kind]('') })).toBe(
      'conflict',
    );
    const events = await eventsSince(identity, before);
    expect(events.map((event) => event.reason)).toContain('Released');
    expect(events.map((event) => event.reason)).not.toContain('Deleted');
    const record = (await h.store.listRevisions()).find((entry) => entry.id === kept.id);
    expect(record?.released).toContain(identity);
    // Clean up what was released, so the next kind starts from nothing of this one.
    h.revisions.set({
      ...revision(kind),
      [`${kind}.yaml`]: adopt(MANIFESTS[kind]('  deletionPolicy: Delete')),
    });
    await h.converge();
    h.revisions.set(revision(kind));
    await h.converge();
    await settleDeletes();
    const last = (await h.store.listEvents(identity, 5)).map((e) => `${e.reason}: ${e.message}`);
    expect(
      await planFor(kind, { ...revision(kind), [`${kind}.yaml`]: MANIFESTS[kind]('') }),
      last.join('\n'),
    ).toBe('create');
  });
});

/** Deleted services drain for a while before they are gone (simulated time). */
async function settleDeletes(): Promise<void> {
  await h.wait(120_000);
}

async function eventCount(identity: string): Promise<number> {
  return (await h.store.listEvents(identity, 1_000)).length;
}

/** The events of `identity` recorded after the first `count` (listEvents is newest first). */
async function eventsSince(identity: string, count: number) {
  const all = await h.store.listEvents(identity, 1_000);
  return all.slice(0, all.length - count);
}

function adopt(manifest: string): string {
  return manifest.replace('namespace: keep}', 'namespace: keep, annotations: {shipshape.dev/adopt: "true"}}');
}
