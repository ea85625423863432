import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/manifest/index.ts';
import { FolderSource } from '../../src/source/folder-source.ts';
import { RevisionTracker, type SyncOutcome } from '../../src/source/revision-tracker.ts';

const TARGET = `apiVersion: shipshape.dev/v1
kind: Target
metadata: {name: prod, namespace: platform}
spec:
  region: eu-west-1
  roleArn: arn:aws:iam::222222222222:role/shipshape-target
  namespaces: [shop]
`;
const cluster = (name: string) =>
  `apiVersion: shipshape.dev/v1\nkind: Cluster\nmetadata:\n  name: ${name}\n  namespace: shop\nspec: {}\n`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipshape-target-unbound-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const errorsOf = (outcome: SyncOutcome) =>
  outcome.kind === 'rejected' ? outcome.rejected.errors.map(formatDiagnostic) : [];

describe('a Target removed while its namespaces keep their manifests', () => {
  it('is rejected whole, naming the namespace, the Target and where; removing the manifests first is accepted', async () => {
    await writeFile(join(dir, 'target.yaml'), TARGET);
    await writeFile(join(dir, 'a.yaml'), cluster('a'));
    await writeFile(join(dir, 'b.yaml'), cluster('b'));
    const tracker = new RevisionTracker(new FolderSource({ dir, fsWatch: false }));
    expect((await tracker.sync()).kind).toBe('accepted');
    const inForce = tracker.current()?.revision.id;

    // The Target goes, its namespace's manifests stay: they would be created in the operator's account.
    await unlink(join(dir, 'target.yaml'));
    const refused = await tracker.sync();
    expect(refused.kind).toBe('rejected');
    expect(errorsOf(refused)).toEqual([
      `a.yaml:5:14 Cluster/shop/a: metadata.namespace: namespace "shop" is bound to Target/platform/prod in the revision in force and to no Target in this one: its resources would be created in the operator's own account and region. Bind it to a Target, or remove its manifests first [SS130]`,
    ]);
    expect(tracker.current()?.revision.id).toBe(inForce);

    // Bound again (here by a Target of another name): accepted.
    await writeFile(join(dir, 'target-2.yaml'), TARGET.replace('name: prod', 'name: prod-2'));
    expect((await tracker.sync()).kind).toBe('accepted');

    // The manifests removed first, then the Target: both accepted.
    await unlink(join(dir, 'a.yaml'));
    await unlink(join(dir, 'b.yaml'));
    await writeFile(join(dir, 'other.yaml'), cluster('c').replace('namespace: shop', 'namespace: tools'));
    expect((await tracker.sync()).kind).toBe('accepted');
    await unlink(join(dir, 'target-2.yaml'));
    expect((await tracker.sync()).kind).toBe('accepted');
  });
});
