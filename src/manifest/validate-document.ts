import { checkEnvelope } from './check-envelope.ts';
import { collapseAjvErrors } from './collapse-ajv-errors.ts';
import { isRecord } from './field-path.ts';
import { isKind } from './kinds.ts';
import { DEFAULT_NAMESPACE, identityOf, type LoadedManifest } from './manifest.ts';
import type { ParsedDocument } from './parse.ts';
import type { Problem } from './schema-problem.ts';
import type { SchemaSet } from './schemas.ts';

export interface DocumentResult {
  readonly problems: Problem[];
  /** Present when the document has the shape of a manifest (it may still have problems). */
  readonly manifest?: LoadedManifest;
}

/** Checks one document against its kind's schema. */
export function validateDocument(parsed: ParsedDocument, schemas: SchemaSet): DocumentResult {
  const envelope = checkEnvelope(parsed.data);
  if (envelope !== undefined) return { problems: [envelope] };
  const data = parsed.data;
  if (!isRecord(data) || !isKind(data.kind)) return { problems: [] };
  const validate = schemas.validatorFor(data.kind);
  const problems =
    validate === undefined || validate(data)
      ? []
      : collapseAjvErrors(validate.errors ?? [], data, schemas.index);
  const manifest = toManifest(parsed);
  return manifest === undefined ? { problems } : { problems, manifest };
}

function toManifest(parsed: ParsedDocument): LoadedManifest | undefined {
  const data = parsed.data;
  if (
    !isRecord(data) ||
    !isKind(data.kind) ||
    !isRecord(data.metadata) ||
    typeof data.metadata.name !== 'string'
  ) {
    return undefined;
  }
  const namespace = typeof data.metadata.namespace === 'string' ? data.metadata.namespace : DEFAULT_NAMESPACE;
  const labels = stringMap(data.metadata.labels);
  const annotations = stringMap(data.metadata.annotations);
  return {
    apiVersion: String(data.apiVersion),
    kind: data.kind,
    metadata: {
      name: data.metadata.name,
      namespace,
      ...(labels === undefined ? {} : { labels }),
      ...(annotations === undefined ? {} : { annotations }),
    },
    spec: isRecord(data.spec) ? data.spec : {},
    identity: identityOf(data.kind, namespace, data.metadata.name),
    source: parsed.start,
  };
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}
