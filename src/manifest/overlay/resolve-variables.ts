import { createHash } from 'node:crypto';
import { type Diagnostic, diagnostic } from '../diagnostic.ts';
import type { Level } from './chain.ts';
import type { ParameterStore, ParameterValue } from './reader.ts';
import type { VariableValue } from './variables.ts';

export interface ResolvedVariables {
  readonly variables: ReadonlyMap<string, VariableValue>;
  readonly problems: readonly Diagnostic[];
  /** `ssm:<name>` and the sha256 of each parameter's value: part of the source digest, never the value. */
  readonly versions: ReadonlyArray<readonly [string, string]>;
}

/**
 * The variables of a chain, the innermost overlay's first so that an outer overlay's value wins.
 * Parameters are read in one go from SSM; a parameter that does not exist is an error at the
 * overlay line that names it.
 */
export async function resolveVariables(
  levels: readonly Level[],
  store: ParameterStore | undefined,
): Promise<ResolvedVariables> {
  const problems: Diagnostic[] = [];
  const names = [
    ...new Set(levels.flatMap((level) => [...level.spec.parameters.values()].map((p) => p.value))),
  ];
  let values: ReadonlyMap<string, ParameterValue> = new Map();
  if (names.length > 0 && store === undefined) {
    for (const level of levels) {
      for (const [name, parameter] of level.spec.parameters) {
        problems.push(
          diagnostic('INVALID_VALUE', {
            place: parameter.at,
            path: `parameters.${name}`,
            params: {
              reason: `SSM parameter "${parameter.value}" cannot be read here: this command has no SSM client`,
            },
          }),
        );
      }
    }
  } else if (store !== undefined && names.length > 0) {
    values = await store.getParameters(names);
  }
  const variables = new Map<string, VariableValue>();
  for (const level of [...levels].reverse()) {
    for (const [name, variable] of level.spec.variables) {
      variables.set(name, { value: variable.value, from: `${variable.at.file}:${variable.at.line}` });
    }
    for (const [name, parameter] of level.spec.parameters) {
      if (level.spec.variables.has(name)) {
        problems.push(
          diagnostic('INVALID_VALUE', {
            place: parameter.at,
            path: `parameters.${name}`,
            params: { reason: `"${name}" is both a variable and a parameter of this overlay; keep one` },
          }),
        );
        continue;
      }
      const found = values.get(parameter.value);
      if (found === undefined) {
        if (store !== undefined) {
          problems.push(
            diagnostic('INVALID_VALUE', {
              place: parameter.at,
              path: `parameters.${name}`,
              params: { reason: `SSM parameter "${parameter.value}" does not exist (for \${${name}})` },
            }),
          );
        }
        // Known, so that its uses do not each repeat the error above.
        variables.set(name, { value: '', from: `ssm:${parameter.value}` });
        continue;
      }
      variables.set(name, {
        value: found.value,
        from: `ssm:${parameter.value}`,
        ...(found.secure ? { secret: true } : {}),
      });
    }
  }
  const versions = [...values].map(
    ([name, found]) => [`ssm:${name}`, createHash('sha256').update(found.value).digest('hex')] as const,
  );
  return { variables, problems, versions };
}
