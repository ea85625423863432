import { parse } from 'yaml';
import type { Place } from '../diagnostic.ts';
import type { MapTree, ScalarValue, SeqTree, Tree } from './tree.ts';

export interface EmitDocument {
  readonly tree: Tree;
  /** Comment lines written above the document, without the `# `. */
  readonly comments: readonly string[];
}

/** Where each written key and value of a rendered file came from, by `line:column`. */
export type PositionMap = ReadonlyMap<string, Place>;

export interface Emitted {
  readonly content: string;
  readonly positions: PositionMap;
}

/**
 * Writes documents as block YAML, noting for every key and value the line and column it was
 * written at and the place it came from. `mask` rewrites strings on the way out (secrets).
 */
export function emitDocuments(documents: readonly EmitDocument[], mask?: (text: string) => string): Emitted {
  const lines: string[] = [];
  const positions = new Map<string, Place>();
  const writer: Writer = { lines, positions, mask: mask ?? ((text) => text) };
  documents.forEach((document, i) => {
    if (i > 0) lines.push('---');
    for (const comment of document.comments) lines.push(`# ${comment}`);
    emitBlock(writer, document.tree, 0);
  });
  return { content: `${lines.join('\n')}\n`, positions };
}

interface Writer {
  readonly lines: string[];
  readonly positions: Map<string, Place>;
  readonly mask: (text: string) => string;
}

function note(writer: Writer, line: number, column: number, origin: Place): void {
  writer.positions.set(`${line}:${column}`, origin);
}

/** A map or list on lines of its own at `indent`, or a scalar on one line. */
function emitBlock(writer: Writer, tree: Tree, indent: number): void {
  if (tree.kind === 'map' && tree.entries.length > 0) emitMap(writer, tree, indent);
  else if (tree.kind === 'seq' && tree.items.length > 0) emitSeq(writer, tree, indent);
  else {
    note(writer, writer.lines.length + 1, indent + 1, tree.at);
    writer.lines.push(`${' '.repeat(indent)}${inline(writer, tree)}`);
  }
}

function emitMap(writer: Writer, tree: MapTree, indent: number): void {
  note(writer, writer.lines.length + 1, indent + 1, tree.at);
  for (const entry of tree.entries) {
    const key = scalarText(entry.key, (text) => text);
    const line = writer.lines.length + 1;
    note(writer, line, indent + 1, entry.keyAt);
    if (isInline(entry.value)) {
      note(writer, line, indent + key.length + 3, entry.value.at);
      writer.lines.push(`${' '.repeat(indent)}${key}: ${inline(writer, entry.value)}`);
    } else {
      writer.lines.push(`${' '.repeat(indent)}${key}:`);
      emitBlock(writer, entry.value, indent + 2);
    }
  }
}

function emitSeq(writer: Writer, tree: SeqTree, indent: number): void {
  // A list's own place is its first `-`; each item's is where the item starts, after its `- `.
  note(writer, writer.lines.length + 1, indent + 1, tree.at);
  for (const item of tree.items) {
    const first = writer.lines.length;
    // The item is written two columns in, then its first line gets the `- ` in front.
    emitBlock(writer, item, indent + 2);
    const line = writer.lines[first] ?? '';
    writer.lines[first] = `${line.slice(0, indent)}- ${line.slice(indent + 2)}`;
  }
}

function isInline(tree: Tree): boolean {
  return (
    tree.kind === 'scalar' || (tree.kind === 'map' ? tree.entries.length === 0 : tree.items.length === 0)
  );
}

function inline(writer: Writer, tree: Tree): string {
  if (tree.kind === 'map') return '{}';
  if (tree.kind === 'seq') return '[]';
  return scalarText(tree.value, writer.mask);
}

const PLAIN = /^[A-Za-z0-9_./$][\w./@+:$-]*$/;

/** A scalar as YAML that reads back as the same value: plain where that is unambiguous, else double-quoted. */
export function scalarText(value: ScalarValue, mask: (text: string) => string): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number')
    return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
  const text = mask(value);
  if (PLAIN.test(text) && !text.endsWith(':') && readsAs(text)) return text;
  return JSON.stringify(text);
}

function readsAs(text: string): boolean {
  try {
    return parse(text) === text;
  } catch {
    return false;
  }
}
