/**
 * Narrowing of items read back from the table. The table is ours, so a field of the wrong type
 * means a bug or a hand edit: it throws with the field's name rather than passing bad data on.
 */
export type Item = Readonly<Record<string, unknown>>;

export class MalformedItem extends TypeError {
  constructor(field: string, expected: string, actual: unknown) {
    super(`state item field "${field}" must be ${expected}, got ${JSON.stringify(actual) ?? 'undefined'}`);
    this.name = 'MalformedItem';
  }
}

export function text(item: Item, field: string): string {
  const value = item[field];
  if (typeof value !== 'string') throw new MalformedItem(field, 'a string', value);
  return value;
}

export function optionalText(item: Item, field: string): string | undefined {
  return item[field] === undefined ? undefined : text(item, field);
}

export function num(item: Item, field: string): number {
  const value = item[field];
  if (typeof value !== 'number') throw new MalformedItem(field, 'a number', value);
  return value;
}

export function bool(item: Item, field: string): boolean {
  const value = item[field];
  if (typeof value !== 'boolean') throw new MalformedItem(field, 'a boolean', value);
  return value;
}

export function oneOf<T extends string>(item: Item, field: string, allowed: readonly T[]): T {
  const value = item[field];
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) throw new MalformedItem(field, `one of ${allowed.join(', ')}`, value);
  return match;
}

export function map(item: Item, field: string): Item {
  const value = item[field];
  if (!isItem(value)) throw new MalformedItem(field, 'a map', value);
  return value;
}

export function optionalMap(item: Item, field: string): Item | undefined {
  return item[field] === undefined ? undefined : map(item, field);
}

export function listOfMaps(item: Item, field: string): Item[] {
  const value = item[field] ?? [];
  if (!Array.isArray(value) || !value.every(isItem)) throw new MalformedItem(field, 'a list of maps', value);
  return value;
}

export function stringList(item: Item, field: string): string[] {
  const value = item[field];
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string'))
    throw new MalformedItem(field, 'a list of strings', value);
  return value;
}

export function stringMap(item: Item, field: string): Record<string, string> {
  const value = map(item, field);
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') throw new MalformedItem(`${field}.${key}`, 'a string', entry);
  }
  return value as Record<string, string>;
}

export function isItem(value: unknown): value is Item {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Copies the optional fields that are present, so results satisfy exactOptionalPropertyTypes. */
export function present<T extends Record<string, unknown>>(
  fields: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
