import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProviderHarness, startProviderHarness } from '../../support/provider-harness.ts';
import { exampleFiles } from '../example-files.ts';

let h: ProviderHarness;
beforeAll(async () => {
  h = await startProviderHarness();
});
afterAll(async () => {
  await h.close();
});

describe('the finfocus example (private DNS namespace, A/MULTIVALUE discovery service)', () => {
  it('applies from empty, then plans no change', async () => {
    const manifests = h.load(exampleFiles('finfocus'));
    expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
    const changes = (await h.plan(manifests)).changes;
    expect(changes.filter((change) => change.action !== 'noop')).toEqual([]);
    expect(changes.map((change) => change.identity)).toEqual(
      expect.arrayContaining([
        'DnsNamespace/finfocus/finfocus-local',
        'DiscoveryService/finfocus/aws-public',
      ]),
    );
  });
});
