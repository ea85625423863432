export type { Diagnostic, Severity } from './diagnostic.ts';
export { formatDiagnostic } from './diagnostic.ts';
export { canonicalJson, revisionDigest } from './digest.ts';
export { DependencyGraph, type GraphEdge, type GraphNode } from './graph.ts';
export { API_VERSION, isKind, KINDS, type Kind, REFERENCE_KEYS } from './kinds.ts';
export {
  DEFAULT_NAMESPACE,
  identityOf,
  type LoadedManifest,
  type ManifestMetadata,
  type SpecOf,
  specOf,
} from './manifest.ts';
export type { ManifestInput } from './parse.ts';
export { readManifestFolder } from './read-folder.ts';
export { DEPENDS_ON_ANNOTATION } from './references.ts';
export { type LoadOptions, loadRevision, type Revision, type RevisionResult } from './revision.ts';
