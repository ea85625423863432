import { type Diagnostic, diagnostic } from '../diagnostic.ts';
import { DEFAULT_NAMESPACE } from '../manifest.ts';
import { mergePatch, type PatchIssue } from './merge-patch.ts';
import type { PatchSpec } from './overlay-file.ts';
import type { RenderedDocument } from './rendered-document.ts';
import { stringAt, type Tree } from './tree.ts';

/**
 * Applies each patch to the one document its target names (kind and name, and namespace when
 * given), as the documents stand before this overlay renames them. `prepare` substitutes the
 * patch's variables. A target matching no document, or several, is an error at the target.
 */
export function applyPatches(
  documents: readonly RenderedDocument[],
  patches: readonly PatchSpec[],
  prepare: (patch: Tree, used: Set<string>) => Tree,
  problems: Diagnostic[],
): RenderedDocument[] {
  const out = [...documents];
  for (const patch of patches) {
    const matches = out.flatMap((document, index) => (targets(document.tree, patch) ? [index] : []));
    const label = `${patch.kind}/${patch.namespace === undefined ? '' : `${patch.namespace}/`}${patch.name}`;
    const index = matches[0];
    if (index === undefined || matches.length > 1) {
      const reason =
        index === undefined
          ? `patch target ${label} matches no manifest of the base or this overlay${candidates(out, patch.kind)}`
          : `patch target ${label} matches ${matches.length} manifests (namespaces ${matches.map((i) => namespaceOf(out[i]?.tree)).join(', ')}); give target.namespace`;
      problems.push(
        diagnostic('INVALID_VALUE', { place: patch.at, path: 'patches[].target', params: { reason } }),
      );
      continue;
    }
    const document = out[index];
    if (document === undefined) continue;
    const used = new Set(document.variables);
    const issues: PatchIssue[] = [];
    const tree = mergePatch(document.tree, prepare(patch.patch, used), '', issues);
    for (const issue of issues) {
      problems.push(diagnostic('INVALID_VALUE', { place: issue.at, params: { reason: issue.reason } }));
    }
    out[index] = {
      ...document,
      tree,
      variables: used,
      patchedBy: [...document.patchedBy, `${patch.at.file}:${patch.at.line}`],
    };
  }
  return out;
}

function targets(tree: Tree, patch: PatchSpec): boolean {
  return (
    stringAt(tree, 'kind') === patch.kind &&
    stringAt(tree, 'metadata', 'name') === patch.name &&
    (patch.namespace === undefined || namespaceOf(tree) === patch.namespace)
  );
}

function namespaceOf(tree: Tree | undefined): string {
  return stringAt(tree, 'metadata', 'namespace') ?? DEFAULT_NAMESPACE;
}

function candidates(documents: readonly RenderedDocument[], kind: string): string {
  const names = documents
    .filter((d) => stringAt(d.tree, 'kind') === kind)
    .map((d) => `${namespaceOf(d.tree)}/${stringAt(d.tree, 'metadata', 'name') ?? '?'}`);
  return names.length === 0 ? ` (it has no ${kind})` : ` (its ${kind} manifests: ${names.join(', ')})`;
}
