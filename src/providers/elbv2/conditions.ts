import type { JsonObject, JsonValue } from '../../diff/index.ts';
import { ownValue } from '../../own.ts';
import { pruneEmptyObject } from '../prune-empty.ts';
import { asList, asObject } from './member-case.ts';

const CONFIG_OF: ReadonlyMap<string, string> = new Map([
  ['host-header', 'hostHeaderConfig'],
  ['path-pattern', 'pathPatternConfig'],
  ['http-header', 'httpHeaderConfig'],
  ['http-request-method', 'httpRequestMethodConfig'],
  ['query-string', 'queryStringConfig'],
  ['source-ip', 'sourceIpConfig'],
]);

/** Per condition field, whether the manifest gives its values as the top-level `values` or in the *Config. */
export type ConditionForms = ReadonlyMap<string, 'values' | 'config'>;

export function declaredConditionForms(conditions: JsonValue | undefined): ConditionForms {
  const forms = new Map<string, 'values' | 'config'>();
  for (const raw of asList(conditions)) {
    const condition = asObject(raw);
    if (typeof condition.field === 'string')
      forms.set(condition.field, condition.values !== undefined ? 'values' : 'config');
  }
  return forms;
}

/**
 * Conditions in the form the manifest declares them (ACK #2759): AWS answers
 * host-header and path-pattern with both `Values` and `*Config.Values`.
 * Sorted by field, so that the order AWS lists them in does not matter.
 */
export function normaliseConditions(conditions: JsonValue | undefined, forms: ConditionForms): JsonObject[] {
  return asList(conditions)
    .map((raw) => {
      const { field, values, ...rest } = asObject(raw);
      const name = typeof field === 'string' ? field : '';
      const configName = CONFIG_OF.get(name) ?? `${name}Config`;
      const config = asObject(ownValue(rest, configName));
      const allValues = values ?? config.values;
      const others: JsonObject = Object.fromEntries(
        Object.entries(rest).filter(([key]) => key !== configName && !key.endsWith('Config')),
      );
      if (forms.get(name) === 'values')
        return pruneEmptyObject({ field: name, ...others, values: allValues });
      return pruneEmptyObject({ field: name, ...others, [configName]: { ...config, values: allValues } });
    })
    .sort((a, b) => String(a.field).localeCompare(String(b.field)));
}
