import { isJsonObject, type JsonObject, type JsonValue } from '../diff/index.ts';
import { canonicalJson } from '../manifest/digest.ts';
import { API_VERSION, type Kind, referenceKindOf } from '../manifest/kinds.ts';
import { identityOf, type LoadedManifest } from '../manifest/manifest.ts';
import type { Provider, ProviderContext } from '../providers/types.ts';

export interface Draft {
  readonly kind: Kind;
  readonly name: string;
  readonly namespace: string;
  readonly annotations: Readonly<Record<string, string>>;
  readonly spec: JsonObject;
}

export function asLoaded(draft: Draft): LoadedManifest {
  return {
    apiVersion: API_VERSION,
    kind: draft.kind,
    metadata: { name: draft.name, namespace: draft.namespace, annotations: draft.annotations },
    spec: draft.spec,
    identity: identityOf(draft.kind, draft.namespace, draft.name),
    source: { file: '(import)', line: 1, column: 1 },
  };
}

function desiredText(provider: Provider, draft: Draft, context: ProviderContext): string | undefined {
  try {
    const desired = provider.desired(asLoaded(draft), context);
    return desired.ok ? canonicalJson(desired.state) : undefined;
  } catch {
    return undefined;
  }
}

type Path = ReadonlyArray<string | number>;

/** Every member path in `value` (objects and lists of objects, at any depth), parents before children. */
function memberPaths(value: JsonValue, at: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => memberPaths(item, [...at, index]));
  if (!isJsonObject(value)) return [];
  return Object.entries(value).flatMap(([key, member]) => {
    if (member === undefined || key === 'tags' || referenceKindOf(key) !== undefined) return [];
    return [[...at, key], ...memberPaths(member, [...at, key])];
  });
}

/** A copy of `value` without the member at `path` (unchanged when the path is gone already). */
function without(value: JsonValue, path: Path): JsonValue {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (Array.isArray(value) && typeof head === 'number') {
    const item = value[head];
    return item === undefined
      ? value
      : value.map((member, index) => (index === head ? without(member, rest) : member));
  }
  if (!isJsonObject(value) || typeof head !== 'string' || value[head] === undefined) return value;
  if (rest.length === 0) {
    const { [head]: _dropped, ...others } = value;
    return others;
  }
  const member = value[head];
  return member === undefined ? value : { ...value, [head]: without(member, rest) };
}

/**
 * Leaves out each spec member, at any depth, whose absence does not change
 * the provider's desired state: AWS's defaults, which `desired` fills back in.
 * References and tags are always kept.
 */
export function minimise(draft: Draft, provider: Provider, context: ProviderContext): Draft {
  const full = desiredText(provider, draft, context);
  if (full === undefined) return draft;
  let spec = draft.spec;
  for (const path of memberPaths(draft.spec)) {
    const candidate = without(spec, path) as JsonObject;
    if (candidate !== spec && desiredText(provider, { ...draft, spec: candidate }, context) === full)
      spec = candidate;
  }
  return { ...draft, spec };
}
