import { readFileSync } from 'node:fs';
import { parse, type Tags } from 'yaml';

const INTRINSICS = ['Ref', 'Sub', 'GetAtt', 'Join', 'Select', 'Split', 'If', 'Equals', 'Not', 'GetAZs'];

/** CloudFormation's short-form tags (`!Ref x`) read as their long form (`{Ref: x}`). */
export const CLOUDFORMATION_TAGS: Tags = INTRINSICS.flatMap((name) => {
  const fn = name === 'Ref' ? 'Ref' : `Fn::${name}`;
  const long = (value: unknown) => ({
    [fn]: name === 'GetAtt' && typeof value === 'string' ? value.split('.') : value,
  });
  return [
    { tag: `!${name}`, resolve: (text: string) => long(text) },
    {
      tag: `!${name}`,
      collection: 'seq' as const,
      resolve: (seq: { toJSON(): unknown }) => long(seq.toJSON()),
    },
  ];
});

export function readTemplate(): Record<string, unknown> {
  const text = readFileSync(new URL('../../deploy/cloudformation.yaml', import.meta.url), 'utf8');
  const parsed: unknown = parse(text, { customTags: CLOUDFORMATION_TAGS });
  if (parsed === null || typeof parsed !== 'object') throw new Error('the template is not a mapping');
  return parsed as Record<string, unknown>;
}

/** Follows a path of keys and indexes; undefined where it leads nowhere. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/** Every value anywhere in a tree, depth first (objects and arrays included). */
export function* walk(value: unknown): Generator<unknown> {
  yield value;
  if (value !== null && typeof value === 'object')
    for (const child of Object.values(value)) yield* walk(child);
}
