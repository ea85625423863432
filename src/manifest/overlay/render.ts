import { posix } from 'node:path';
import { type Diagnostic, diagnostic } from '../diagnostic.ts';
import { type ManifestInput, parseManifestFile } from '../parse.ts';
import { type Chain, isWithin, joinPath, readChain } from './chain.ts';
import { type EmitDocument, emitDocuments, type PositionMap } from './emit.ts';
import type { PatchIssue } from './merge-patch.ts';
import { OVERLAY_FILE } from './overlay-file.ts';
import { applyPatches } from './patches.ts';
import type { FolderListing, OverlayReader, ParameterStore } from './reader.ts';
import { renameAll } from './rename.ts';
import type { RenderedDocument } from './rendered-document.ts';
import { resolveVariables } from './resolve-variables.ts';
import { OriginMap } from './translate.ts';
import { type Tree, treeOfDocument } from './tree.ts';
import { substitute, type Variables } from './variables.ts';

export interface RenderOptions {
  /** How a path relative to the source's folder (`../base/x.yaml`) is named in diagnostics; as it is by default. */
  readonly display?: (path: string) => string;
  /** Where `parameters` are read; without one, a parameter is an error. */
  readonly parameters?: ParameterStore;
}

/** What a source yields once its folder is rendered: the inputs a revision is loaded from, and more. */
export interface Rendering {
  /** Whether the folder held an overlay.yaml; if not, `inputs` are its files as read. */
  readonly overlay: boolean;
  /** The rendered manifests, one input per file they were written in, each document headed by where it came from. */
  readonly inputs: readonly ManifestInput[];
  /** Files not read, and every rendering error: each rejects the revision. */
  readonly problems: readonly Diagnostic[];
  /** What identifies the state: every file of every folder read, and a hash of each parameter's value. */
  readonly versions: ReadonlyArray<readonly [string, string]>;
  /** Places in `inputs` back to where their values were written. */
  readonly origins: OriginMap;
  /** `inputs` with the values of SecureString parameters masked: what may be printed. */
  readonly shown: readonly ManifestInput[];
  /** Masks the values of SecureString parameters in any text (a plan, a message) before it is printed. */
  readonly mask: (text: string) => string;
}

export const MASK = '****';

/**
 * Renders the folder a source points at. Without an overlay.yaml it is the folder as read.
 * With one: the base's manifests (rendered first if the base is an overlay too) and the overlay's
 * own, patched, moved to the namespace, renamed, and every `${name}` substituted. Pure but for
 * what the reader and the parameter store answer.
 */
export async function renderFolder(reader: OverlayReader, options: RenderOptions = {}): Promise<Rendering> {
  const named = options.display ?? ((path: string) => path);
  const display = (path: string) => named(posix.relative(reader.root, path) || '.');
  const top = await reader.readFolder(reader.root);
  if (!top.inputs.some((input) => input.file === OVERLAY_FILE)) return plain(top, named);
  const chained = await readChain(reader, top, display);
  const versions = chained.listings.flatMap(([path, listing]) =>
    listing.versions.map(([file, version]) => [display(joinPath(path, file)), version] as const),
  );
  const readProblems = chained.listings.flatMap(([path, listing]) =>
    listing.problems.map((p) => ({ ...p, file: display(joinPath(path, p.file)) })),
  );
  if (!chained.ok) return failed([...readProblems, ...chained.problems], versions);
  const resolved = await resolveVariables(chained.chain.levels, options.parameters);
  const problems: Diagnostic[] = [...readProblems, ...resolved.problems];
  const documents = renderChain(chained.chain, resolved.variables, display, problems);
  const secrets = [...resolved.variables.values()].filter((v) => v.secret === true && v.value !== '');
  const mask = maskOf(secrets.map((secret) => secret.value));
  const files = groupByFile(documents);
  const inputs: ManifestInput[] = [];
  const shown: ManifestInput[] = [];
  const positions = new Map<string, PositionMap>();
  for (const [file, group] of files) {
    const emit = group.map((document) => emitDocument(document, resolved.variables));
    const emitted = emitDocuments(emit);
    inputs.push({ file, content: emitted.content });
    shown.push({ file, content: secrets.length === 0 ? emitted.content : emitDocuments(emit, mask).content });
    positions.set(file, emitted.positions);
  }
  return {
    overlay: true,
    inputs,
    problems,
    versions: [...versions, ...resolved.versions],
    origins: new OriginMap(positions, mask),
    shown,
    mask,
  };
}

/** Replaces each secret, as written and as JSON escapes it, with MASK; longest first, so no part of one is left. */
function maskOf(secrets: readonly string[]): (text: string) => string {
  const forms = [...new Set(secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]))].sort(
    (a, b) => b.length - a.length,
  );
  return (text) => forms.reduce((out, form) => out.split(form).join(MASK), text);
}

