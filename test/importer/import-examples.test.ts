import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCreateOrder } from '../../src/converge/ordered.ts';
import { importCluster } from '../../src/importer/import.ts';
import { writeManifests } from '../../src/importer/write-manifests.ts';
import {
  formatDiagnostic,
  type LoadedManifest,
  loadRevision,
  readManifestFolder,
} from '../../src/manifest/index.ts';
import { type ProviderHarness, startProviderHarness } from '../support/provider-harness.ts';

const EXAMPLES = ['runner', 'finfocus', 'farsight', 'runlayer', 'bssmagic'];

let h: ProviderHarness;
beforeAll(async () => {
  h = await startProviderHarness();
});
afterAll(async () => {
  await h.close();
});

async function loadFolder(dir: string): Promise<LoadedManifest[]> {
  const result = loadRevision(await readManifestFolder(dir));
  if (!result.ok) throw new Error(result.errors.map(formatDiagnostic).join('\n'));
  return inCreateOrder(result.revision);
}

function clusterNameOf(manifest: LoadedManifest): string {
  return typeof manifest.spec.clusterName === 'string' ? manifest.spec.clusterName : manifest.metadata.name;
}

describe.each(EXAMPLES)('import of the %s example after applying it', (example) => {
  it('yields manifests whose plan is empty', async () => {
    await h.control.reset();
    const applied = await loadFolder(join('manifests/examples', example));
    expect((await h.apply(applied)).converged).toBe(true);

    const out = await mkdtemp(join(tmpdir(), `shipshape-import-${example}-`));
    try {
      for (const cluster of applied.filter((manifest) => manifest.kind === 'Cluster')) {
        const result = await importCluster(
          { cluster: clusterNameOf(cluster), namespace: cluster.metadata.namespace },
          h.providers,
          h.base,
        );
        await writeManifests(out, result.manifests);
      }
      const imported = await loadFolder(out);
      // Every applied resource comes back under its own identity, owned (no adopt annotation), except
      // what import does not follow (EFS; Jobs, and task definitions only a Job runs: import reads a
      // cluster's services) or cannot write (a private namespace: Cloud Map hides its VPC).
      const runByServices = new Set(
        applied
          .filter((manifest) => manifest.kind === 'Service')
          .map((manifest) => manifest.spec.taskDefinitionRef),
      );
      const expected = applied.filter(
        (manifest) =>
          manifest.kind !== 'FileSystem' &&
          manifest.kind !== 'AccessPoint' &&
          manifest.kind !== 'Job' &&
          !(manifest.kind === 'TaskDefinition' && !runByServices.has(manifest.metadata.name)) &&
          !(manifest.kind === 'DnsNamespace' && manifest.spec.type === 'DNS_PRIVATE'),
      );
      expect(imported.map((manifest) => manifest.identity).sort()).toEqual(
        expected.map((manifest) => manifest.identity).sort(),
      );
      expect(imported.filter((manifest) => manifest.metadata.annotations !== undefined)).toEqual([]);
      const planned = await h.plan(imported);
      expect(planned.changes.filter((change) => change.action !== 'noop')).toEqual([]);
      expect(planned.changes).toHaveLength(imported.length);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
