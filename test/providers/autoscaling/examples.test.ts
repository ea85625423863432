import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ProviderHarness, startProviderHarness } from '../../support/provider-harness.ts';
import { exampleFiles } from '../example-files.ts';

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

describe.each([
  ['runlayer', 5],
  ['farsight', 3],
])('the %s example (scalable targets and target tracking policies)', (name, scalingResources) => {
  it('applies from empty, then plans no change', async () => {
    const manifests = h.load(exampleFiles(name));
    expect(await h.apply(manifests)).toMatchObject({ converged: true, failures: [] });
    const changes = (await h.plan(manifests)).changes;
    expect(changes.filter((change) => change.action !== 'noop')).toEqual([]);
    const scaling = changes.filter(
      (change) => change.kind === 'ScalableTarget' || change.kind === 'ScalingPolicy',
    );
    expect(scaling).toHaveLength(scalingResources);
  });
});
