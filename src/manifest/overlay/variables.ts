import { parse } from 'yaml';
import type { Place } from '../diagnostic.ts';
import type { PatchIssue } from './merge-patch.ts';
import type { ScalarTree, Tree } from './tree.ts';

/** A value `${name}` stands for, and where it was set (for the rendered comments). */
export interface VariableValue {
  readonly value: string;
  /** `overlay.yaml:7` or `ssm:/prod/db/host`. */
  readonly from: string;
  /** An SSM SecureString: masked wherever Shipshape prints it. */
  readonly secret?: boolean;
}

export type Variables = ReadonlyMap<string, VariableValue>;

const VARIABLE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$\{/g;
const WHOLE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/**
 * Replaces `${name}` in every string of the tree; `$${` stands for a literal `${`. An unknown name,
 * or a `${` that starts no name, is an issue placed at the `${` itself. A plain (unquoted) scalar
 * that is one whole `${name}` takes the type its value would have written there (`4` a number).
 * `used` collects the names met.
 */
export function substitute(tree: Tree, variables: Variables, used: Set<string>, issues: PatchIssue[]): Tree {
  if (tree.kind === 'map') {
    return {
      ...tree,
      entries: tree.entries.map((e) => ({ ...e, value: substitute(e.value, variables, used, issues) })),
    };
  }
  if (tree.kind === 'seq')
    return { ...tree, items: tree.items.map((i) => substitute(i, variables, used, issues)) };
  if (typeof tree.value !== 'string' || !tree.value.includes('${')) return tree;
  return substituteScalar(tree, tree.value, variables, used, issues);
}

function substituteScalar(
  tree: ScalarTree,
  text: string,
  variables: Variables,
  used: Set<string>,
  issues: PatchIssue[],
): ScalarTree {
  let occurrence = -1;
  let failed = false;
  const replaced = text.replace(VARIABLE, (match, name: string | undefined) => {
    // Each match holds one `${`, the escape included: the n-th in the value is the n-th in the source.
    occurrence += 1;
    if (match === '$${') return '${';
    if (name === undefined) {
      failed = true;
      issues.push({
        at: placeOfOccurrence(tree, occurrence),
        // biome-ignore lint/suspicious/noTemplateCurlyInString: an overlay variable, written as the user writes it
        reason: '"${" starts no variable: write ${name} (letters, digits, _), or $${ for a literal "${"',
      });
      return match;
    }
    const variable = variables.get(name);
    if (variable === undefined) {
      failed = true;
      issues.push({ at: placeOfOccurrence(tree, occurrence), reason: unknownVariable(name, variables) });
      return match;
    }
    used.add(name);
    return variable.value;
  });
  if (failed) return tree;
  const whole = WHOLE.exec(text);
  if (whole !== null && tree.plain === true) return { kind: 'scalar', value: typed(replaced), at: tree.at };
  return { kind: 'scalar', value: replaced, at: tree.at };
}

function unknownVariable(name: string, variables: Variables): string {
  const known = [...variables.keys()].sort();
  const list = known.length === 0 ? 'none is defined' : `defined: ${known.join(', ')}`;
  return `unknown variable "${name}" (${list}); set it under variables or parameters of an overlay, or write $\${ for a literal "\${"`;
}

/** A number or boolean as YAML would read it unquoted; any other text stays a string. */
function typed(value: string): string | number | boolean {
  try {
    const parsed: unknown = parse(value);
    return typeof parsed === 'number' || typeof parsed === 'boolean' ? parsed : value;
  } catch {
    return value;
  }
}

/** Where the n-th `${` of the value is written: found in the scalar's source, else the scalar's start. */
function placeOfOccurrence(tree: ScalarTree, n: number): Place {
  const source = tree.source;
  if (source === undefined) return tree.at;
  let offset = -1;
  for (let k = 0; k <= n; k++) {
    offset = source.indexOf('${', offset + 1);
    if (offset < 0) return tree.at;
  }
  const before = source.slice(0, offset);
  const newline = before.lastIndexOf('\n');
  if (newline < 0) return { ...tree.at, column: tree.at.column + offset };
  const lines = before.split('\n').length - 1;
  return { file: tree.at.file, line: tree.at.line + lines, column: offset - newline };
}
