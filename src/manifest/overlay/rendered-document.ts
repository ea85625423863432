import type { Tree } from './tree.ts';

/** One document on its way through the overlays. */
export interface RenderedDocument {
  readonly tree: Tree;
  /** The file it was written in (as diagnostics name it). */
  readonly file: string;
  /** `overlay.yaml:12` of each patch applied, in order. */
  readonly patchedBy: readonly string[];
  /** `${name}`s substituted in it. */
  readonly variables: ReadonlySet<string>;
}
