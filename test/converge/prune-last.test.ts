import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type OperatorHarness, startOperatorHarness } from '../support/operator-harness.ts';

vi.setConfig({ testTimeout: 120_000 });

const cluster = (name: string) =>
  `apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: ${name}, namespace: rename}\nspec: {tags: {team: shop}}\n`;

/** Where each call first appears in the operator's calls, in order. */
const firstIndex = (h: OperatorHarness, call: string) => h.calls.indexOf(call);

describe('prune last: a deletion waits for the creations of its kind in the same revision', () => {
  let h: OperatorHarness;
  beforeEach(async () => {
    // One of one resource goes: the prune guard would hold that back, and is not what is tested.
    h = await startOperatorHarness({ pruneShare: 1 });
  });
  afterEach(async () => {
    await h.close();
  });

  it('a renamed manifest: the new resource is created before the old one is deleted', async () => {
    h.revisions.set({ 'alpha.yaml': cluster('alpha') });
    await h.converge();
    h.calls.length = 0;
    // One revision: alpha gone, beta new.
    h.revisions.set({ 'beta.yaml': cluster('beta') });
    await h.converge();
    const created = firstIndex(h, 'ecs:CreateCluster');
    const deleted = firstIndex(h, 'ecs:DeleteCluster');
    expect(created).toBeGreaterThanOrEqual(0);
    expect(deleted).toBeGreaterThan(created);
    expect(await h.store.getStatus('Cluster/rename/alpha')).toBeUndefined();
    expect((await h.store.getStatus('Cluster/rename/beta'))?.sync).toBe('Synced');
  });

  it('a creation that fails does not hold the deletion forever', async () => {
    h.revisions.set({ 'alpha.yaml': cluster('alpha') });
    await h.converge();
    await h.control.addFault({
      action: 'ecs:CreateCluster',
      errorRate: 1,
      error: { code: 'InvalidParameterException', message: 'refused for the test', status: 400 },
    });
    h.calls.length = 0;
    h.revisions.set({ 'beta.yaml': cluster('beta') });
    await h.converge(3);
    expect((await h.store.getStatus('Cluster/rename/beta'))?.lastError).toBeDefined();
    expect(h.calls).toContain('ecs:DeleteCluster');
    expect(await h.store.getStatus('Cluster/rename/alpha')).toBeUndefined();
  });
});
