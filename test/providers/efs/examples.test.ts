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

describe('the bssmagic example (encrypted file system with a mount target in each private subnet)', () => {
  it('applies from empty, then plans no change', async () => {
    const manifests = h.load(exampleFiles('bssmagic'));
    expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
    const changes = (await h.plan(manifests)).changes;
    expect(changes.filter((change) => change.action !== 'noop')).toEqual([]);
    expect(changes.map((change) => change.identity)).toContain('FileSystem/bssmagic/bssmagic-credentials');
  });
});
