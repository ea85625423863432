import { isRecord } from './field-path.ts';

type SchemaObject = Record<string, unknown>;

/**
 * Knows every sub-schema of the loaded schema files by object identity and by URI, so that an
 * ajv error (which names the sub-schema that failed, `parentSchema`) can be traced back to the
 * oneOf/anyOf branch it came from, across `$ref`s.
 */
export class SchemaIndex {
  readonly #byUri = new Map<string, SchemaObject>();
  readonly #baseOf = new WeakMap<SchemaObject, string>();
  readonly #reach = new WeakMap<object, ReadonlySet<object>>();

  constructor(schemas: readonly SchemaObject[]) {
    for (const schema of schemas) {
      const id = typeof schema.$id === 'string' ? schema.$id : '';
      this.#index(schema, id, '');
    }
  }

  #index(node: unknown, base: string, pointer: string): void {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        this.#index(item, base, `${pointer}/${i}`);
      });
      return;
    }
    if (!isRecord(node)) return;
    let ownBase = base;
    let ownPointer = pointer;
    if (typeof node.$id === 'string') {
      ownBase = new URL(node.$id, base || undefined).href;
      ownPointer = '';
    }
    this.#byUri.set(`${ownBase.split('#')[0]}#${ownPointer}`, node);
    this.#baseOf.set(node, ownBase);
    for (const [key, value] of Object.entries(node)) {
      if (key === 'enum' || key === 'const') continue;
      this.#index(value, ownBase, `${ownPointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  }

  resolve(from: SchemaObject, ref: string): SchemaObject | undefined {
    const base = this.#baseOf.get(from);
    if (base === undefined || base === '') return undefined;
    const url = new URL(ref, base);
    const fragment = decodeURIComponent(url.hash.replace(/^#/, ''));
    url.hash = '';
    return this.#byUri.get(`${url.href}#${fragment}`);
  }

  /** Every schema object reachable from `schema`, following `$ref`. */
  reachable(schema: unknown): ReadonlySet<object> {
    if (typeof schema !== 'object' || schema === null) return new Set();
    const cached = this.#reach.get(schema);
    if (cached !== undefined) return cached;
    const seen = new Set<object>();
    const stack: unknown[] = [schema];
    while (stack.length > 0) {
      const node = stack.pop();
      if (typeof node !== 'object' || node === null || seen.has(node)) continue;
      seen.add(node);
      if (Array.isArray(node)) {
        stack.push(...node);
        continue;
      }
      for (const [key, value] of Object.entries(node)) {
        if (key === 'enum' || key === 'const') continue;
        if (key === '$ref' && typeof value === 'string' && isRecord(node))
          stack.push(this.resolve(node, value));
        else stack.push(value);
      }
    }
    this.#reach.set(schema, seen);
    return seen;
  }
}
