import { DescribeClustersCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RuntimeHarness, startRuntimeHarness } from '../support/runtime-harness.ts';

vi.setConfig({ testTimeout: 90_000 });

const cluster = (name: string, extra = '') =>
  `apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: ${name}, namespace: gitops}\nspec: {${extra}}\n`;

interface StatusBody {
  operator: {
    sourceErrors: Array<{ file: string; line: number; code: string; path: string; message: string }>;
    pruneGuard: { held: boolean; reason?: string };
  };
}

let h: RuntimeHarness;
beforeAll(async () => {
  h = await startRuntimeHarness();
});
afterAll(async () => {
  await h?.close();
});

async function clusterStatus(name: string): Promise<string | undefined> {
  const answer = await h.aws.ecs.send(new DescribeClustersCommand({ clusters: [name] }));
  return answer.clusters?.[0]?.status;
}

async function statusBody(): Promise<StatusBody> {
  return (await (await fetch(`${h.running.url}/status`)).json()) as StatusBody;
}

describe('GitOps through the S3 bucket', () => {
  it('makes a committed manifest live', async () => {
    await h.commit({
      'a.yaml': cluster('alpha'),
      'b.yaml': cluster('beta'),
      'c.yaml': cluster('gamma'),
      'd.yaml': cluster('delta'),
    });
    await h.waitFor('the clusters', async () => (await clusterStatus('delta')) === 'ACTIVE');
    expect(await clusterStatus('alpha')).toBe('ACTIVE');
  });

  it('rejects a bad commit whole, with the exact error, and changes nothing in AWS', async () => {
    const creates = () => h.local.emulator.emulator.requests.snapshot()['ecs:CreateCluster']?.ok ?? 0;
    const before = creates();
    await h.commit({ 'e.yaml': cluster('epsilon'), 'bad.yaml': cluster('broken', 'clusterName: 7') });
    const errors = await h.waitFor('the source error', async () => {
      const body = await statusBody();
      return body.operator.sourceErrors.length > 0 ? body.operator.sourceErrors : undefined;
    });
    expect(errors[0]).toMatchObject({ file: 'live/bad.yaml', line: 4, path: 'spec.clusterName' });
    expect(errors[0]?.code).toMatch(/^SS\d+$/);
    // Another look at the bucket and a whole resync later, every resource reconciled: still nothing created.
    const { operator, tracker } = h.running;
    expect((await tracker.sync()).kind).toBe('unchanged');
    await operator.activity.next('resyncs');
    await h.waitFor('the resync worked off', async () => operator.settled);
    expect(await clusterStatus('epsilon')).toBeUndefined();
    expect(creates()).toBe(before);
  });

  it('applies the fix', async () => {
    await h.commit({ 'bad.yaml': cluster('broken') });
    await h.waitFor('the fixed revision', async () => (await clusterStatus('epsilon')) === 'ACTIVE');
    expect(await clusterStatus('broken')).toBe('ACTIVE');
    await h.waitFor(
      'the errors cleared',
      async () => (await statusBody()).operator.sourceErrors.length === 0,
    );
  });

  it('prunes the resources of a deleted object', async () => {
    await h.remove('e.yaml');
    await h.waitFor('epsilon deleted', async () => (await clusterStatus('epsilon')) !== 'ACTIVE');
    expect(await clusterStatus('alpha')).toBe('ACTIVE');
  });

  it('holds back deleting everything when the bucket is emptied', async () => {
    await h.remove('a.yaml', 'b.yaml', 'c.yaml', 'd.yaml', 'bad.yaml');
    const guard = await h.waitFor('the prune guard', async () => {
      const body = await statusBody();
      // Objects go one by one: a middle revision may be held for its share first.
      return body.operator.pruneGuard.held && /source is empty/.test(body.operator.pruneGuard.reason ?? '')
        ? body.operator.pruneGuard
        : undefined;
    });
    expect(guard.reason).toMatch(/deleting all \d+ owned resources is held back/);
    expect(await clusterStatus('alpha')).toBe('ACTIVE');
  });
});
