import type { CONFIG_SCHEMA } from './schema.ts';
import type { FromSchema } from './schema-type.ts';

type Schema = typeof CONFIG_SCHEMA;
type Properties = Schema['properties'];
type RequiredKey = Schema['required'][number];
type OptionalKey = Exclude<keyof Properties, RequiredKey>;

/** The validated, frozen configuration: derived from CONFIG_SCHEMA, never written by hand. */
export type Config = { readonly [K in RequiredKey]: FromSchema<Properties[K]> } & {
  readonly [K in OptionalKey]?: FromSchema<Properties[K]>;
};

export type ConfigKey = keyof Properties;

/** One receiver of `notifications`. */
export type ReceiverConfig = Config['notifications'][number];
