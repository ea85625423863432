import { isRecord } from './field-path.ts';
import { isKind, type Kind, referenceKindOf } from './kinds.ts';
import type { LoadedManifest } from './manifest.ts';
import { identityOf } from './manifest.ts';
import type { Segment } from './positions.ts';

/** A field of one manifest naming another. */
export interface Reference {
  readonly key: string;
  readonly targetKind: Kind;
  readonly namespace: string;
  readonly name: string;
  /** `Kind/namespace/name` the reference means. */
  readonly target: string;
  /** Path of the field from the document root. */
  readonly segments: readonly Segment[];
}

/**
 * An explicit ordering edge for what references cannot say: a comma-separated list of
 * `Kind/name` or `Kind/namespace/name`. Not needed for ordinary manifests (references and the
 * kind order decide), but it lets a user order two resources by hand.
 */
export const DEPENDS_ON_ANNOTATION = 'shipshape.dev/depends-on';

/** Every `...Ref` key anywhere in the spec, and the depends-on annotation. */
export function referencesOf(manifest: LoadedManifest): Reference[] {
  const found: Reference[] = [];
  walk(manifest.spec, ['spec'], manifest.metadata.namespace, found);
  found.push(...dependsOn(manifest));
  return found;
}

function walk(node: unknown, at: readonly Segment[], namespace: string, found: Reference[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      walk(item, [...at, i], namespace, found);
    });
    return;
  }
  if (!isRecord(node)) return;
  for (const [key, value] of Object.entries(node)) {
    const targetKind = referenceKindOf(key);
    if (targetKind !== undefined && typeof value === 'string') {
      const [ns, name] = splitReference(value, namespace);
      found.push({
        key,
        targetKind,
        namespace: ns,
        name,
        target: identityOf(targetKind, ns, name),
        segments: [...at, key],
      });
    } else {
      walk(value, [...at, key], namespace, found);
    }
  }
}

/** `name` or `namespace/name`; the namespace defaults to the referencing document's. */
export function splitReference(value: string, namespace: string): [string, string] {
  const slash = value.indexOf('/');
  return slash < 0 ? [namespace, value] : [value.slice(0, slash), value.slice(slash + 1)];
}

function dependsOn(manifest: LoadedManifest): Reference[] {
  const value = manifest.metadata.annotations?.[DEPENDS_ON_ANNOTATION];
  if (value === undefined) return [];
  const segments = ['metadata', 'annotations', DEPENDS_ON_ANNOTATION];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .flatMap((part): Reference[] => {
      const [kind, ...rest] = part.split('/');
      if (!isKind(kind) || rest.length < 1 || rest.length > 2) return [];
      const [ns, name] = splitReference(rest.join('/'), manifest.metadata.namespace);
      return [
        {
          key: DEPENDS_ON_ANNOTATION,
          targetKind: kind,
          namespace: ns,
          name,
          target: identityOf(kind, ns, name),
          segments,
        },
      ];
    });
}

/** Entries of the depends-on annotation that are not `Kind/name` or `Kind/namespace/name`. */
export function malformedDependsOn(manifest: LoadedManifest): string[] {
  const value = manifest.metadata.annotations?.[DEPENDS_ON_ANNOTATION] ?? '';
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => {
      if (part === '') return false;
      const [kind, ...rest] = part.split('/');
      return !isKind(kind) || rest.length < 1 || rest.length > 2 || rest.some((s) => s === '');
    });
}
