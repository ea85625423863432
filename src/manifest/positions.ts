import { isAlias, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Place } from './diagnostic.ts';
import type { ParsedDocument } from './parse.ts';

export type Segment = string | number;

/**
 * Where a field is in its file. `key` points at the field's key (an unknown field), `value` at its
 * value (a wrong value). When the field is absent (a missing required field) the deepest existing
 * ancestor's key is the answer, and the document start for the root.
 */
export function locate(parsed: ParsedDocument, segments: readonly Segment[], target: 'key' | 'value'): Place {
  let node: Node | null = parsed.document.contents;
  let keyNode: Node | null = null;
  for (const segment of segments) {
    const resolved = resolveAlias(parsed, node);
    const step = child(resolved, segment);
    if (step === undefined) break;
    keyNode = step.key;
    node = step.value;
  }
  const chosen = target === 'key' || node === null || node === undefined ? (keyNode ?? node) : node;
  return placeOf(parsed, chosen) ?? documentStart(parsed);
}

export function documentStart(parsed: ParsedDocument): Place {
  const offset = parsed.document.contents?.range?.[0] ?? parsed.document.range[0];
  return placeAt(parsed, offset);
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

function resolveAlias(parsed: ParsedDocument, node: Node | null): Node | null {
  if (isAlias(node)) return asNode(node.resolve(parsed.document));
  return node;
}

function asNode(value: unknown): Node | null {
  return isMap(value) || isSeq(value) || isScalar(value) || isAlias(value) ? value : null;
}

function placeOf(parsed: ParsedDocument, node: Node | null): Place | undefined {
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : placeAt(parsed, offset);
}

function placeAt(parsed: ParsedDocument, offset: number): Place {
  const { line, col } = parsed.lineCounter.linePos(offset);
  return { file: parsed.file, line, column: col };
}
