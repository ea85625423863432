import type { ErrorObject } from 'ajv/dist/2020.js';
import { describeValue, jsonType, listOf } from './describe-value.ts';
import { isRecord, segmentsOfPointer } from './field-path.ts';
import type { SchemaIndex } from './schema-index.ts';
import type { Problem } from './schema-problem.ts';
import { enumProblem, exclusionProblem, translateAjvError } from './translate-ajv-error.ts';

/**
 * ajv with allErrors reports every branch of every oneOf/anyOf. A person wants one error per real
 * problem: for each failed combinator keep the branch the value came closest to, or one merged
 * error when the value fits no branch's shape at all.
 */
export function collapseAjvErrors(
  errors: readonly ErrorObject[],
  document: unknown,
  index: SchemaIndex,
): Problem[] {
  const removed = new Set<number>();
  // A combinator error replaced by the one problem it stands for; nested combinators come first in
  // ajv's list, so an outer one can still discard an inner one's replacement with its branch.
  const replaced = new Map<number, Problem>();
  errors.forEach((error, k) => {
    if (error.keyword !== 'oneOf' && error.keyword !== 'anyOf') return;
    const branches = Array.isArray(error.schema) ? error.schema : [];
    if (Array.isArray(error.params.passingSchemas)) {
      replaced.set(k, tooManyMatches(error, branches, document));
      return;
    }
    const members = branches.map((branch) =>
      memberIndices(errors, k, error.instancePath, index.reachable(branch), removed),
    );
    const outcome = chooseBranch(errors, members, error, document);
    members.forEach((list, j) => {
      if (j === outcome.keep) return;
      for (const i of list) {
        removed.add(i);
        replaced.delete(i);
      }
    });
    if (outcome.problem === undefined) removed.add(k);
    else replaced.set(k, outcome.problem);
  });
  const problems = errors.flatMap((error, i) => {
    const replacement = replaced.get(i);
    if (replacement !== undefined) return [replacement];
    if (removed.has(i)) return [];
    const problem = translateAjvError(error, document);
    return problem === undefined ? [] : [problem];
  });
  return dedupe(problems);
}

function memberIndices(
  errors: readonly ErrorObject[],
  before: number,
  at: string,
  reach: ReadonlySet<object>,
  removed: ReadonlySet<number>,
): number[] {
  const list: number[] = [];
  for (let i = 0; i < before; i += 1) {
    const error = errors[i];
    if (error === undefined || removed.has(i) || !within(error.instancePath, at)) continue;
    // An inner combinator error counts as a member through its own schema object.
    if (typeof error.parentSchema === 'object' && reach.has(error.parentSchema)) list.push(i);
  }
  return list;
}

interface Outcome {
  /** The branch whose errors stay; -1 for none. */
  readonly keep: number;
  /** One error that replaces every branch's errors. */
  readonly problem?: Problem;
}

function chooseBranch(
  errors: readonly ErrorObject[],
  members: readonly number[][],
  combinator: ErrorObject,
  document: unknown,
): Outcome {
  const at = combinator.instancePath;
  const scored = members.map((list, j) => ({ j, list, rank: rankOf(errors, list, at) }));
  const attributed = scored.filter((s) => s.list.length > 0);
  const segments = segmentsOfPointer(document, at);
  if (attributed.length === 0) {
    return {
      keep: -1,
      problem: {
        name: 'INVALID_VALUE',
        segments,
        target: 'value',
        params: { reason: 'does not match any allowed form' },
      },
    };
  }
  if (attributed.every((s) => s.rank === WRONG_SHAPE)) {
    const expected = new Set(attributed.flatMap((s) => rootTypes(errors, s.list, at)));
    return {
      keep: -1,
      problem: {
        name: 'WRONG_TYPE',
        segments,
        target: 'value',
        params: { expected: listOf([...expected]), actual: jsonType(combinator.data) },
      },
    };
  }
  const missing = attributed.map((s) => onlyMissing(errors, s.list, at));
  if (missing.every((fields) => fields.length > 0)) {
    const field = listOf([...new Set(missing.flat())].map((f) => `"${f}"`));
    return { keep: -1, problem: { name: 'MISSING_REQUIRED', segments, target: 'key', params: { field } } };
  }
  if (attributed.every((s) => s.rank >= WRONG_DISCRIMINATOR)) {
    const merged = mergedDiscriminator(errors, attributed, at, document);
    if (merged !== undefined) return { keep: -1, problem: merged };
  }
  const best = [...attributed].sort(
    (a, b) => a.rank - b.rank || a.list.length - b.list.length || a.j - b.j,
  )[0];
  return { keep: best?.j ?? -1 };
}

