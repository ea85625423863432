import type { CONFIG_SCHEMA } from './schema.ts';

type Schema = typeof CONFIG_SCHEMA;
type Properties = Schema['properties'];
type RequiredKey = Schema['required'][number];
type OptionalKey = Exclude<keyof Properties, RequiredKey>;

/** The TypeScript value of one property schema of the flat config object. */
type ValueOf<S> = S extends { readonly enum: readonly (infer E)[] }
  ? E
  : S extends { readonly type: 'string' }
    ? string
    : S extends { readonly type: 'integer' | 'number' }
      ? number
      : S extends { readonly type: 'boolean' }
        ? boolean
        : never;

/** The validated, frozen configuration: derived from CONFIG_SCHEMA, never written by hand. */
export type Config = { readonly [K in RequiredKey]: ValueOf<Properties[K]> } & {
  readonly [K in OptionalKey]?: ValueOf<Properties[K]>;
};

export type ConfigKey = keyof Properties;