/**
 * A folder without overlay.yaml, as read; an overlay.yaml in a subfolder is no manifest, and the
 * error says what to point at instead of what the file lacks.
 */
function plain(listing: FolderListing, display: (path: string) => string): Rendering {
  const isOverlay = (file: string) => posix.basename(file) === OVERLAY_FILE;
  const inputs = listing.inputs
    .filter((input) => !isOverlay(input.file))
    .map((input) => ({ file: display(input.file), content: input.content }));
  const overlays = listing.inputs
    .filter((input) => isOverlay(input.file))
    .map((input) => {
      const folder = display(posix.dirname(input.file));
      const reason = `an overlay's ${OVERLAY_FILE}, not a manifest: validate or read its folder ${folder} on its own (docs/OVERLAYS.md)`;
      return diagnostic('INVALID_VALUE', {
        place: { file: display(input.file), line: 1, column: 1 },
        params: { reason },
      });
    });
  return {
    overlay: false,
    inputs,
    problems: [...listing.problems.map((p) => ({ ...p, file: display(p.file) })), ...overlays],
    versions: listing.versions.map(([file, version]) => [display(file), version] as const),
    origins: new OriginMap(new Map()),
    shown: inputs,
    mask: (text) => text,
  };
}

function failed(
  problems: readonly Diagnostic[],
  versions: ReadonlyArray<readonly [string, string]>,
): Rendering {
  return {
    overlay: true,
    inputs: [],
    problems,
    versions,
    origins: new OriginMap(new Map()),
    shown: [],
    mask: (text) => text,
  };
}

/** The bottom folder's documents, then each overlay's, innermost first. */
function renderChain(
  chain: Chain,
  variables: Variables,
  display: (path: string) => string,
  problems: Diagnostic[],
): RenderedDocument[] {
  const prepare = (tree: Tree, used: Set<string>) => {
    const issues: PatchIssue[] = [];
    const out = substitute(tree, variables, used, issues);
    for (const issue of issues) problems.push(issueDiagnostic(issue));
    return out;
  };
  let documents = parseFolder(chain.bottom.path, chain.bottom.listing.inputs, display, prepare, problems);
  for (const level of [...chain.levels].reverse()) {
    const basePath = joinPath(level.path, level.spec.base.value);
    const own = level.listing.inputs.filter(
      (input) => input.file !== OVERLAY_FILE && !isWithin(joinPath(level.path, input.file), basePath),
    );
    documents = [...documents, ...parseFolder(level.path, own, display, prepare, problems)];
    documents = applyPatches(documents, level.spec.patches, prepare, problems);
    const { namespace, namePrefix, nameSuffix } = level.spec;
    if (namespace !== undefined || namePrefix !== '' || nameSuffix !== '') {
      const trees = renameAll(
        documents.map((d) => d.tree),
        { ...(namespace === undefined ? {} : { namespace }), prefix: namePrefix, suffix: nameSuffix },
      );
      documents = documents.map((d, i) => ({ ...d, tree: trees[i] ?? d.tree }));
    }
  }
  return documents;
}

function parseFolder(
  folder: string,
  inputs: readonly ManifestInput[],
  display: (path: string) => string,
  prepare: (tree: Tree, used: Set<string>) => Tree,
  problems: Diagnostic[],
): RenderedDocument[] {
  return inputs.flatMap((input) => {
    const file = display(joinPath(folder, input.file));
    const parsed = parseManifestFile({ file, content: input.content });
    problems.push(...parsed.errors);
    return parsed.documents.map((document) => {
      const used = new Set<string>();
      const tree = prepare(treeOfDocument(document, input.content), used);
      return { tree, file, patchedBy: [], variables: used };
    });
  });
}

function issueDiagnostic(issue: PatchIssue): Diagnostic {
  return diagnostic('INVALID_VALUE', { place: issue.at, params: { reason: issue.reason } });
}

function groupByFile(documents: readonly RenderedDocument[]): Map<string, RenderedDocument[]> {
  const files = new Map<string, RenderedDocument[]>();
  for (const document of documents) {
    const group = files.get(document.file);
    if (group === undefined) files.set(document.file, [document]);
    else group.push(document);
  }
  return files;
}

/** The comment above a rendered document: where it came from, what changed it, which variables it used. */
function emitDocument(document: RenderedDocument, variables: Variables): EmitDocument {
  const patched = document.patchedBy.length === 0 ? '' : `, patched by ${document.patchedBy.join(', ')}`;
  const comments = [`from ${document.file}${patched}`];
  if (document.variables.size > 0) {
    const used = [...document.variables]
      .sort()
      .map(
        (name) =>
          `${name} (${variables.get(name)?.from ?? '?'}${variables.get(name)?.secret === true ? ', secret' : ''})`,
      );
    comments.push(`variables: ${used.join(', ')}`);
  }
  return { tree: document.tree, comments };
}
