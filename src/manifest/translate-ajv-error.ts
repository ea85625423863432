import type { ErrorObject } from 'ajv/dist/2020.js';
import { ownValue } from '../own.ts';
import { launchTypeConflict } from './checks/launch-type.ts';
import { describeValue, jsonType, listOf } from './describe-value.ts';
import { isRecord, segmentsOfPointer } from './field-path.ts';
import { LITERAL_OF_REFERENCE, literalOfReference } from './kinds.ts';
import type { Problem } from './schema-problem.ts';

/** Turns one ajv error (compiled with `verbose`) into a catalogue problem; undefined for pure noise. */
export function translateAjvError(error: ErrorObject, document: unknown): Problem | undefined {
  const problem = translate(error, document);
  // A bad property name (propertyNames) is pointed at by its key, not its value.
  return problem !== undefined && error.propertyName !== undefined ? { ...problem, target: 'key' } : problem;
}

function translate(error: ErrorObject, document: unknown): Problem | undefined {
  const named = error.propertyName;
  // Errors about a property's name (propertyNames) point at that key.
  const at = [...segmentsOfPointer(document, error.instancePath), ...(named === undefined ? [] : [named])];
  const parent = isRecord(error.parentSchema) ? error.parentSchema : {};
  const params: Record<string, unknown> = error.params;
  switch (error.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const field = String(params.additionalProperty ?? params.unevaluatedProperty);
      return { name: 'UNKNOWN_FIELD', segments: [...at, field], target: 'key', params: { field } };
    }
    case 'required':
    case 'dependentRequired': {
      const field = String(params.missingProperty);
      return {
        name: 'MISSING_REQUIRED',
        segments: [...at, field],
        target: 'key',
        params: { field: `"${field}"` },
      };
    }
    case 'type':
      return {
        name: 'WRONG_TYPE',
        segments: at,
        target: 'value',
        params: {
          expected: article(listOf(String(params.type).split(','))),
          actual: article(jsonType(error.data)),
        },
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        name: 'OUT_OF_RANGE',
        segments: at,
        target: 'value',
        params: { limit: range(parent), actual: describeValue(error.data) },
      };
    case 'minLength':
    case 'maxLength':
      return {
        name: 'INVALID_LENGTH',
        segments: at,
        target: 'value',
        params: {
          limit: `${bounds(parent.minLength, parent.maxLength)} characters long`,
          actual: `${(named ?? (typeof error.data === 'string' ? error.data : '')).length} characters`,
        },
      };
    case 'minItems':
    case 'maxItems':
      return count(
        at,
        parent.minItems,
        parent.maxItems,
        'items',
        Array.isArray(error.data) ? error.data.length : 0,
      );
    case 'minProperties':
    case 'maxProperties':
      return count(
        at,
        parent.minProperties,
        parent.maxProperties,
        'entries',
        isRecord(error.data) ? Object.keys(error.data).length : 0,
      );
    case 'pattern':
      return {
        name: 'PATTERN_MISMATCH',
        segments: at,
        target: 'value',
        params: { pattern: String(params.pattern) },
      };
    case 'format':
      return {
        name: 'INVALID_VALUE',
        segments: at,
        target: 'value',
        params: { reason: `must be a valid ${String(params.format)}` },
      };
    case 'enum':
      return enumProblem(at, Array.isArray(params.allowedValues) ? params.allowedValues : [], error.data);
    case 'const':
      return enumProblem(at, [params.allowedValue], error.data);
    case 'uniqueItems':
      return {
        name: 'DUPLICATE_ITEMS',
        segments: at,
        target: 'value',
        params: { first: Number(params.j), second: Number(params.i) },
      };
    case 'not':
      return notProblem(at, error.schema);
    case 'if':
    case 'propertyNames':
      return undefined; // the errors inside say what is wrong
    case 'false schema':
      return forbiddenField(at, document);
    default:
      return {
        name: 'INVALID_VALUE',
        segments: at,
        target: 'value',
        params: { reason: error.message ?? error.keyword },
      };
  }
}

export function enumProblem(at: Problem['segments'], allowed: readonly unknown[], actual: unknown): Problem {
  return {
    name: 'INVALID_ENUM',
    segments: at,
    target: 'value',
    params: { allowed: listOf(allowed), actual: describeValue(actual) },
  };
}

