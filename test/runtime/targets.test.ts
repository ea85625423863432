import { ListClustersCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { controlPost, DEFAULT_KEYS, ecsAs } from '../emulator/accounts-fixtures.ts';
import { type RuntimeHarness, startRuntimeHarness } from '../support/runtime-harness.ts';
import { statusClient } from './status-client.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

const ROLE_B = 'arn:aws:iam::222222222222:role/shipshape-target';
const ROLE_C = 'arn:aws:iam::333333333333:role/shipshape-target';

const doc = (kind: string, namespace: string, name: string, spec: string) =>
  `apiVersion: shipshape.dev/v1\nkind: ${kind}\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n${spec}\n`;
const cluster = (namespace: string) => doc('Cluster', namespace, 'apps', '  tags: {team: apps}');
const TARGETS = {
  'targets.yaml': [
    doc(
      'Target',
      'platform',
      'account-b',
      `  region: us-east-1\n  roleArn: ${ROLE_B}\n  externalId: shipshape-ext-1\n  namespaces: [shop-b]`,
    ),
    doc(
      'Target',
      'platform',
      'account-c',
      `  region: eu-west-1\n  roleArn: ${ROLE_C}\n  namespaces: [shop-c]`,
    ),
  ].join('---\n'),
};

let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness();
  await controlPost(h.local.endpoints.aws, '/sts/roles', { roleArn: ROLE_B, externalId: 'shipshape-ext-1' });
  await controlPost(h.local.endpoints.aws, '/sts/roles', { roleArn: ROLE_C });
});
afterAll(async () => {
  await h?.close();
});

describe('Targets: namespaces managed in other accounts and regions', () => {
  it('converges each namespace in its own account and region, with the role it assumes', async () => {
    await h.commit({
      ...TARGETS,
      'a.yaml': cluster('shop-a'),
      'b.yaml': cluster('shop-b'),
      'c.yaml': cluster('shop-c'),
    });
    // Through the API, which answers for every target from the state table.
    const api = statusClient(h);
    const read = (identity: string) =>
      h.waitFor(`${identity} synced`, async () => {
        const status = await api.resource(identity);
        return status.sync === 'Synced' ? status : undefined;
      });
    const [a, b, c] = await Promise.all([
      read('Cluster/shop-a/apps'),
      read('Cluster/shop-b/apps'),
      read('Cluster/shop-c/apps'),
    ]);
    // One cluster named apps in each account and region, each Shipshape's.
    expect(a.awsIds.arn).toBe('arn:aws:ecs:us-east-1:123456789012:cluster/apps');
    expect(b.awsIds.arn).toBe('arn:aws:ecs:us-east-1:222222222222:cluster/apps');
    expect(c.awsIds.arn).toBe('arn:aws:ecs:eu-west-1:333333333333:cluster/apps');
    // The operator's own account holds only its own namespace's cluster.
    const own = await ecsAs(h.local.endpoints.aws, DEFAULT_KEYS).send(new ListClustersCommand({}));
    expect(own.clusterArns).toEqual(['arn:aws:ecs:us-east-1:123456789012:cluster/apps']);
    // Each target's calls were made in its own account: the emulator counts them apart.
    const calls = (account: string) =>
      fetch(`${h.local.endpoints.aws}/_emulator/requests?account=${account}`).then(
        (answer) => answer.json() as Promise<Record<string, { ok: number }>>,
      );
    expect((await calls('222222222222'))['ecs:CreateCluster']?.ok).toBe(1);
    expect((await calls('333333333333'))['ecs:CreateCluster']?.ok).toBe(1);
    expect((await calls('123456789012'))['ecs:CreateCluster']?.ok).toBe(1);
  });

  it('throttling in one account does not hold the others back', async () => {
    // Every ECS call in account B is throttled, as a busy account's would be.
    await controlPost(h.local.endpoints.aws, '/faults', {
      action: 'ecs:*',
      account: '222222222222',
      throttleRate: 1,
    });
    const more = (namespace: string) => doc('Cluster', namespace, 'more', '  tags: {team: more}');
    await h.commit({ 'a2.yaml': more('shop-a'), 'b2.yaml': more('shop-b'), 'c2.yaml': more('shop-c') });
    const api = statusClient(h);
    const synced = (identity: string) =>
      h.waitFor(
        `${identity} synced`,
        async () => (await api.resource(identity).catch(() => undefined))?.sync === 'Synced',
      );
    await Promise.all([synced('Cluster/shop-a/more'), synced('Cluster/shop-c/more')]);
    // A and C are done while B still waits out its throttling (not even listed yet, or not synced).
    const b = await api.resource('Cluster/shop-b/more').catch(() => undefined);
    expect(b?.sync).not.toBe('Synced');
    const inB = (await fetch(`${h.local.endpoints.aws}/_emulator/requests?account=222222222222`).then(
      (answer) => answer.json(),
    )) as Record<string, { ok: number; throttled: number }>;
    const throttled = Object.entries(inB)
      .filter(([action]) => action.startsWith('ecs:'))
      .reduce((sum, [, counts]) => sum + counts.throttled, 0);
    expect(throttled).toBeGreaterThan(0);
    await fetch(`${h.local.endpoints.aws}/_emulator/faults`, { method: 'DELETE' });
    await synced('Cluster/shop-b/more');
  });
});
