/**
 * The one catalogue of Shipshape's error codes. Every part of the project (manifests, sources,
 * AWS calls, the reconcile loop) adds its codes here; docs/ERRORS.md documents each one and a
 * test keeps the two in step.
 *
 * `disposition` tells the reconcile loop what to do next: `terminal` is reported and never
 * retried, `retry` is retried with backoff, `retry-after` is looked at again after a delay.
 */
export type Disposition = 'terminal' | 'retry' | 'retry-after';

export interface CatalogueEntry {
  readonly code: string;
  readonly disposition: Disposition;
  /** A message with `{param}` placeholders filled by {@link formatMessage}. */
  readonly message: string;
}

export const errorCatalogue = {
  // Manifests: reading and parsing (SS10x)
  SOURCE_UNREADABLE: { code: 'SS100', disposition: 'retry', message: 'cannot read {what}: {reason}' },
  YAML_SYNTAX: { code: 'SS101', disposition: 'terminal', message: 'YAML syntax error: {reason}' },
  NOT_A_MAPPING: {
    code: 'SS102',
    disposition: 'terminal',
    message: 'a manifest must be a mapping with apiVersion, kind, metadata and spec, not {actual}',
  },
  UNKNOWN_API_VERSION: {
    code: 'SS103',
    disposition: 'terminal',
    message: 'unknown apiVersion "{actual}"; expected {expected}',
  },
  UNKNOWN_KIND: {
    code: 'SS104',
    disposition: 'terminal',
    message: 'unknown kind "{actual}"; expected one of {expected}',
  },
  INVALID_UTF8: {
    code: 'SS105',
    disposition: 'terminal',
    message:
      'not valid UTF-8: byte {byte} does not start or continue a character here; save the file as UTF-8',
  },
  YAML_PARSER_FAILURE: {
    code: 'SS106',
    disposition: 'terminal',
    message: 'the YAML parser gave up on this document: {reason}',
  },
  LOAD_FAILED: {
    code: 'SS107',
    disposition: 'terminal',
    message: 'the revision could not be checked: {reason}',
  },

  // Manifests: schema (SS11x)
  UNKNOWN_FIELD: { code: 'SS110', disposition: 'terminal', message: 'unknown field "{field}"' },
  WRONG_TYPE: { code: 'SS111', disposition: 'terminal', message: 'must be {expected}, not {actual}' },
  OUT_OF_RANGE: { code: 'SS112', disposition: 'terminal', message: 'must be {limit}, not {actual}' },
  INVALID_LENGTH: { code: 'SS113', disposition: 'terminal', message: 'must be {limit}, not {actual}' },
  PATTERN_MISMATCH: { code: 'SS114', disposition: 'terminal', message: 'must match the pattern {pattern}' },
  INVALID_ENUM: { code: 'SS115', disposition: 'terminal', message: 'must be one of {allowed}, not {actual}' },
  MISSING_REQUIRED: { code: 'SS116', disposition: 'terminal', message: 'missing required field {field}' },
  ITEM_COUNT: { code: 'SS117', disposition: 'terminal', message: 'must have {limit}, not {actual}' },
  DUPLICATE_ITEMS: {
    code: 'SS118',
    disposition: 'terminal',
    message: 'must not repeat items (items {first} and {second} are equal)',
  },
  INVALID_VALUE: { code: 'SS119', disposition: 'terminal', message: '{reason}' },

  // Manifests: AWS names (SS12x)
  INVALID_DEFAULT_NAME: {
    code: 'SS120',
    disposition: 'terminal',
    message:
      '{field} is not set, so the {noun} takes its AWS name from metadata.name "{name}", which AWS rejects: a {noun} name {rules}; set {field} to a name AWS accepts',
  },

  // Manifests: settings that exclude each other (SS13x)
  CONFLICTING_SETTINGS: { code: 'SS130', disposition: 'terminal', message: '{reason}' },
  REF_AND_LITERAL: {
    code: 'SS131',
    disposition: 'terminal',
    message: 'set either "{ref}" (a reference to a manifest) or "{literal}" (a literal id or ARN), not both',
  },

  // Manifests: the revision as a whole (SS14x)
  DUPLICATE_IDENTITY: {
    code: 'SS140',
    disposition: 'terminal',
    message: '{identity} is defined more than once (also at {others})',
  },
  MISSING_REFERENCE: {
    code: 'SS141',
    disposition: 'terminal',
    message: '{field} names {target}, which is not in the revision',
  },
  WRONG_KIND_REFERENCE: {
    code: 'SS142',
    disposition: 'terminal',
    message: '{field} must name a {expected}, but "{name}" is a {actual}',
  },
  DEPENDENCY_CYCLE: { code: 'SS143', disposition: 'terminal', message: 'dependency cycle: {cycle}' },
  UNKNOWN_CONTAINER: { code: 'SS144', disposition: 'terminal', message: '{reason}' },
  PORT_NOT_MAPPED: {
    code: 'SS145',
    disposition: 'terminal',
    message:
      'container "{container}" of task definition {taskDefinition} has no portMappings entry with containerPort {port}',
  },
  DUPLICATE_CONTAINER_NAME: {
    code: 'SS146',
    disposition: 'terminal',
    message: 'container name "{name}" is used more than once in this task definition',
  },
  PROTOCOL_MISMATCH: {
    code: 'SS147',
    disposition: 'terminal',
    message:
      'a listener with protocol {listenerProtocol} cannot forward to target group {targetGroup}, whose protocol is {targetProtocol}',
  },

  // Manifests: warnings (SS15x)
  PLAINTEXT_SECRET: {
    code: 'SS150',
    disposition: 'terminal',
    message:
      'environment variable "{name}" {why}; move it to "secrets" with "valueFrom" (Secrets Manager or SSM Parameter Store)',
  },
  EMPTY_REVISION: { code: 'SS151', disposition: 'terminal', message: 'no manifests found in {where}' },

  // Manifests: limits (SS16x)
  FILE_TOO_LARGE: {
    code: 'SS160',
    disposition: 'terminal',
    message:
      'the file is {size} bytes, over the limit of {limit} bytes per file (maxFileBytes); it was not read',
  },
  REVISION_TOO_LARGE: {
    code: 'SS161',
    disposition: 'terminal',
    message:
      'the files add up to {total} bytes, over the limit of {limit} bytes per revision (maxRevisionBytes) from this file on; no file was read',
  },
  TOO_MANY_DOCUMENTS: {
    code: 'SS162',
    disposition: 'terminal',
    message:
      'the revision has more than {limit} YAML documents (maxDocuments); this is the first one over the limit',
  },
  TOO_MANY_ALIASES: {
    code: 'SS163',
    disposition: 'terminal',
    message:
      'the aliases of this document expand to more than {limit} nodes, like a YAML alias bomb; write the values out or use fewer aliases',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorName = keyof typeof errorCatalogue;
export type ErrorParams = Readonly<Record<string, string | number>>;

/** Fills a message template; a placeholder without a value stays visible so the gap is noticed. */
export function formatMessage(name: ErrorName, params: ErrorParams = {}): string {
  return errorCatalogue[name].message.replace(/\{(\w+)\}/g, (placeholder, key: string) => {
    const value = params[key];
    return value === undefined ? placeholder : String(value);
  });
}

/** An error that carries its catalogue code, for code paths that throw rather than collect. */
export class ShipshapeError extends Error {
  readonly code: string;
  readonly errorName: ErrorName;
  readonly disposition: Disposition;
  readonly params: ErrorParams;

  constructor(name: ErrorName, params: ErrorParams = {}, options?: ErrorOptions) {
    super(formatMessage(name, params), options);
    this.name = 'ShipshapeError';
    this.errorName = name;
    this.code = errorCatalogue[name].code;
    this.disposition = errorCatalogue[name].disposition;
    this.params = params;
  }
}
