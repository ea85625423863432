import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const FIDELITY_SERVICES = [
  'ecs',
  'elbv2',
  'efs',
  'servicediscovery',
  'application-autoscaling',
] as const;
export type FidelityService = (typeof FIDELITY_SERVICES)[number];

/** A call made before the case's own call, or a move of the emulator's clock. */
export type SetupStep =
  | {
      readonly service?: FidelityService;
      readonly operation: string;
      readonly input: Record<string, unknown>;
      /** Names for values of this step's answer (name → path), used later as `${name}` in inputs. */
      readonly save: Readonly<Record<string, string>>;
    }
  | { readonly advanceSeconds: number };

/**
 * One published AWS answer: the request AWS's documentation shows, the response it printed, and
 * what the emulator must match of it. Every value in `published` must come back equal, except at
 * the `generated` paths (ids, ARNs, times AWS makes up), where a value must be present and, when a
 * pattern is given, match it. `absent` paths are ones AWS leaves out and the emulator must too.
 */
export interface FidelityCase {
  readonly file: string;
  readonly title: string;
  readonly service: FidelityService;
  readonly operation: string;
  /** The AWS page the response is published on. */
  readonly source: string;
  readonly account: string;
  readonly region: string;
  readonly setup: readonly SetupStep[];
  readonly input: Record<string, unknown>;
  readonly published: Record<string, unknown>;
  readonly generated: Readonly<Record<string, string>>;
  readonly absent: readonly string[];
  /** Lists AWS answers as sets (attributes, tags): published items found in any order, among others. */
  readonly sets: readonly string[];
  /** Where sources disagree, which won and why; kept for test/README.md. */
  readonly notes?: string;
}

const CASES_DIR = join(import.meta.dirname, 'cases');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isService(value: unknown): value is FidelityService {
  return typeof value === 'string' && (FIDELITY_SERVICES as readonly string[]).includes(value);
}

function problem(file: string, field: string, expected: string): Error {
  return new Error(`${file}: field "${field}" must be ${expected}`);
}

function text(raw: Record<string, unknown>, file: string, field: string): string {
  const value = raw[field];
  if (typeof value !== 'string' || value === '') throw problem(file, field, 'a non-empty string');
  return value;
}

function setupStep(raw: unknown, file: string, index: number): SetupStep {
  const field = `setup[${index}]`;
  if (!isRecord(raw)) throw problem(file, field, 'an object');
  if (typeof raw.advanceSeconds === 'number') return { advanceSeconds: raw.advanceSeconds };
  if (raw.service !== undefined && !isService(raw.service))
    throw problem(file, `${field}.service`, 'a service');
  if (typeof raw.operation !== 'string') throw problem(file, `${field}.operation`, 'a string');
  if (!isRecord(raw.input)) throw problem(file, `${field}.input`, 'an object');
  const save = raw.save ?? {};
  if (!isRecord(save) || !Object.values(save).every((path) => typeof path === 'string')) {
    throw problem(file, `${field}.save`, 'an object of name → path');
  }
  return {
    ...(raw.service === undefined ? {} : { service: raw.service }),
    operation: raw.operation,
    input: raw.input,
    save: save as Record<string, string>,
  };
}

export function parseCase(raw: unknown, file: string): FidelityCase {
  if (!isRecord(raw)) throw problem(file, '(root)', 'an object');
  if (!isService(raw.service)) throw problem(file, 'service', `one of ${FIDELITY_SERVICES.join(', ')}`);
  const source = text(raw, file, 'source');
  if (!source.startsWith('https://docs.aws.amazon.com/') && !source.startsWith('model:')) {
    throw problem(
      file,
      'source',
      'a docs.aws.amazon.com address, or model:<service>#<Shape> where the docs are silent',
    );
  }
  const setup = raw.setup ?? [];
  if (!Array.isArray(setup)) throw problem(file, 'setup', 'a list');
  if (!isRecord(raw.input)) throw problem(file, 'input', 'an object');
  if (!isRecord(raw.published)) throw problem(file, 'published', 'an object');
  const generated = raw.generated ?? {};
  if (!isRecord(generated) || !Object.values(generated).every((pattern) => typeof pattern === 'string')) {
    throw problem(file, 'generated', 'an object of path → pattern strings');
  }
  const absent = raw.absent ?? [];
  if (!Array.isArray(absent) || !absent.every((path) => typeof path === 'string')) {
    throw problem(file, 'absent', 'a list of paths');
  }
  const sets = raw.sets ?? [];
  if (!Array.isArray(sets) || !sets.every((path) => typeof path === 'string')) {
    throw problem(file, 'sets', 'a list of paths');
  }
  if (raw.notes !== undefined && typeof raw.notes !== 'string') throw problem(file, 'notes', 'a string');
  return {
    file,
    title: text(raw, file, 'title'),
    service: raw.service,
    operation: text(raw, file, 'operation'),
    source,
    account: typeof raw.account === 'string' ? raw.account : '123456789012',
    region: typeof raw.region === 'string' ? raw.region : 'us-east-1',
    setup: setup.map((step, index) => setupStep(step, file, index)),
    input: raw.input,
    published: raw.published,
    generated: generated as Record<string, string>,
    absent: absent as string[],
    sets: sets as string[],
    ...(typeof raw.notes === 'string' ? { notes: raw.notes } : {}),
  };
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

export function loadCases(dir = CASES_DIR): FidelityCase[] {
  return jsonFiles(dir).map((path) => {
    const file = relative(join(dir, '..', '..', '..'), path);
    return parseCase(JSON.parse(readFileSync(path, 'utf8')) as unknown, file);
  });
}
