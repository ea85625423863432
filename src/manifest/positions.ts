import { isAlias, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Place } from './diagnostic.ts';
import type { DocumentSyntax } from './file-syntax.ts';
import type { ParsedDocument } from './parse.ts';

export type Segment = string | number;

/**
 * Where a field is in its file. `key` points at the field's key (an unknown field), `value` at its
 * value (a wrong value). When the field is absent (a missing required field) the deepest existing
 * ancestor's key is the answer, and the document start for the root.
 */
export function locate(parsed: ParsedDocument, segments: readonly Segment[], target: 'key' | 'value'): Place {
  const syntax = parsed.syntax();
  let node: Node | null = syntax.document.contents;
  let keyNode: Node | null = null;
  for (const segment of segments) {
    const resolved = resolveAlias(syntax, node);
    const step = child(resolved, segment);
    if (step === undefined) break;
    keyNode = step.key;
    node = step.value;
  }
  const chosen = target === 'key' || node === null || node === undefined ? (keyNode ?? node) : node;
  const offset = chosen?.range?.[0];
  if (offset === undefined) return documentStart(parsed);
  const { line, col } = syntax.lineCounter.linePos(offset);
  return { file: parsed.file, line, column: col };
}

export function documentStart(parsed: ParsedDocument): Place {
  return parsed.start;
}

function child(node: Node | null, segment: Segment): { key: Node | null; value: Node | null } | undefined {
  if (isMap(node)) {
    const pair = node.items.find(
      (item: Pair) => isScalar(item.key) && String(item.key.value) === String(segment),
    );
    if (pair === undefined) return undefined;
    return { key: isScalar(pair.key) ? pair.key : null, value: asNode(pair.value) };
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = asNode(node.items[segment]);
    return item === null ? undefined : { key: item, value: item };
  }
  return undefined;
}

function resolveAlias(syntax: DocumentSyntax, node: Node | null): Node | null {
  if (isAlias(node)) return asNode(node.resolve(syntax.document));
  return node;
}

function asNode(value: unknown): Node | null {
  return isMap(value) || isSeq(value) || isScalar(value) || isAlias(value) ? value : null;
}
