import { compareDiagnostics, type Diagnostic } from '../diagnostic.ts';
import { type LoadOptions, loadRevision, type RevisionResult } from '../revision.ts';
import type { Rendering } from './render.ts';
import type { OriginMap } from './translate.ts';

/**
 * Loads a rendering as one revision, every error and warning placed where the offending value
 * was written (the base for a base value, the overlay for a patched or added one).
 */
export function loadRendering(rendering: Rendering, options: LoadOptions = {}): RevisionResult {
  const result = loadRevision(rendering.inputs, {
    ...options,
    readProblems: [...(options.readProblems ?? []), ...rendering.problems],
  });
  return placeAtOrigins(result, rendering.origins, rendering.problems);
}

/**
 * A revision result loaded from rendered inputs, its places moved to their origins. `placed`:
 * diagnostics that already point at their origin (read and rendering problems), left as they are.
 */
export function placeAtOrigins(
  result: RevisionResult,
  origins: OriginMap,
  placed: readonly Diagnostic[] = [],
): RevisionResult {
  const keep = new Set(placed);
  // A value that could not be rendered (an unknown variable) is reported once, by the renderer.
  const placeOf = (d: Diagnostic) => `${d.file}:${d.line}:${d.column}`;
  const taken = new Set(placed.map(placeOf));
  const move = (list: readonly Diagnostic[]) =>
    list
      .map((d) => (keep.has(d) ? d : origins.diagnostic(d)))
      .filter((d) => keep.has(d) || !taken.has(placeOf(d)))
      .sort(compareDiagnostics);
  if (!result.ok) return { ok: false, errors: move(result.errors), warnings: move(result.warnings) };
  const { revision } = result;
  return {
    ok: true,
    revision: {
      ...revision,
      documents: revision.documents.map((d) => ({ ...d, source: origins.place(d.source) })),
      warnings: move(revision.warnings),
    },
  };
}
