import { ownValue } from '../own.ts';
import type { Segment } from './positions.ts';

const PLAIN_KEY = /^[A-Za-z_$][-\w$]*$/;

/**
 * Renders a path as docs/MANIFESTS.md writes field paths: `spec.containerDefinitions[name=app].image`.
 * A list element is named by its `name` when that is unique in the list, else by its index.
 */
export function formatFieldPath(data: unknown, segments: readonly Segment[]): string {
  let text = '';
  let node = data;
  for (const segment of segments) {
    if (Array.isArray(node) && typeof segment === 'number') {
      text += `[${elementSelector(node, segment)}]`;
      node = node[segment];
      continue;
    }
    const key = String(segment);
    text += PLAIN_KEY.test(key) ? `${text === '' ? '' : '.'}${key}` : `[${JSON.stringify(key)}]`;
    node = isRecord(node) ? ownValue(node, key) : undefined;
  }
  return text;
}

function elementSelector(list: readonly unknown[], index: number): string {
  const name = nameOf(list[index]);
  if (name === undefined) return String(index);
  const same = list.filter((item) => nameOf(item) === name).length;
  return same === 1 ? `name=${name}` : String(index);
}

function nameOf(item: unknown): string | undefined {
  return isRecord(item) && typeof item.name === 'string' ? item.name : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `/spec/portMappings/0` -> ['spec', 'portMappings', 0], numbers where the data holds a list. */
export function segmentsOfPointer(data: unknown, pointer: string): Segment[] {
  if (pointer === '') return [];
  const segments: Segment[] = [];
  let node = data;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(key)) {
      const index = Number(key);
      segments.push(index);
      node = node[index];
    } else {
      segments.push(key);
      node = isRecord(node) ? ownValue(node, key) : undefined;
    }
  }
  return segments;
}
