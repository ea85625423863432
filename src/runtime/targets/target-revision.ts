import type { Revision } from '../../manifest/revision.ts';
import { DEFAULT_TARGET, type TargetSpec, targetOfNamespace } from './target-spec.ts';

/**
 * The part of a revision one target's operator manages: the manifests of its namespaces (for the
 * default target, of every namespace no Target binds), without the Targets themselves. The id and
 * graph stay the revision's, so every target reports the same revision in force.
 */
export function revisionFor(revision: Revision, target: string, targets: readonly TargetSpec[]): Revision {
  const documents = revision.documents.filter(
    (manifest) =>
      manifest.kind !== 'Target' && targetOfNamespace(targets, manifest.metadata.namespace) === target,
  );
  return { ...revision, documents };
}

/**
 * revisionFor of one target, computed again only when the revision or the Targets change: an
 * operator asks for its revision on every look and every readiness probe.
 */
export function revisionViewOf(
  target: string,
): (revision: Revision, targets: readonly TargetSpec[]) => Revision {
  let last: { revision: Revision; targets: readonly TargetSpec[]; view: Revision } | undefined;
  return (revision, targets) => {
    if (last?.revision !== revision || last.targets !== targets)
      last = { revision, targets, view: revisionFor(revision, target, targets) };
    return last.view;
  };
}

export { DEFAULT_TARGET };
