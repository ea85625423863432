import { checkAwsNames } from './checks/aws-names.ts';
import { checkCycles } from './checks/cycles.ts';
import { checkDuplicateIdentity } from './checks/duplicate-identity.ts';
import { checkLaunchType } from './checks/launch-type.ts';
import { checkListenerProtocol } from './checks/listener-protocol.ts';
import { checkPlaintextSecrets } from './checks/plaintext-secrets.ts';
import { checkRefAndLiteral } from './checks/ref-and-literal.ts';
import { resolveReferences } from './checks/resolve-references.ts';
import { checkPauseHookStages, checkRolloutGates } from './checks/rollout-gates.ts';
import { checkServiceContainers } from './checks/service-containers.ts';
import {
  checkCrossTargetReferences,
  checkTargetNamespaces,
  checkUnboundNamespaces,
  targetBindings,
} from './checks/targets.ts';
import { checkTaskContainers } from './checks/task-containers.ts';
import { compareDiagnostics, type Diagnostic, diagnostic } from './diagnostic.ts';
import { revisionDigest } from './digest.ts';
import { DependencyGraph } from './graph.ts';
import { DEFAULT_READ_LIMITS } from './limits.ts';
import type { LoadedManifest } from './manifest.ts';
import type { ManifestInput } from './parse.ts';
import { ParseCache } from './parse-cache.ts';
import { placeProblem } from './place-problem.ts';
import { type Entry, type Finding, RevisionContext } from './revision-context.ts';
import { loadSchemaSet } from './schemas.ts';
import { validateDocument } from './validate-document.ts';

/** A validated set of manifests, taken whole. */
export interface Revision {
  /** `sha256:<hex>` of the canonical documents. */
  readonly id: string;
  /** Sorted by identity. */
  readonly documents: readonly LoadedManifest[];
  readonly graph: DependencyGraph;
  readonly warnings: readonly Diagnostic[];
}

export type RevisionResult =
  | { readonly ok: true; readonly revision: Revision }
  | { readonly ok: false; readonly errors: readonly Diagnostic[]; readonly warnings: readonly Diagnostic[] };

export interface LoadOptions {
  /** Folder of `*.schema.json`; the repository's schemas/ by default. */
  readonly schemaDir?: string;
  /** Parses of earlier loads, reused for files whose content has not changed. */
  readonly parseCache?: ParseCache;
  /** YAML documents the revision may hold; default DEFAULT_READ_LIMITS.documents. */
  readonly maxDocuments?: number;
  /** Files the source refused to read (over a size cap, not UTF-8): each rejects the revision. */
  readonly readProblems?: readonly Diagnostic[];
  /** The revision in force, when there is one: a namespace it binds to a Target may not be left unbound. */
  readonly inForce?: Revision;
}

/**
 * Parses, validates and links every document of every input. Any error rejects the whole
 * revision, and every error found is reported, not only the first.
 */
export function loadRevision(inputs: readonly ManifestInput[], options: LoadOptions = {}): RevisionResult {
  const schemas = loadSchemaSet(options.schemaDir);
  const diagnostics: Diagnostic[] = [];
  const entries: Entry[] = [];
  const maxDocuments = options.maxDocuments ?? DEFAULT_READ_LIMITS.documents;
  const files = (options.parseCache ?? new ParseCache()).parseAll(inputs, maxDocuments);
  for (const parsed of files) {
    diagnostics.push(...parsed.errors);
    for (const document of parsed.documents) {
      const result = validateDocument(document, schemas);
      diagnostics.push(...result.problems.map((problem) => placeProblem(document, problem)));
      if (result.manifest !== undefined) entries.push({ parsed: document, manifest: result.manifest });
    }
  }
  // With files left unread, the checks across documents would only echo what is missing.
  const refused = [...(options.readProblems ?? [])];
  const overCap = files.find((parsed) => parsed.overCap !== undefined)?.overCap;
  if (overCap !== undefined) {
    refused.push(diagnostic('TOO_MANY_DOCUMENTS', { place: overCap, params: { limit: maxDocuments } }));
  }
  if (refused.length > 0) {
    return { ok: false, errors: unique([...diagnostics, ...refused]).sort(compareDiagnostics), warnings: [] };
  }
  const context = new RevisionContext(entries);
  const { resolved, findings } = resolveReferences(context);
  const bound = targetBindings(entries.map((entry) => entry.manifest));
  const errors: Finding[] = [
    ...findings,
    ...checkDuplicateIdentity(entries),
    ...checkTargetNamespaces(entries),
    ...checkCrossTargetReferences(bound, resolved),
    ...checkUnboundNamespaces(entries, bound, targetBindings(options.inForce?.documents ?? [])),
  ];
  const warnings: Finding[] = [];
  const refsFrom = groupBy(resolved, (r) => r.from);
  for (const entry of entries) {
    const own = refsFrom.get(entry) ?? [];
    errors.push(...checkRefAndLiteral(entry), ...checkLaunchType(entry), ...checkTaskContainers(entry));
    errors.push(...checkAwsNames(entry), ...checkRolloutGates(entry), ...checkPauseHookStages(entry));
    errors.push(...checkServiceContainers(entry, own), ...checkListenerProtocol(entry, own));
    warnings.push(...checkPlaintextSecrets(entry));
  }
  const graph = new DependencyGraph(
    [...new Set(entries.map((e) => e.manifest))].map(({ identity, kind }) => ({ identity, kind })),
    resolved.map((r) => ({ from: r.from.manifest.identity, to: r.to.manifest.identity })),
  );
  errors.push(...checkCycles(graph, resolved));
  diagnostics.push(...errors.map((f) => placeProblem(f.entry.parsed, f.problem)));
  const warningList = warnings.map((f) => placeProblem(f.entry.parsed, f.problem, 'warning'));
  if (inputs.length === 0 || (entries.length === 0 && diagnostics.length === 0)) {
    warningList.push(
      diagnostic('EMPTY_REVISION', {
        place: { file: '.', line: 1, column: 1 },
        params: { where: 'the source' },
        severity: 'warning',
      }),
    );
  }
  const sortedErrors = unique(diagnostics).sort(compareDiagnostics);
  const sortedWarnings = unique(warningList).sort(compareDiagnostics);
  if (sortedErrors.length > 0) return { ok: false, errors: sortedErrors, warnings: sortedWarnings };
  const documents = entries
    .map((e) => e.manifest)
    .sort((a, b) => (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0));
  return {
    ok: true,
    revision: { id: revisionDigest(documents), documents, graph, warnings: sortedWarnings },
  };
}

function groupBy<T, K>(list: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of list) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

/** The schema and a check can both see one problem (e.g. a reference beside its literal): say it once. */
function unique(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column} ${d.code} ${d.path ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
