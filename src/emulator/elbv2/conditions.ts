import type { InputReader } from '../core/input.ts';
import type { JsonObject } from '../core/json.ts';
import { validationError } from './errors.ts';
import { objectList, reader } from './read.ts';

const FIELDS = [
  'host-header',
  'path-pattern',
  'http-header',
  'http-request-method',
  'query-string',
  'source-ip',
];
const CONFIG_OF: Readonly<Record<string, string>> = {
  'host-header': 'HostHeaderConfig',
  'path-pattern': 'PathPatternConfig',
  'http-header': 'HttpHeaderConfig',
  'http-request-method': 'HttpRequestMethodConfig',
  'query-string': 'QueryStringConfig',
  'source-ip': 'SourceIpConfig',
};
/** Fields whose values may also be given in the legacy top-level Values. */
const WITH_VALUES = new Set(['host-header', 'path-pattern']);

function strings(input: InputReader, name: string): string[] {
  return input.stringArray(name) ?? [];
}

/**
 * One condition in AWS's answer form: host-header and path-pattern carry
 * their values both in Values and in the *Config; the others only in the
 * *Config.
 */
function readCondition(raw: JsonObject): JsonObject {
  const condition = reader(raw);
  const field = condition.requiredString('Field', { oneOf: FIELDS });
  const configName = CONFIG_OF[field] as string;
  const config = condition.nested(configName);
  const topValues = strings(condition, 'Values');
  if (topValues.length > 0 && !WITH_VALUES.has(field)) {
    throw validationError(`Values cannot be used with the '${field}' field; use ${configName}`);
  }
  let body: JsonObject;
  if (field === 'query-string') {
    const pairs = objectList(config, 'Values').map((pair) => {
      const entry = reader(pair);
      return { Key: entry.string('Key'), Value: entry.requiredString('Value') };
    });
    if (pairs.length === 0) throw validationError('A query-string condition needs at least one value');
    body = { QueryStringConfig: { Values: pairs } };
  } else if (field === 'http-header') {
    const values = strings(config, 'Values');
    if (values.length === 0) throw validationError('An http-header condition needs at least one value');
    body = {
      HttpHeaderConfig: {
        HttpHeaderName: config.requiredString('HttpHeaderName', { max: 40 }),
        Values: values,
      },
    };
  } else {
    const configValues = strings(config, 'Values');
    if (topValues.length > 0 && configValues.length > 0) {
      throw validationError(`Values and ${configName} cannot both be specified`);
    }
    const values = configValues.length > 0 ? configValues : topValues;
    if (values.length === 0) throw validationError(`A ${field} condition needs at least one value`);
    body = WITH_VALUES.has(field)
      ? { Values: values, [configName]: { Values: values } }
      : { [configName]: { Values: values } };
  }
  return { Field: field, ...body };
}

export function readConditions(input: InputReader): JsonObject[] {
  const conditions = objectList(input, 'Conditions').map(readCondition);
  if (conditions.length === 0) throw validationError('A rule must have at least one condition');
  return conditions;
}
