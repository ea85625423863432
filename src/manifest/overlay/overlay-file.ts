import { type Diagnostic, diagnostic, type Place } from '../diagnostic.ts';
import { type ManifestInput, parseManifestFile } from '../parse.ts';
import { placeProblem } from '../place-problem.ts';
import { documentStart } from '../positions.ts';
import { overlaySchemaProblems } from './overlay-schema.ts';
import { at, entryOf, type Tree, treeOfDocument } from './tree.ts';

export const OVERLAY_FILE = 'overlay.yaml';

export interface Located<T> {
  readonly value: T;
  readonly at: Place;
}

export interface PatchSpec {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** Where the patch's `target` is written. */
  readonly at: Place;
  readonly patch: Tree;
}

/** An overlay.yaml, checked against its schema, every value with its place. */
export interface OverlaySpec {
  readonly file: string;
  readonly base: Located<string>;
  readonly namespace?: Located<string>;
  readonly namePrefix: string;
  readonly nameSuffix: string;
  readonly variables: ReadonlyMap<string, Located<string>>;
  /** `${name}` -> SSM parameter name. */
  readonly parameters: ReadonlyMap<string, Located<string>>;
  readonly patches: readonly PatchSpec[];
}

export type OverlayRead =
  | { readonly ok: true; readonly spec: OverlaySpec }
  | { readonly ok: false; readonly problems: readonly Diagnostic[] };

/** Parses and checks an overlay.yaml: one YAML document that fits schemas/overlay.schema.json. */
export function readOverlayFile(input: ManifestInput): OverlayRead {
  const parsed = parseManifestFile(input);
  if (parsed.errors.length > 0) return { ok: false, problems: parsed.errors };
  const [document, extra] = parsed.documents;
  if (document === undefined || extra !== undefined) {
    const place = extra === undefined ? { file: input.file, line: 1, column: 1 } : documentStart(extra);
    const reason = `an ${OVERLAY_FILE} holds exactly one YAML document, the overlay, not ${parsed.documents.length}`;
    return { ok: false, problems: [diagnostic('INVALID_VALUE', { place, params: { reason } })] };
  }
  const problems = overlaySchemaProblems(document.data).map((problem) => placeProblem(document, problem));
  if (problems.length > 0) return { ok: false, problems };
  const tree = treeOfDocument(document, input.content);
  return { ok: true, spec: specOf(input.file, tree) };
}

/** The spec of a tree the schema accepted. */
function specOf(file: string, tree: Tree): OverlaySpec {
  const text = (node: Tree | undefined): Located<string> | undefined =>
    node?.kind === 'scalar' && node.value !== null ? { value: String(node.value), at: node.at } : undefined;
  const pairs = (node: Tree | undefined): Map<string, Located<string>> =>
    new Map(
      node?.kind === 'map'
        ? node.entries.flatMap((e) => {
            const value = text(e.value);
            return value === undefined ? [] : [[e.key, value] as const];
          })
        : [],
    );
  const namespace = text(at(tree, 'namespace'));
  const patchList = at(tree, 'patches');
  const patches = (patchList?.kind === 'seq' ? patchList.items : []).flatMap((item): PatchSpec[] => {
    const target = entryOf(item, 'target');
    const patch = at(item, 'patch');
    const kind = text(at(target?.value, 'kind'));
    const name = text(at(target?.value, 'name'));
    if (target === undefined || patch === undefined || kind === undefined || name === undefined) return [];
    const namespace = text(at(target.value, 'namespace'));
    return [
      {
        kind: kind.value,
        name: name.value,
        ...(namespace === undefined ? {} : { namespace: namespace.value }),
        at: target.keyAt,
        patch,
      },
    ];
  });
  return {
    file,
    base: text(at(tree, 'base')) ?? { value: '', at: tree.at },
    ...(namespace === undefined ? {} : { namespace }),
    namePrefix: text(at(tree, 'namePrefix'))?.value ?? '',
    nameSuffix: text(at(tree, 'nameSuffix'))?.value ?? '',
    variables: pairs(at(tree, 'variables')),
    parameters: pairs(at(tree, 'parameters')),
    patches,
  };
}
