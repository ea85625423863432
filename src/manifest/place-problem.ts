import { type Diagnostic, diagnostic, type Severity } from './diagnostic.ts';
import { formatFieldPath, isRecord } from './field-path.ts';
import { DEFAULT_NAMESPACE, identityOf } from './manifest.ts';
import type { ParsedDocument } from './parse.ts';
import { documentStart, locate } from './positions.ts';
import type { Problem } from './schema-problem.ts';

/** Gives a problem its file:line:col, resource and field path. */
export function placeProblem(
  parsed: ParsedDocument,
  problem: Problem,
  severity: Severity = 'error',
): Diagnostic {
  const place =
    problem.segments.length === 0 ? documentStart(parsed) : locate(parsed, problem.segments, problem.target);
  return diagnostic(problem.name, {
    place,
    resource: resourceLabel(parsed.data),
    path: formatFieldPath(parsed.data, problem.segments),
    params: problem.params,
    severity,
  });
}

/** `Kind/namespace/name` as far as the document says it, for messages even when it is invalid. */
export function resourceLabel(data: unknown): string | undefined {
  if (!isRecord(data) || typeof data.kind !== 'string') return undefined;
  const metadata = isRecord(data.metadata) ? data.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '?';
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : DEFAULT_NAMESPACE;
  return identityOf(data.kind, namespace, name);
}
