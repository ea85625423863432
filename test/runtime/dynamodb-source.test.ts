import { DescribeClustersCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RuntimeHarness, startRuntimeHarness } from '../support/runtime-harness.ts';
import { statusClient } from './status-client.ts';

vi.setConfig({ testTimeout: 60_000 });

const cluster = (name: string, extra = '') =>
  `apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata: {name: ${name}, namespace: table}\nspec: {${extra}}\n`;

let h: RuntimeHarness;
let api: ReturnType<typeof statusClient>;
beforeAll(async () => {
  h = await startRuntimeHarness({ source: 'dynamodb' });
  api = statusClient(h);
});
afterAll(async () => {
  await h?.close();
});

async function clusterStatus(name: string): Promise<string | undefined> {
  const answer = await h.aws.ecs.send(new DescribeClustersCommand({ clusters: [name] }));
  return answer.clusters?.[0]?.status;
}

const creates = () => h.local.emulator.emulator.requests.snapshot()['ecs:CreateCluster']?.ok ?? 0;

describe('GitOps through a DynamoDB manifests table', () => {
  it('makes items put into the table live', async () => {
    expect(h.config.source).toMatch(/^dynamodb:\/\/manifests-\d+$/);
    await h.commit({ 'a.yaml': cluster('table-alpha'), 'b.yaml': cluster('table-beta') });
    await h.waitFor('the clusters', async () => (await clusterStatus('table-beta')) === 'ACTIVE');
    expect(await clusterStatus('table-alpha')).toBe('ACTIVE');
    const status = await h.waitFor('the statuses', async () => {
      const body = await api.status('table');
      return body.resources.length === 2 ? body : undefined;
    });
    expect(status.operator.currentRevision).toMatch(/^sha256:/);
  });

  it('rejects a bad item whole, with its exact error, and changes nothing', async () => {
    const before = creates();
    const inForce = (await api.status()).operator.currentRevision;
    await h.commit({
      'c.yaml': cluster('table-gamma'),
      'bad.yaml': cluster('table-broken', 'clusterName: 7'),
    });
    const errors = await h.waitFor('the source error', async () => {
      const { sourceErrors } = (await api.status()).operator;
      return sourceErrors.length > 0 ? sourceErrors : undefined;
    });
    // The item's sk is the file; line 4 column 21 is the 7 of `spec: {clusterName: 7}`.
    expect(errors).toEqual([
      {
        code: 'SS111',
        file: 'bad.yaml',
        line: 4,
        column: 21,
        path: 'spec.clusterName',
        message: 'must be a string, not an integer',
      },
    ]);
    // Another look at the table and a whole resync later, still nothing applied from the rejected revision.
    const { operator, tracker } = h.running;
    expect((await tracker.sync()).kind).toBe('unchanged');
    await operator.activity.next('resyncs');
    await h.waitFor('the resync worked off', async () => operator.settled);
    expect(await clusterStatus('table-gamma')).toBeUndefined();
    expect(creates()).toBe(before);
    expect((await api.status()).operator.currentRevision).toBe(inForce);
  });

  it('applies the fix', async () => {
    await h.commit({ 'bad.yaml': cluster('table-fixed') });
    await h.waitFor('the fixed revision', async () => (await clusterStatus('table-gamma')) === 'ACTIVE');
    expect(await clusterStatus('table-fixed')).toBe('ACTIVE');
    await h.waitFor(
      'the errors cleared',
      async () => (await api.status()).operator.sourceErrors.length === 0,
    );
  });
});
