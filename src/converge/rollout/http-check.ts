import type { CheckMemory, CheckVerdict, HttpCheckSpec } from './check-types.ts';
import { type ProbeRoute, probeGet } from './probe-request.ts';

const DEFAULT_STATUS = 200;
const DEFAULT_SUCCESSES = 3;
const DEFAULT_INTERVAL_SECONDS = 10;
const TIMEOUT_MS = 5_000;
/** At most this much of a response body reaches a message (and so events and status). */
const BODY_EXCERPT = 200;

type Look = { readonly ok: true; readonly status: number } | { readonly ok: false; readonly problem: string };

/** The url as messages show it: no user info, no query (either may carry a secret). */
function shown(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return 'the url';
  }
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > BODY_EXCERPT ? `${flat.slice(0, BODY_EXCERPT)}…` : flat;
}

function failureOf(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${TIMEOUT_MS / 1000} s`;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}

/** One GET; redirects are not followed, so the status is the target's own answer. */
async function look(url: string, spec: HttpCheckSpec, route: ProbeRoute): Promise<Look> {
  const expected = spec.expectStatus ?? DEFAULT_STATUS;
  let answer: { status: number; body: string };
  try {
    answer = await probeGet(new URL(url), route, AbortSignal.timeout(TIMEOUT_MS));
  } catch (error) {
    return { ok: false, problem: `GET ${shown(url)} failed: ${failureOf(error)}` };
  }
  if (answer.status !== expected)
    return { ok: false, problem: `GET ${shown(url)} answered ${answer.status}, expected ${expected}` };
  if (spec.bodyPattern !== undefined && !new RegExp(spec.bodyPattern).test(answer.body)) {
    return {
      ok: false,
      problem: `GET ${shown(url)} answered ${answer.status} but the body does not match /${spec.bodyPattern}/: ${excerpt(answer.body)}`,
    };
  }
  return { ok: true, status: answer.status };
}

/**
 * One look at an HTTP check: `pass` after `successes` good answers in a row, at most one look per
 * `intervalSeconds`. A wrong answer starts the count again and stays `pending`: the gate's timeout
 * decides what a check that never passes means.
 */
export async function evaluateHttp(
  url: string,
  spec: HttpCheckSpec,
  memory: CheckMemory | undefined,
  nowMs: number,
  route: ProbeRoute = {},
): Promise<{ verdict: CheckVerdict; memory: CheckMemory }> {
  const needed = spec.successes ?? DEFAULT_SUCCESSES;
  const intervalMs = (spec.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS) * 1000;
  const counted = memory?.successes ?? 0;
  if (memory?.lastAt !== undefined && nowMs - memory.lastAt < intervalMs) {
    const waitSeconds = Math.ceil((memory.lastAt + intervalMs - nowMs) / 1000);
    return {
      verdict: {
        state: 'pending',
        message: `${counted}/${needed} good answers; next look in ${waitSeconds} s`,
      },
      memory,
    };
  }
  const result = await look(url, spec, route);
  if (!result.ok) {
    return {
      verdict: { state: 'pending', message: `${result.problem} (0/${needed} good answers)` },
      memory: { successes: 0, lastAt: nowMs },
    };
  }
  const successes = counted + 1;
  const message = `GET ${shown(url)} answered ${result.status} (${successes}/${needed} good answers)`;
  return {
    verdict: { state: successes >= needed ? 'pass' : 'pending', message },
    memory: { successes, lastAt: nowMs },
  };
}
