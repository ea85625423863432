import { type ErrorName, type ErrorParams, errorCatalogue, formatMessage } from '../errors.ts';

export type Severity = 'error' | 'warning';

/** One problem found in a revision, as structured data; {@link formatDiagnostic} gives its line. */
export interface Diagnostic {
  readonly code: string;
  readonly name: ErrorName;
  readonly severity: Severity;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** `Kind/namespace/name`, when the document got far enough to have one. */
  readonly resource?: string;
  /** Field path from the document root, e.g. `spec.containerDefinitions[name=app].image`. */
  readonly path?: string;
  readonly message: string;
}

export interface Place {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface DiagnosticInit {
  readonly place: Place;
  readonly resource?: string | undefined;
  readonly path?: string | undefined;
  readonly params?: ErrorParams;
  readonly severity?: Severity;
}

export function diagnostic(name: ErrorName, init: DiagnosticInit): Diagnostic {
  const { place, resource, path, params, severity } = init;
  return {
    code: errorCatalogue[name].code,
    name,
    severity: severity ?? 'error',
    file: place.file,
    line: place.line,
    column: place.column,
    ...(resource === undefined ? {} : { resource }),
    ...(path === undefined || path === '' ? {} : { path }),
    message: formatMessage(name, params),
  };
}

/** `file:line:col kind/namespace/name: field.path: message [CODE]` */
export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}:${d.line}:${d.column}${d.resource === undefined ? '' : ` ${d.resource}`}`;
  const path = d.path === undefined ? '' : ` ${d.path}:`;
  const label = d.severity === 'warning' ? 'warning: ' : '';
  return `${where}:${path} ${label}${d.message} [${d.code}]`;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}
