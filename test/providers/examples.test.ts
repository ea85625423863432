import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { countByAction } from '../../src/converge/plan-types.ts';
import { readManifestFolder } from '../../src/manifest/read-folder.ts';
import { type ProviderHarness, startProviderHarness } from '../support/provider-harness.ts';

vi.setConfig({ testTimeout: 120_000 });

const EXAMPLES = fileURLToPath(new URL('../../manifests/examples/', import.meta.url));
const WORKLOADS = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

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

describe('the five example workloads on the emulator', () => {
  it('are five', () => {
    expect(WORKLOADS).toEqual(['bssmagic', 'farsight', 'finfocus', 'runlayer', 'runner']);
  });

  it.each(WORKLOADS)('%s: apply from empty, then plan shows zero changes', async (workload) => {
    const files = await readManifestFolder(`${EXAMPLES}${workload}`, '');
    const manifests = h.load(Object.fromEntries(files.map((file) => [file.file, file.content])));
    const result = await h.apply(manifests);
    expect(result.failures).toEqual([]);
    expect(result.converged).toBe(true);
    const again = await h.plan(manifests);
    const changed = again.changes.filter((change) => change.action !== 'noop');
    expect(
      changed.map((change) => ('drift' in change ? { [change.identity]: change.drift } : change.identity)),
    ).toEqual([]);
    expect(countByAction(again).noop).toBe(manifests.length);
  });
});
