/** The TypeScript value a (const) JSON Schema describes: the subset Shipshape's schemas use. */
export type FromSchema<S> = S extends { readonly const: infer C }
  ? C
  : S extends { readonly enum: readonly (infer E)[] }
    ? E
    : S extends { readonly oneOf: readonly (infer B)[] }
      ? B extends unknown
        ? FromSchema<B>
        : never
      : S extends { readonly type: 'array'; readonly items: infer I }
        ? readonly FromSchema<I>[]
        : S extends { readonly type: 'object'; readonly properties: infer P }
          ? ObjectOf<P, S extends { readonly required: readonly (infer R)[] } ? R : never>
          : S extends { readonly type: 'string' }
            ? string
            : S extends { readonly type: 'integer' | 'number' }
              ? number
              : S extends { readonly type: 'boolean' }
                ? boolean
                : never;

type ObjectOf<P, R> = Flat<
  { readonly [K in keyof P & R]: FromSchema<P[K]> } & {
    readonly [K in Exclude<keyof P, R>]?: FromSchema<P[K]>;
  }
>;

type Flat<T> = { [K in keyof T]: T[K] };
