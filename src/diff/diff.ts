import { ownValue } from '../own.ts';
import { type ComparisonSpec, type CompiledSpec, compileSpec, schemaKey } from './comparison-spec.ts';
import type { DriftEntry } from './drift.ts';
import { type FieldPath, formatPath, index, member, type PathSegment } from './field-path.ts';
import { canonical, compareJson, isJsonObject, type JsonValue, jsonEqual, stableStringify } from './json.ts';
import { keyedElements } from './keyed-list.ts';

/**
 * The strict structural difference of two normalised values: an absent member differs from a
 * present one unless the spec says otherwise (`compareOnlyDesiredKeys`, `emptyEqualsAbsent`).
 * Entries come in path order (members by name, keyed elements by key, ordered ones by index);
 * their values are canonical copies.
 */
export function diff(
  desired: JsonValue | undefined,
  actual: JsonValue | undefined,
  spec: ComparisonSpec = {},
): DriftEntry[] {
  const entries: DriftEntry[] = [];
  new Walker(compileSpec(spec), entries).walk(desired, actual, []);
  return entries;
}

class Walker {
  readonly #spec: CompiledSpec;
  readonly #entries: DriftEntry[];

  constructor(spec: CompiledSpec, entries: DriftEntry[]) {
    this.#spec = spec;
    this.#entries = entries;
  }

  walk(desired: JsonValue | undefined, actual: JsonValue | undefined, path: FieldPath): void {
    if (desired === undefined && actual === undefined) return;
    if (this.#spec.ignored(path)) return;
    if (desired === undefined || actual === undefined) {
      const present = desired === undefined ? actual : desired; // not `??`: null is a value
      if (present === undefined || (isEmpty(present) && this.#spec.emptyEqualsAbsent(schemaKey(path))))
        return;
      const kept = this.#prune(present, path);
      // Everything that made it non-empty is ignored: no difference is left.
      if (isEmpty(kept) && !isEmpty(present)) return;
      this.#report(path, desired === undefined ? undefined : kept, actual === undefined ? undefined : kept);
    } else if (Array.isArray(desired) && Array.isArray(actual)) {
      this.#lists(desired, actual, path);
    } else if (isJsonObject(desired) && isJsonObject(actual)) {
      const onlyDesired = this.#spec.comparesOnlyDesiredKeys(schemaKey(path));
      const members = new Set(Object.keys(desired));
      if (!onlyDesired) for (const name of Object.keys(actual)) members.add(name);
      for (const name of [...members].sort()) {
        this.walk(ownValue(desired, name), ownValue(actual, name), [...path, member(name)]);
      }
    } else if (desired !== actual) {
      this.#report(path, desired, actual);
    }
  }

  #lists(desired: JsonValue[], actual: JsonValue[], path: FieldPath): void {
    const rule = this.#spec.listRule(schemaKey(path));
    if (rule === 'set') {
      const wanted = uniqueSorted(desired);
      const found = uniqueSorted(actual);
      if (!jsonEqual(wanted, found)) this.#report(path, wanted, found);
    } else if (rule === 'ordered') {
      const length = Math.max(desired.length, actual.length);
      for (let i = 0; i < length; i += 1) this.walk(desired[i], actual[i], [...path, index(i)]);
    } else {
      this.#keyed(desired, actual, path, typeof rule.key === 'string' ? [rule.key] : rule.key);
    }
  }

  #keyed(desired: JsonValue[], actual: JsonValue[], path: FieldPath, keys: readonly string[]): void {
    const wanted = keyedElements(desired, keys);
    const found = keyedElements(actual, keys);
    if (wanted === undefined || found === undefined) {
      // Missing or repeated keys: the list cannot be matched element by element, so it is one value.
      if (!jsonEqual(desired, actual)) this.#report(path, desired, actual);
      return;
    }
    const selectors = new Map<string, { segment: PathSegment; values: readonly JsonValue[] }>();
    for (const element of [...wanted.values(), ...found.values()]) {
      selectors.set(element.id, { segment: element.segment, values: element.keyValues });
    }
    const ordered = [...selectors.entries()].sort(([, a], [, b]) => compareKeyValues(a.values, b.values));
    for (const [id, { segment }] of ordered) {
      this.walk(wanted.get(id)?.value, found.get(id)?.value, [...path, segment]);
    }
  }

  /** `value` without the parts the ignore patterns cover; the same value when none is below `path`. */
  #prune(value: JsonValue, path: FieldPath): JsonValue {
    if (!this.#spec.ignoresBelow(path)) return value;
    if (isJsonObject(value)) {
      return Object.fromEntries(
        Object.entries(value).flatMap(([name, child]) => {
          const childPath = [...path, member(name)];
          return child === undefined || this.#spec.ignored(childPath)
            ? []
            : [[name, this.#prune(child, childPath)]];
        }),
      );
    }
    if (!Array.isArray(value)) return value;
    const rule = this.#spec.listRule(schemaKey(path));
    if (rule === 'set') return value;
    if (rule === 'ordered') {
      return value.flatMap((element, i) => {
        const elementPath = [...path, index(i)];
        return this.#spec.ignored(elementPath) ? [] : [this.#prune(element, elementPath)];
      });
    }
    const elements = keyedElements(value, typeof rule.key === 'string' ? [rule.key] : rule.key);
    if (elements === undefined) return value;
    return [...elements.values()].flatMap(({ segment, value: element }) => {
      const elementPath = [...path, segment];
      return this.#spec.ignored(elementPath) ? [] : [this.#prune(element, elementPath)];
    });
  }

  #report(path: FieldPath, desired: JsonValue | undefined, actual: JsonValue | undefined): void {
    this.#entries.push({
      path: formatPath(path),
      desired: desired === undefined ? undefined : canonical(desired),
      actual: actual === undefined ? undefined : canonical(actual),
    });
  }
}

function isEmpty(value: JsonValue | undefined): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.values(value).every((member) => member === undefined);
}

function uniqueSorted(values: readonly JsonValue[]): JsonValue[] {
  const unique = new Map(values.map((value) => [stableStringify(value), canonical(value)]));
  return [...unique.values()].sort(compareJson);
}

function compareKeyValues(a: readonly JsonValue[], b: readonly JsonValue[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const order = compareJson(a[i] ?? null, b[i] ?? null);
    if (order !== 0) return order;
  }
  return 0;
}
