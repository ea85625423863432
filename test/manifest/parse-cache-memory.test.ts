import { describe, expect, it } from 'vitest';
import { isDocument, LineCounter } from 'yaml';
import type { Diagnostic } from '../../src/manifest/diagnostic.ts';
import type { ManifestInput } from '../../src/manifest/parse.ts';
import { ParseCache } from '../../src/manifest/parse-cache.ts';
import { readManifestFolder } from '../../src/manifest/read-folder.ts';
import { loadRevision } from '../../src/manifest/revision.ts';

const WEB_APP = new URL('../fixtures/valid/web-app/', import.meta.url).pathname;

function errorsOf(inputs: readonly ManifestInput[], parseCache?: ParseCache): readonly Diagnostic[] {
  const result = loadRevision(inputs, parseCache === undefined ? {} : { parseCache });
  if (result.ok) throw new Error('the revision was accepted');
  return result.errors;
}

const placed = (errors: readonly Diagnostic[]): string[] =>
  errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.code} ${e.path ?? ''}`);

describe('ParseCache', () => {
  it('places a problem of an unchanged, cached file at its line:col once another file has left', async () => {
    const inputs = await readManifestFolder(WEB_APP);
    const cache = new ParseCache();
    expect(loadRevision(inputs, { parseCache: cache }).ok).toBe(true);
    expect(cache.counts()).toEqual({ parsed: inputs.length, rebuilt: 0 });

    // app.yaml is unchanged; what its two documents refer to left with storage.yaml and cluster.yaml.
    const left = inputs.filter((input) => input.file !== 'storage.yaml' && input.file !== 'cluster.yaml');
    const errors = errorsOf(left, cache);
    expect(placed(errors)).toEqual([
      'app.yaml:32:24 SS141 spec.volumes[name=uploads].efsVolumeConfiguration.fileSystemRef',
      'app.yaml:35:27 SS141 spec.volumes[name=uploads].efsVolumeConfiguration.authorizationConfig.accessPointRef',
      'app.yaml:43:15 SS141 spec.clusterRef',
    ]);
    expect(errors).toEqual(errorsOf(left));
    // No file parsed for the load, and app.yaml parsed again once for its three problems.
    expect(cache.counts()).toEqual({ parsed: inputs.length, rebuilt: 1 });
  });

  it('keeps no syntax tree in a cached document, and rebuilds one when asked', async () => {
    const files = new ParseCache().parseAll(await readManifestFolder(WEB_APP));
    const documents = files.flatMap((file) => file.documents);
    expect(documents.length).toBeGreaterThan(files.length);
    for (const document of documents) {
      const values = Object.values(document);
      expect(values.filter((value) => isDocument(value) || value instanceof LineCounter)).toEqual([]);
      expect(isDocument(document.syntax().document)).toBe(true);
    }
  });

  it('parses nothing again when a load finds every file unchanged', async () => {
    const inputs = await readManifestFolder(WEB_APP);
    const cache = new ParseCache();
    const first = cache.parseAll(inputs);
    const firstLoad = loadRevision(inputs, { parseCache: cache });
    const secondLoad = loadRevision(inputs, { parseCache: cache });
    expect(cache.counts()).toEqual({ parsed: inputs.length, rebuilt: 0 });
    expect(cache.parseAll(inputs).every((file, i) => file === first[i])).toBe(true);
    expect(firstLoad.ok && secondLoad.ok && secondLoad.revision.id === firstLoad.revision.id).toBe(true);

    const changed = inputs.map((input) =>
      input.file === 'app.yaml'
        ? { ...input, content: input.content.replace('desiredCount: 2', 'desiredCount: 3') }
        : input,
    );
    loadRevision(changed, { parseCache: cache });
    expect(cache.counts()).toEqual({ parsed: inputs.length + 1, rebuilt: 0 });
  });

  it('rebuilds the document a problem is in, counting the documents parsing left out', () => {
    const cluster = [
      'apiVersion: shipshape.dev/v1',
      'kind: Cluster',
      'metadata: {name: main}',
      'spec:',
      '  colour: blue',
    ].join('\n');
    // A document with a syntax error, then an empty one: the third is document 2 of the file, not 0.
    const content = `apiVersion: [\n---\n---\n${cluster}\n`;
    const cache = new ParseCache();
    const errors = errorsOf([{ file: 'mixed.yaml', content }], cache);
    expect(placed(errors)).toEqual(['mixed.yaml:2:1 SS101 ', 'mixed.yaml:8:3 SS110 spec.colour']);
    expect(cache.counts()).toEqual({ parsed: 1, rebuilt: 1 });
  });
});
