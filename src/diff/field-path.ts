/**
 * Field paths as docs/MANIFESTS.md writes them: `containerDefinitions[name=app].environment[name=LOG].value`.
 *
 * - `a.b`: object members; a member name that is not plain is quoted: `attributes["stickiness.enabled"]`;
 * - `[n]`: the n-th element of an ordered list;
 * - `[key=value]`: the element of a keyed list whose `key` member is `value`; several keys are
 *   separated by commas (`[containerPort=80,protocol=tcp]`); a value that is not plain is quoted;
 * - `[*]` (or `[]`): any element; only meaningful in patterns.
 */
export type PathSegment =
  | { readonly kind: 'member'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'select'; readonly match: readonly KeyMatch[] }
  | { readonly kind: 'any' };

export type KeyMatch = readonly [key: string, value: string];
export type FieldPath = readonly PathSegment[];

export class FieldPathError extends Error {
  readonly path: string;
  readonly position: number;

  constructor(path: string, position: number, expectation: string) {
    super(`Malformed field path ${JSON.stringify(path)} at position ${position}: ${expectation}`);
    this.name = 'FieldPathError';
    this.path = path;
    this.position = position;
  }
}

const PLAIN_MEMBER = /^[^.[\]"=,\s]+$/;
const PLAIN_MEMBER_CHAR = /[^.[\]"=,\s]/;
const PLAIN_VALUE = /^[^\]",\s](?:[^\]",]*[^\]",\s])?$/;
const SELECT_KEY = /^[A-Za-z_$][\w$-]*$/;

export const isSelectKey = (key: string): boolean => SELECT_KEY.test(key);

export const member = (name: string): PathSegment => ({ kind: 'member', name });
export const index = (at: number): PathSegment => ({ kind: 'index', index: at });
export const select = (...match: KeyMatch[]): PathSegment => ({ kind: 'select', match });
export const anyElement: PathSegment = { kind: 'any' };

export function formatPath(path: FieldPath): string {
  let text = '';
  for (const segment of path) {
    if (segment.kind === 'member') {
      if (PLAIN_MEMBER.test(segment.name)) text += text === '' ? segment.name : `.${segment.name}`;
      else text += `[${JSON.stringify(segment.name)}]`;
    } else {
      text += `[${formatBracket(segment)}]`;
    }
  }
  return text;
}

function formatBracket(segment: Exclude<PathSegment, { kind: 'member' }>): string {
  if (segment.kind === 'index') return String(segment.index);
  if (segment.kind === 'any') return '*';
  return segment.match
    .map(([key, value]) => `${key}=${PLAIN_VALUE.test(value) ? value : JSON.stringify(value)}`)
    .join(',');
}

/** Parses a field path; throws {@link FieldPathError} saying where and what was expected. */
export function parsePath(text: string): FieldPath {
  return new PathReader(text).read();
}

class PathReader {
  readonly #text: string;
  #at = 0;
  readonly #segments: PathSegment[] = [];

  constructor(text: string) {
    this.#text = text;
  }

  read(): FieldPath {
    if (this.#text === '') return [];
    if (this.#peek() !== '[') this.#segments.push(member(this.#plainMember()));
    while (this.#at < this.#text.length) {
      const char = this.#peek();
      if (char === '.') {
        this.#at += 1;
        this.#segments.push(member(this.#plainMember()));
      } else if (char === '[') {
        this.#at += 1;
        this.#segments.push(this.#bracket());
        this.#expect(']');
      } else {
        this.#fail('expected "." or "["');
      }
    }
    return this.#segments;
  }

  #peek(): string | undefined {
    return this.#text[this.#at];
  }

  #fail(expectation: string): never {
    throw new FieldPathError(this.#text, this.#at, expectation);
  }

  #expect(char: string): void {
    if (this.#peek() !== char) this.#fail(`expected "${char}"`);
    this.#at += 1;
  }

  #plainMember(): string {
    const start = this.#at;
    while (this.#at < this.#text.length && PLAIN_MEMBER_CHAR.test(this.#text[this.#at] ?? '')) this.#at += 1;
    if (this.#at === start) this.#fail('expected a member name');
    return this.#text.slice(start, this.#at);
  }

  #bracket(): PathSegment {
    const char = this.#peek();
    if (char === ']') return anyElement;
    if (char === '*') {
      this.#at += 1;
      return anyElement;
    }
    if (char === '"') return member(this.#quoted());
    if (char !== undefined && /\d/.test(char)) return index(this.#index());
    const match: KeyMatch[] = [];
    do {
      if (match.length > 0) this.#at += 1;
      match.push(this.#keyMatch());
    } while (this.#peek() === ',');
    const keys = new Set(match.map(([key]) => key));
    if (keys.size !== match.length) this.#fail('a key may appear once in a selector');
    return select(...match);
  }

  #index(): number {
    const start = this.#at;
    while (/\d/.test(this.#peek() ?? '')) this.#at += 1;
    const digits = this.#text.slice(start, this.#at);
    if (digits.length > 1 && digits.startsWith('0')) this.#failAt(start, 'an index has no leading zeros');
    const value = Number(digits);
    if (!Number.isSafeInteger(value)) this.#failAt(start, 'an index must be a safe integer');
    return value;
  }

  #failAt(position: number, expectation: string): never {
    this.#at = position;
    this.#fail(expectation);
  }

  #keyMatch(): KeyMatch {
    const start = this.#at;
    const equals = this.#text.indexOf('=', start);
    const key = equals < 0 ? '' : this.#text.slice(start, equals);
    if (!SELECT_KEY.test(key)) this.#fail('expected an index, "*", a quoted member or key=value');
    this.#at = equals + 1;
    return [key, this.#peek() === '"' ? this.#quoted() : this.#plainValue()];
  }

  #plainValue(): string {
    const start = this.#at;
    while (this.#at < this.#text.length && !/[\]",]/.test(this.#text[this.#at] ?? '')) this.#at += 1;
    const value = this.#text.slice(start, this.#at);
    if (!PLAIN_VALUE.test(value))
      this.#failAt(start, 'expected a value (quote it if empty or padded with spaces)');
    return value;
  }

  /** A JSON string literal: `"..."` with JSON escapes. */
  #quoted(): string {
    const start = this.#at;
    let end = start + 1;
    while (end < this.#text.length && this.#text[end] !== '"') end += this.#text[end] === '\\' ? 2 : 1;
    if (end >= this.#text.length) this.#fail('unterminated quoted string');
    this.#at = end + 1;
    try {
      const value: unknown = JSON.parse(this.#text.slice(start, end + 1));
      if (typeof value === 'string') return value;
    } catch {
      // reported below with the position of the opening quote
    }
    return this.#failAt(start, 'invalid escape in quoted string');
  }
}
