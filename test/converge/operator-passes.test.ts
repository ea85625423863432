import { DescribeClustersCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type OperatorHarness, startOperatorHarness } from '../support/operator-harness.ts';

const clusters = (...names: string[]) =>
  names
    .map(
      (name) =>
        `apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: ${name}, namespace: passes}\nspec: {}\n`,
    )
    .join('---\n');

vi.setConfig({ testTimeout: 60_000 });

let h: OperatorHarness;
beforeAll(async () => {
  h = await startOperatorHarness();
  h.revisions.set({ 'c.yaml': clusters('one', 'two', 'three') });
});
afterAll(async () => {
  await h.close();
});

describe('operator passes', () => {
  it('joins a request for a pass to the one of the same kind already waiting its turn', async () => {
    const first = h.operator.runPass('full');
    expect(h.operator.runPass('full')).toBe(first);
    expect(h.operator.runPass('full')).toBe(first);
    const scan = h.operator.runPass('scan');
    expect(scan).not.toBe(first);
    await Promise.all([first, scan]);
    // Once started, a pass is no longer joined: the next request queues a new one.
    const after = h.operator.runPass('full');
    expect(after).not.toBe(first);
    await after;
  });

  it('on stop, cancels the verifying passes that applied changes scheduled and starts no more passes', async () => {
    h.operator.startWorkers();
    await h.operator.runPass('full');
    for (let spin = 0; spin < 200 && !h.operator.idle; spin += 1) await new Promise((r) => setTimeout(r, 25));
    const answer = await h.aws.ecs.send(new DescribeClustersCommand({ clusters: ['three'] }));
    expect(answer.clusters?.[0]?.status).toBe('ACTIVE');
    // Each create asked for a verifying full pass a few (simulated) seconds later.
    expect(h.scheduler.pending).toBeGreaterThan(0);
    await h.operator.stop();
    expect(h.scheduler.pending).toBe(0);
    const late = await h.operator.runPass('full');
    expect(late.skipped).toBe('the operator is stopping');
  });
});
