import type { LoadedManifest } from '../../manifest/manifest.ts';
import type { AlarmCheckSpec, HttpCheckSpec } from './check-types.ts';

export type CheckSpec =
  | { readonly kind: 'http'; readonly http: HttpCheckSpec }
  | { readonly kind: 'alarms'; readonly alarms: AlarmCheckSpec }
  | { readonly kind: 'job'; readonly job: { readonly name: string } }
  | { readonly kind: 'manual' };

export interface GateSpec {
  readonly stage: string;
  readonly timeoutSeconds: number;
  readonly onTimeout: 'ROLLBACK' | 'CONTINUE';
  readonly checks: readonly CheckSpec[];
}

export const DEFAULT_GATE_TIMEOUT_SECONDS = 900;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkOf(raw: unknown): CheckSpec | undefined {
  if (!isObject(raw)) return undefined;
  if (isObject(raw.http) && (typeof raw.http.url === 'string' || typeof raw.http.path === 'string')) {
    const { url, path, expectStatus, bodyPattern, successes, intervalSeconds } = raw.http;
    return {
      kind: 'http',
      http: {
        ...(typeof url === 'string' ? { url } : {}),
        ...(typeof path === 'string' ? { path } : {}),
        ...(typeof expectStatus === 'number' ? { expectStatus } : {}),
        ...(typeof bodyPattern === 'string' ? { bodyPattern } : {}),
        ...(typeof successes === 'number' ? { successes } : {}),
        ...(typeof intervalSeconds === 'number' ? { intervalSeconds } : {}),
      },
    };
  }
  if (isObject(raw.alarms) && Array.isArray(raw.alarms.names)) {
    const names = raw.alarms.names.filter((name): name is string => typeof name === 'string');
    const successes = raw.alarms.successes;
    return { kind: 'alarms', alarms: { names, ...(typeof successes === 'number' ? { successes } : {}) } };
  }
  if (isObject(raw.job) && typeof raw.job.name === 'string')
    return { kind: 'job', job: { name: raw.job.name } };
  if (isObject(raw.manual)) return { kind: 'manual' };
  return undefined;
}

/** The gates of a Service manifest's `rollout` control (already validated by its schema). */
export function gatesOf(manifest: LoadedManifest): GateSpec[] {
  const rollout = manifest.spec.rollout;
  if (!isObject(rollout) || !Array.isArray(rollout.gates)) return [];
  return rollout.gates.flatMap((raw): GateSpec[] => {
    if (!isObject(raw) || typeof raw.stage !== 'string' || !Array.isArray(raw.checks)) return [];
    return [
      {
        stage: raw.stage,
        timeoutSeconds:
          typeof raw.timeoutSeconds === 'number' ? raw.timeoutSeconds : DEFAULT_GATE_TIMEOUT_SECONDS,
        onTimeout: raw.onTimeout === 'CONTINUE' ? 'CONTINUE' : 'ROLLBACK',
        checks: raw.checks.flatMap((check) => {
          const parsed = checkOf(check);
          return parsed === undefined ? [] : [parsed];
        }),
      },
    ];
  });
}
