import { createHash } from 'node:crypto';
import { AwsError } from '../core/aws-error.ts';
import type { RequestContext } from '../core/context.ts';
import { InputReader } from '../core/input.ts';
import type { JsonObject } from '../core/json.ts';
import type { StateKey } from '../core/world.ts';

const TYPES = ['String', 'StringList', 'SecureString'];
/** AWS's rule for a parameter name: these characters, a hierarchy starting with `/`. */
const NAME = /^[a-zA-Z0-9_.\-/]+$/;
const MAX_VALUE = 4096;
/** GetParameters takes 1 to 10 names. */
export const MAX_NAMES = 10;

interface Parameter {
  readonly name: string;
  readonly type: string;
  readonly value: string;
  readonly version: number;
  readonly modifiedAt: number;
}

/** The parameters of one account and region, by name. */
const PARAMETERS: StateKey<Map<string, Parameter>> = { name: 'ssm-parameters', create: () => new Map() };

const invalid = (message: string): AwsError => new AwsError('ValidationException', message);

function notFound(name: string): AwsError {
  return new AwsError('ParameterNotFound', `Parameter ${name} not found.`);
}

function readName(reader: InputReader, member = 'Name'): string {
  const name = reader.requiredString(member, { min: 1, max: 2048, pattern: NAME });
  checkName(name);
  return name;
}

function checkName(name: string): void {
  if (name.includes('/') && !name.startsWith('/')) {
    throw invalid(`Parameter name: a hierarchy must start with a forward slash (/): ${name}`);
  }
}

/**
 * A parameter as GetParameter answers it. A SecureString read without decryption answers an
 * opaque stand-in for its ciphertext, never the value.
 */
function view(parameter: Parameter, decrypt: boolean, context: RequestContext): JsonObject {
  const secret = parameter.type === 'SecureString' && !decrypt;
  const path = parameter.name.startsWith('/') ? parameter.name : `/${parameter.name}`;
  return {
    Name: parameter.name,
    Type: parameter.type,
    Value: secret ? ciphertextOf(parameter) : parameter.value,
    Version: parameter.version,
    LastModifiedDate: parameter.modifiedAt / 1000,
    ARN: `arn:aws:ssm:${context.region}:${context.accountId}:parameter${path}`,
    DataType: 'text',
  };
}

function ciphertextOf(parameter: Parameter): string {
  return createHash('sha256')
    .update(`${parameter.name}:${parameter.version}:${parameter.value}`)
    .digest('base64');
}

export function putParameter(input: JsonObject, context: RequestContext): JsonObject {
  const reader = new InputReader(input, invalid);
  const name = readName(reader);
  if (/^\/?(aws|ssm)/i.test(name)) {
    throw invalid(`Parameter name: can't be prefixed with "aws" or "ssm" (case-insensitive): ${name}`);
  }
  const value = reader.requiredString('Value', { max: MAX_VALUE });
  const type = reader.string('Type', { oneOf: TYPES });
  const overwrite = reader.boolean('Overwrite') ?? false;
  const parameters = context.world.get(PARAMETERS);
  const existing = parameters.get(name);
  if (existing !== undefined && !overwrite) {
    throw new AwsError(
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
    );
  }
  const chosen = type ?? existing?.type;
  if (chosen === undefined) throw invalid('A parameter type is required when you create a parameter.');
  if (
    existing !== undefined &&
    type !== undefined &&
    type !== existing.type &&
    existing.type === 'SecureString'
  ) {
    throw new AwsError(
      'HierarchyTypeMismatchException',
      `Parameter ${name} is a SecureString; its type cannot change.`,
    );
  }
  const version = (existing?.version ?? 0) + 1;
  parameters.set(name, { name, type: chosen, value, version, modifiedAt: context.now() });
  return { Version: version, Tier: 'Standard' };
}

export function getParameter(input: JsonObject, context: RequestContext): JsonObject {
  const reader = new InputReader(input, invalid);
  const name = readName(reader);
  const parameter = context.world.get(PARAMETERS).get(name);
  if (parameter === undefined) throw notFound(name);
  return { Parameter: view(parameter, reader.boolean('WithDecryption') ?? false, context) };
}

/** Names found are answered in `Parameters`, the others listed in `InvalidParameters`; no error for them. */
export function getParameters(input: JsonObject, context: RequestContext): JsonObject {
  const reader = new InputReader(input, invalid);
  const names = reader.stringArray('Names', { min: 1 });
  if (names === undefined) throw invalid('Names is required');
  if (names.length > MAX_NAMES) {
    throw invalid(
      `1 validation error detected: Value '[${names.join(', ')}]' at 'names' failed to satisfy constraint: Member must have length less than or equal to ${MAX_NAMES}`,
    );
  }
  const decrypt = reader.boolean('WithDecryption') ?? false;
  const parameters = context.world.get(PARAMETERS);
  const found: JsonObject[] = [];
  const missing: string[] = [];
  for (const name of [...new Set(names)]) {
    const parameter = parameters.get(name);
    if (parameter === undefined) missing.push(name);
    else found.push(view(parameter, decrypt, context));
  }
  return { Parameters: found, InvalidParameters: missing };
}

export function deleteParameter(input: JsonObject, context: RequestContext): JsonObject {
  const name = readName(new InputReader(input, invalid));
  if (!context.world.get(PARAMETERS).delete(name)) throw notFound(name);
  return {};
}