/** `not: {required: [a, b]}` is how a schema says "a and b exclude each other". */
export function exclusionProblem(at: Problem['segments'], fields: readonly string[]): Problem {
  const [first, second] = fields;
  if (first !== undefined && second !== undefined && fields.length === 2) {
    const ref = first.endsWith('Ref') ? first : second.endsWith('Ref') ? second : undefined;
    const literal = ref === first ? second : first;
    if (ref !== undefined && literalOfReference(ref) === literal) {
      return { name: 'REF_AND_LITERAL', segments: [...at, ref], target: 'key', params: { ref, literal } };
    }
    return {
      name: 'CONFLICTING_SETTINGS',
      segments: [...at, second],
      target: 'key',
      params: { reason: `"${first}" and "${second}" cannot both be set` },
    };
  }
  if (first !== undefined && fields.length === 1) {
    return {
      name: 'CONFLICTING_SETTINGS',
      segments: [...at, first],
      target: 'key',
      params: { reason: `"${first}" is not allowed with the other settings of this object` },
    };
  }
  return {
    name: 'CONFLICTING_SETTINGS',
    segments: at,
    target: 'value',
    params: { reason: `only one of ${listOf(fields)} may be set` },
  };
}

/** A field a schema forbids (`false`), usually because a sibling excludes it. */
function forbiddenField(at: Problem['segments'], document: unknown): Problem {
  const field = String(at.at(-1));
  const parentPath = at.slice(0, -1);
  const parent = valueAt(document, parentPath);
  const ref = Object.entries(LITERAL_OF_REFERENCE).find(
    ([key, literal]) => literal === field && isRecord(parent) && ownValue(parent, key) !== undefined,
  )?.[0];
  if (ref !== undefined) return exclusionProblem(parentPath, [ref, field]);
  if (field === 'capacityProviderStrategy' && isRecord(parent) && parent.launchType !== undefined) {
    return launchTypeConflict(parentPath);
  }
  return {
    name: 'CONFLICTING_SETTINGS',
    segments: at,
    target: 'key',
    params: { reason: `"${field}" is not allowed with the other settings of this object` },
  };
}

function valueAt(document: unknown, segments: Problem['segments']): unknown {
  let node = document;
  for (const segment of segments) {
    node = Array.isArray(node)
      ? node[Number(segment)]
      : isRecord(node)
        ? ownValue(node, String(segment))
        : undefined;
  }
  return node;
}

function notProblem(at: Problem['segments'], schema: unknown): Problem {
  const onlyRequired =
    isRecord(schema) &&
    Object.keys(schema).every((key) => key === 'required' || key === 'properties' || key === 'type');
  if (onlyRequired && Array.isArray(schema.required)) {
    return exclusionProblem(at, schema.required.map(String));
  }
  return { name: 'INVALID_VALUE', segments: at, target: 'value', params: { reason: 'is not allowed here' } };
}

function count(at: Problem['segments'], min: unknown, max: unknown, unit: string, actual: number): Problem {
  return {
    name: 'ITEM_COUNT',
    segments: at,
    target: 'value',
    params: { limit: `${bounds(min, max)} ${unit}`, actual: String(actual) },
  };
}

function range(schema: Record<string, unknown>): string {
  const low = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const high = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  const parts: string[] = [];
  if (low !== undefined && high !== undefined) parts.push(`from ${low} to ${high}`);
  else if (low !== undefined) parts.push(`at least ${low}`);
  else if (high !== undefined) parts.push(`at most ${high}`);
  if (typeof schema.exclusiveMinimum === 'number') parts.push(`greater than ${schema.exclusiveMinimum}`);
  if (typeof schema.exclusiveMaximum === 'number') parts.push(`less than ${schema.exclusiveMaximum}`);
  return parts.join(' and ');
}

function bounds(min: unknown, max: unknown): string {
  const low = typeof min === 'number' ? min : undefined;
  const high = typeof max === 'number' ? max : undefined;
  if (low !== undefined && high !== undefined) return low === high ? `exactly ${low}` : `${low} to ${high}`;
  if (low !== undefined) return `at least ${low}`;
  return `at most ${high ?? '?'}`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
