import { type Document, isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Place } from '../diagnostic.ts';
import type { ParsedDocument } from '../parse.ts';

export type ScalarValue = string | number | boolean | null;

/**
 * A document's data with, at every node, where its value was written: the base file for a base
 * value, the overlay for a patched or added one. Rendering edits these trees, so every rendered
 * value still knows its file:line:col.
 */
export type Tree = ScalarTree | SeqTree | MapTree;

export interface ScalarTree {
  readonly kind: 'scalar';
  readonly value: ScalarValue;
  readonly at: Place;
  /** The scalar as written (quotes included), to place a `${...}` inside it; absent for values rendering made. */
  readonly source?: string;
  /** Written without quotes: a whole `${name}` takes the type its value would have if written here. */
  readonly plain?: boolean;
}

export interface SeqTree {
  readonly kind: 'seq';
  readonly items: readonly Tree[];
  readonly at: Place;
}

export interface MapEntry {
  readonly key: string;
  readonly keyAt: Place;
  readonly value: Tree;
}

export interface MapTree {
  readonly kind: 'map';
  readonly entries: readonly MapEntry[];
  readonly at: Place;
}

/** The tree of a parsed document (aliases expanded, as its data is). */
export function treeOfDocument(parsed: ParsedDocument, content: string): Tree {
  const { document, lineCounter } = parsed.syntax();
  const placeAt = (offset: number): Place => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: parsed.file, line, column: col };
  };
  return treeOfNode(document, document.contents, parsed.start, placeAt, content);
}

function treeOfNode(
  document: Document.Parsed,
  raw: unknown,
  fallback: Place,
  placeAt: (offset: number) => Place,
  content: string,
): Tree {
  const node = isAlias(raw) ? raw.resolve(document) : raw;
  const at = isNodeWithRange(node) && node.range != null ? placeAt(node.range[0]) : fallback;
  if (isMap(node)) {
    const entries: MapEntry[] = [];
    for (const pair of node.items) {
      const keyNode = isAlias(pair.key) ? pair.key.resolve(document) : pair.key;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const keyAt = isNodeWithRange(keyNode) && keyNode.range != null ? placeAt(keyNode.range[0]) : at;
      // Keys are unique: the parser rejects a document that repeats one.
      entries.push({ key, keyAt, value: treeOfNode(document, pair.value, keyAt, placeAt, content) });
    }
    return { kind: 'map', entries, at };
  }
  if (isSeq(node)) {
    return {
      kind: 'seq',
      items: node.items.map((item) => treeOfNode(document, item, at, placeAt, content)),
      at,
    };
  }
  if (isScalar(node)) {
    const value = scalarValue(node.value);
    const source = node.range == null ? undefined : content.slice(node.range[0], node.range[1]);
    return {
      kind: 'scalar',
      value,
      at,
      ...(source === undefined ? {} : { source }),
      ...(node.type === 'PLAIN' ? { plain: true } : {}),
    };
  }
  return { kind: 'scalar', value: null, at };
}

function isNodeWithRange(value: unknown): value is Node {
  return isMap(value) || isSeq(value) || isScalar(value) || isAlias(value);
}

function scalarValue(value: unknown): ScalarValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/** The plain data of a tree, as `toJS` would give it. */
export function dataOf(tree: Tree): unknown {
  if (tree.kind === 'scalar') return tree.value;
  if (tree.kind === 'seq') return tree.items.map(dataOf);
  const out: Record<string, unknown> = {};
  for (const entry of tree.entries) {
    Object.defineProperty(out, entry.key, {
      value: dataOf(entry.value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

export function entryOf(tree: Tree | undefined, key: string): MapEntry | undefined {
  return tree?.kind === 'map' ? tree.entries.find((entry) => entry.key === key) : undefined;
}

/** The tree at a path of member names, or undefined. */
export function at(tree: Tree | undefined, ...keys: readonly string[]): Tree | undefined {
  let node = tree;
  for (const key of keys) node = entryOf(node, key)?.value;
  return node;
}

export function stringAt(tree: Tree | undefined, ...keys: readonly string[]): string | undefined {
  const node = at(tree, ...keys);
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/** A copy of the map with `key` set to `value` (kept in place when present, appended otherwise). */
export function withEntry(map: MapTree, key: string, value: Tree, keyAt: Place = value.at): MapTree {
  const index = map.entries.findIndex((entry) => entry.key === key);
  const entries = [...map.entries];
  if (index >= 0) entries[index] = { key, keyAt: entries[index]?.keyAt ?? keyAt, value };
  else entries.push({ key, keyAt, value });
  return { ...map, entries };
}