const CLOSE = 0;
const WRONG_DISCRIMINATOR = 1;
const WRONG_SHAPE = 2;

function rankOf(errors: readonly ErrorObject[], list: readonly number[], at: string): number {
  const own = list.map((i) => errors[i]).filter((e): e is ErrorObject => e !== undefined);
  if (own.some((e) => e.keyword === 'type' && e.instancePath === at)) return WRONG_SHAPE;
  if (own.some((e) => isDiscriminatorError(e, at))) return WRONG_DISCRIMINATOR;
  return CLOSE;
}

/** The fields a branch misses, when missing fields are all that is wrong with it. */
function onlyMissing(errors: readonly ErrorObject[], list: readonly number[], at: string): string[] {
  const own = list.map((i) => errors[i]);
  if (!own.every((e) => e !== undefined && e.keyword === 'required' && e.instancePath === at)) return [];
  return own.map((e) => String(e?.params.missingProperty));
}

function isDiscriminatorError(error: ErrorObject, at: string): boolean {
  return (
    (error.keyword === 'const' || error.keyword === 'enum') && depth(error.instancePath) === depth(at) + 1
  );
}

function rootTypes(errors: readonly ErrorObject[], list: readonly number[], at: string): string[] {
  return list.flatMap((i) => {
    const e = errors[i];
    return e !== undefined && e.keyword === 'type' && e.instancePath === at
      ? String(e.params.type).split(',')
      : [];
  });
}

/** Every branch rejects the same property's value (e.g. an action `type`): one enum error listing them all. */
function mergedDiscriminator(
  errors: readonly ErrorObject[],
  branches: ReadonlyArray<{ list: readonly number[] }>,
  at: string,
  document: unknown,
): Problem | undefined {
  const perBranch = branches.map(
    (b) =>
      new Set(
        b.list
          .map((i) => errors[i])
          .flatMap((e) => (e !== undefined && isDiscriminatorError(e, at) ? [e.instancePath] : [])),
      ),
  );
  const first = perBranch[0];
  const common =
    first === undefined ? [] : [...first].filter((path) => perBranch.every((set) => set.has(path)));
  const path = common[0];
  if (path === undefined) return undefined;
  const allowed: unknown[] = [];
  let actual: unknown;
  for (const b of branches) {
    for (const i of b.list) {
      const e = errors[i];
      if (e === undefined || e.instancePath !== path || !isDiscriminatorError(e, at)) continue;
      actual = e.data;
      const values =
        e.keyword === 'const'
          ? [e.params.allowedValue]
          : Array.isArray(e.params.allowedValues)
            ? e.params.allowedValues
            : [];
      for (const v of values) if (!allowed.includes(v)) allowed.push(v);
    }
  }
  return enumProblem(segmentsOfPointer(document, path), allowed, actual);
}

function tooManyMatches(error: ErrorObject, branches: readonly unknown[], document: unknown): Problem {
  const at = segmentsOfPointer(document, error.instancePath);
  const passing = Array.isArray(error.params.passingSchemas) ? error.params.passingSchemas : [];
  const fields = passing.flatMap((j) => {
    const branch = typeof j === 'number' ? branches[j] : undefined;
    return isRecord(branch) && Array.isArray(branch.required) ? branch.required.map(String) : [];
  });
  if (fields.length === passing.length && fields.length > 1) return exclusionProblem(at, fields);
  return {
    name: 'CONFLICTING_SETTINGS',
    segments: at,
    target: 'value',
    params: {
      reason: `${describeValue(error.data)} matches more than one allowed form; set only one of them`,
    },
  };
}

function within(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

function depth(pointer: string): number {
  return pointer === '' ? 0 : pointer.split('/').length - 1;
}

/** One problem per field; a pattern that restates a length limit says nothing the length error does not. */
function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  const lengthAt = new Set(
    problems.filter((p) => p.name === 'INVALID_LENGTH').map((p) => JSON.stringify(p.segments)),
  );
  return problems.filter((p) => {
    if (p.name === 'PATTERN_MISMATCH' && lengthAt.has(JSON.stringify(p.segments))) return false;
    const key = `${p.name} ${JSON.stringify(p.segments)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
