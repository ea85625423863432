import type { Place } from '../diagnostic.ts';
import { listKeysAt } from './list-keys.ts';
import type { MapEntry, MapTree, SeqTree, Tree } from './tree.ts';

/** In an element of a keyed list, `$patch: delete` removes the base's element of that key. */
export const PATCH_DIRECTIVE = '$patch';

export interface PatchIssue {
  readonly at: Place;
  readonly reason: string;
}

/**
 * JSON merge patch (RFC 7386) on trees: a map merges member by member, `null` deletes a member,
 * anything else replaces. A list at a keyed path (list-keys.ts) merges element by element on its
 * key instead of replacing the whole list. `path` is the target's path from the document root.
 */
export function mergePatch(target: Tree | undefined, patch: Tree, path: string, issues: PatchIssue[]): Tree {
  if (patch.kind === 'map') return mergeMap(target?.kind === 'map' ? target : undefined, patch, path, issues);
  if (patch.kind === 'seq') {
    const keys = listKeysAt(path);
    if (keys !== undefined)
      return mergeKeyedList(target?.kind === 'seq' ? target : undefined, patch, keys, path, issues);
  }
  return patch;
}

function mergeMap(target: MapTree | undefined, patch: MapTree, path: string, issues: PatchIssue[]): MapTree {
  const entries: MapEntry[] = [...(target?.entries ?? [])];
  for (const entry of patch.entries) {
    const index = entries.findIndex((e) => e.key === entry.key);
    if (entry.value.kind === 'scalar' && entry.value.value === null) {
      if (index >= 0) entries.splice(index, 1);
      continue;
    }
    const childPath = path === '' ? entry.key : `${path}.${entry.key}`;
    const existing = index >= 0 ? entries[index] : undefined;
    const value = mergePatch(existing?.value, entry.value, childPath, issues);
    if (existing !== undefined) entries[index] = { key: entry.key, keyAt: existing.keyAt, value };
    else entries.push({ key: entry.key, keyAt: entry.keyAt, value });
  }
  return { kind: 'map', entries, at: target?.at ?? patch.at };
}

function mergeKeyedList(
  target: SeqTree | undefined,
  patch: SeqTree,
  keys: readonly string[],
  path: string,
  issues: PatchIssue[],
): SeqTree {
  const items: Tree[] = [...(target?.items ?? [])];
  for (const element of patch.items) {
    const id = keyOf(element, keys);
    if (element.kind !== 'map' || id === undefined) {
      issues.push({
        at: element.at,
        reason: `each element patching ${path} needs ${keys.map((k) => `"${k}"`).join(' and ')}: the list is merged by ${keys.join(', ')}`,
      });
      continue;
    }
    const index = items.findIndex((item) => keyOf(item, keys) === id);
    const directive = element.entries.find((e) => e.key === PATCH_DIRECTIVE);
    if (directive !== undefined) {
      if (directive.value.kind !== 'scalar' || directive.value.value !== 'delete') {
        issues.push({ at: directive.value.at, reason: `${PATCH_DIRECTIVE} must be "delete"` });
      } else if (index >= 0) items.splice(index, 1);
      continue;
    }
    const merged = mergePatch(index >= 0 ? items[index] : undefined, element, `${path}[]`, issues);
    if (index >= 0) items[index] = merged;
    else items.push(merged);
  }
  return { kind: 'seq', items, at: target?.at ?? patch.at };
}

function keyOf(tree: Tree | undefined, keys: readonly string[]): string | undefined {
  if (tree?.kind !== 'map') return undefined;
  const values: string[] = [];
  for (const key of keys) {
    const value = tree.entries.find((e) => e.key === key)?.value;
    if (value?.kind !== 'scalar' || value.value === null) return undefined;
    values.push(String(value.value));
  }
  return JSON.stringify(values);
}
