export type { ComparisonSpec, ListKeys, ListRule } from './comparison-spec.ts';
export { diff } from './diff.ts';
export { type DriftEntry, differentAt, differentExcept, filterIgnored, type PathInput } from './drift.ts';
export {
  anyElement,
  type FieldPath,
  FieldPathError,
  formatPath,
  index,
  type KeyMatch,
  member,
  type PathSegment,
  parsePath,
  select,
} from './field-path.ts';
export {
  canonical,
  compareJson,
  isJsonObject,
  type JsonObject,
  type JsonPrimitive,
  type JsonValue,
  jsonEqual,
  stableStringify,
} from './json.ts';
