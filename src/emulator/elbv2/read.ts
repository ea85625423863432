import { InputReader } from '../core/input.ts';
import { isJsonObject, type JsonObject } from '../core/json.ts';
import { elbError, validationError } from './errors.ts';

export function reader(input: JsonObject): InputReader {
  return new InputReader(input, validationError);
}

/** Names of load balancers and target groups: 1-32 alphanumerics or hyphens, no hyphen at either end. */
export function checkResourceName(kind: 'Load balancer' | 'Target group', name: string): void {
  if (name.length > 32) {
    throw validationError(`${kind} name '${name}' cannot be longer than '32' characters`);
  }
  if (!/^[a-zA-Z0-9-]+$/.test(name)) {
    throw validationError(
      `${kind} name '${name}' can only contain characters that are alphanumeric characters or hyphens(-)`,
    );
  }
  if (name.startsWith('-') || name.endsWith('-')) {
    throw validationError(`${kind} name '${name}' cannot begin or end with '-' character`);
  }
}

/** A list of structures, each checked to be an object. */
export function objectList(
  input: InputReader,
  name: string,
  rule: { min?: number; max?: number } = {},
): JsonObject[] {
  const list = input.array(name, rule) ?? [];
  return list.map((item) => {
    if (!isJsonObject(item)) throw validationError(`${name} must be a list of structures`);
    return item;
  });
}

const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Tags of a request, checked for length, characters and duplicate keys. */
export function readTags(input: InputReader, name = 'Tags'): Array<[string, string]> {
  const tags = objectList(input, name, { min: 1 }).map((raw) => {
    const tag = reader(raw);
    const key = tag.requiredString('Key', { min: 1, max: 128, pattern: TAG_TEXT });
    return [key, tag.string('Value', { max: 256, pattern: TAG_TEXT }) ?? ''] as [string, string];
  });
  const keys = new Set(tags.map(([key]) => key));
  if (keys.size !== tags.length) throw elbError('DuplicateTagKeys', 'Tag keys must be unique');
  return tags;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
