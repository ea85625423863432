import type { Place } from '../diagnostic.ts';
import { isKind, referenceKindOf } from '../kinds.ts';
import { DEFAULT_NAMESPACE, identityOf } from '../manifest.ts';
import { DEPENDS_ON_ANNOTATION, splitReference } from '../references.ts';
import { type MapTree, stringAt, type Tree, withEntry } from './tree.ts';

export interface Renaming {
  /** Sets metadata.namespace of every document; `at` is where the overlay says so. */
  readonly namespace?: { readonly value: string; readonly at: Place };
  readonly prefix: string;
  readonly suffix: string;
}

interface Identity {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/**
 * Moves every document to the namespace and puts the prefix and suffix around its name, then
 * rewrites every reference (`...Ref` fields, the depends-on annotation) to a document of the set
 * so that it names the same document after the move. References to anything else are left as written.
 */
export function renameAll(trees: readonly Tree[], renaming: Renaming): Tree[] {
  const renamed = new Map<string, Identity>();
  for (const tree of trees) {
    const from = identityIn(tree);
    if (from !== undefined) renamed.set(idOf(from), moved(from, renaming));
  }
  return trees.map((tree) => {
    const from = identityIn(tree);
    if (from === undefined || tree.kind !== 'map') return tree;
    const to = moved(from, renaming);
    const rewrite = (kind: string, value: string): string => {
      const [namespace, name] = splitReference(value, from.namespace);
      const target = renamed.get(idOf({ kind, namespace, name }));
      if (target === undefined) return value;
      return target.namespace === to.namespace && !value.includes('/')
        ? target.name
        : `${target.namespace}/${target.name}`;
    };
    let out: MapTree = withMetadata(tree, to, renaming);
    const spec = out.entries.find((e) => e.key === 'spec');
    if (spec !== undefined) out = withEntry(out, 'spec', rewriteRefs(spec.value, rewrite), spec.keyAt);
    return rewriteDependsOn(out, from.namespace, to.namespace, renamed);
  });
}

function identityIn(tree: Tree): Identity | undefined {
  const kind = stringAt(tree, 'kind');
  const name = stringAt(tree, 'metadata', 'name');
  if (kind === undefined || name === undefined || !isKind(kind)) return undefined;
  return { kind, name, namespace: stringAt(tree, 'metadata', 'namespace') ?? DEFAULT_NAMESPACE };
}

function idOf(identity: Identity): string {
  return identityOf(identity.kind, identity.namespace, identity.name);
}

function moved(identity: Identity, renaming: Renaming): Identity {
  return {
    kind: identity.kind,
    namespace: renaming.namespace?.value ?? identity.namespace,
    name: `${renaming.prefix}${identity.name}${renaming.suffix}`,
  };
}

function withMetadata(tree: MapTree, to: Identity, renaming: Renaming): MapTree {
  const metadata = tree.entries.find((e) => e.key === 'metadata');
  if (metadata === undefined || metadata.value.kind !== 'map') return tree;
  let value: MapTree = metadata.value;
  const name = value.entries.find((e) => e.key === 'name');
  if (name !== undefined)
    value = withEntry(value, 'name', { kind: 'scalar', value: to.name, at: name.value.at });
  if (renaming.namespace !== undefined) {
    const current = value.entries.find((e) => e.key === 'namespace');
    const at = current?.value.at ?? renaming.namespace.at;
    value = withEntry(value, 'namespace', { kind: 'scalar', value: to.namespace, at }, current?.keyAt ?? at);
  }
  return withEntry(tree, 'metadata', value, metadata.keyAt);
}

function rewriteRefs(tree: Tree, rewrite: (kind: string, value: string) => string): Tree {
  if (tree.kind === 'seq') return { ...tree, items: tree.items.map((item) => rewriteRefs(item, rewrite)) };
  if (tree.kind !== 'map') return tree;
  return {
    ...tree,
    entries: tree.entries.map((entry) => {
      const kind = referenceKindOf(entry.key);
      if (kind !== undefined && entry.value.kind === 'scalar' && typeof entry.value.value === 'string') {
        return {
          ...entry,
          value: { kind: 'scalar', value: rewrite(kind, entry.value.value), at: entry.value.at },
        };
      }
      return { ...entry, value: rewriteRefs(entry.value, rewrite) };
    }),
  };
}

/** `Kind/name` and `Kind/namespace/name` entries of the depends-on annotation, moved like references. */
function rewriteDependsOn(
  tree: MapTree,
  fromNamespace: string,
  toNamespace: string,
  renamed: ReadonlyMap<string, Identity>,
): MapTree {
  const metadata = tree.entries.find((e) => e.key === 'metadata');
  const annotations =
    metadata?.value.kind === 'map' ? metadata.value.entries.find((e) => e.key === 'annotations') : undefined;
  const entry =
    annotations?.value.kind === 'map'
      ? annotations.value.entries.find((e) => e.key === DEPENDS_ON_ANNOTATION)
      : undefined;
  if (metadata?.value.kind !== 'map' || annotations?.value.kind !== 'map' || entry === undefined) return tree;
  if (entry.value.kind !== 'scalar' || typeof entry.value.value !== 'string') return tree;
  const parts = entry.value.value.split(',').map((part) => {
    const trimmed = part.trim();
    const [kind = '', ...rest] = trimmed.split('/');
    if (rest.length < 1 || rest.length > 2) return trimmed;
    const [namespace, name] = splitReference(rest.join('/'), fromNamespace);
    const target = renamed.get(identityOf(kind, namespace, name));
    if (target === undefined) return trimmed;
    return rest.length === 1 && target.namespace === toNamespace
      ? `${kind}/${target.name}`
      : `${kind}/${target.namespace}/${target.name}`;
  });
  const value: Tree = { kind: 'scalar', value: parts.filter((p) => p !== '').join(', '), at: entry.value.at };
  const newAnnotations = withEntry(annotations.value, DEPENDS_ON_ANNOTATION, value, entry.keyAt);
  const newMetadata = withEntry(metadata.value, 'annotations', newAnnotations, annotations.keyAt);
  return withEntry(tree, 'metadata', newMetadata, metadata.keyAt);
}
