import type { AwsError } from './aws-error.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './json.ts';

interface StringRule {
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: RegExp;
  readonly oneOf?: readonly string[];
}

interface NumberRule {
  readonly min?: number;
  readonly max?: number;
}

/**
 * Reads members of a request input and checks them as AWS does: required
 * members, types, lengths, ranges and enums. `invalid` builds the service's
 * own validation error (InvalidParameterException, ValidationError, ...).
 */
export class InputReader {
  readonly #input: JsonObject;
  readonly #invalid: (message: string) => AwsError;

  constructor(input: JsonObject, invalid: (message: string) => AwsError) {
    this.#input = input;
    this.#invalid = invalid;
  }

  get raw(): JsonObject {
    return this.#input;
  }

  has(name: string): boolean {
    return this.#input[name] !== undefined && this.#input[name] !== null;
  }

  requiredString(name: string, rule: StringRule = {}): string {
    const value = this.string(name, rule);
    if (value === undefined) throw this.#invalid(`${name} is required`);
    return value;
  }

  string(name: string, rule: StringRule = {}): string | undefined {
    const value = this.#value(name);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw this.#invalid(`${name} must be a string`);
    if (rule.min !== undefined && value.length < rule.min) {
      throw this.#invalid(`${name} must be at least ${rule.min} characters long`);
    }
    if (rule.max !== undefined && value.length > rule.max) {
      throw this.#invalid(`${name} must be at most ${rule.max} characters long`);
    }
    if (rule.pattern !== undefined && !rule.pattern.test(value)) {
      throw this.#invalid(`${name} '${value}' does not match ${rule.pattern.source}`);
    }
    if (rule.oneOf !== undefined && !rule.oneOf.includes(value)) {
      throw this.#invalid(`${name} '${value}' must be one of: ${rule.oneOf.join(', ')}`);
    }
    return value;
  }

  requiredNumber(name: string, rule: NumberRule = {}): number {
    const value = this.number(name, rule);
    if (value === undefined) throw this.#invalid(`${name} is required`);
    return value;
  }

  /** Accepts a JSON number or a numeric string (query protocols send strings). */
  number(name: string, rule: NumberRule = {}): number | undefined {
    const raw = this.#value(name);
    if (raw === undefined) return undefined;
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw this.#invalid(`${name} must be a number`);
    if (rule.min !== undefined && value < rule.min) throw this.#invalid(`${name} must be >= ${rule.min}`);
    if (rule.max !== undefined && value > rule.max) throw this.#invalid(`${name} must be <= ${rule.max}`);
    return value;
  }

  /** Accepts a JSON boolean or "true"/"false". */
  boolean(name: string): boolean | undefined {
    const raw = this.#value(name);
    if (raw === undefined) return undefined;
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    if (typeof raw !== 'boolean') throw this.#invalid(`${name} must be a boolean`);
    return raw;
  }

  object(name: string): JsonObject | undefined {
    const value = this.#value(name);
    if (value === undefined) return undefined;
    if (!isJsonObject(value)) throw this.#invalid(`${name} must be an object`);
    return value;
  }

  array(name: string, rule: NumberRule = {}): JsonValue[] | undefined {
    const value = this.#value(name);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw this.#invalid(`${name} must be a list`);
    if (rule.min !== undefined && value.length < rule.min) {
      throw this.#invalid(`${name} must have at least ${rule.min} members`);
    }
    if (rule.max !== undefined && value.length > rule.max) {
      throw this.#invalid(`${name} must have at most ${rule.max} members`);
    }
    return value;
  }

  stringArray(name: string, rule: NumberRule = {}): string[] | undefined {
    const value = this.array(name, rule);
    if (value === undefined) return undefined;
    if (!value.every((item) => typeof item === 'string'))
      throw this.#invalid(`${name} must be a list of strings`);
    return value as string[];
  }

  /** A nested reader over an object member (or an empty one). */
  nested(name: string): InputReader {
    return new InputReader(this.object(name) ?? {}, this.#invalid);
  }

  #value(name: string): JsonValue | undefined {
    const value = this.#input[name];
    return value === null ? undefined : value;
  }
}
