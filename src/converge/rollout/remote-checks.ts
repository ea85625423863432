import type { Service } from '@aws-sdk/client-ecs';
import type { ProviderContext } from '../../providers/types.ts';
import { evaluateAlarms } from './alarm-check.ts';
import type { CheckMemory, CheckVerdict, HttpCheckSpec } from './check-types.ts';
import type { CheckSpec } from './gate-spec.ts';
import { evaluateHttp } from './http-check.ts';
import { testListenerAddress } from './test-listener.ts';

/** What an http check needs besides its spec: the live Service (its test listener) and the probe proxy. */
export interface HttpSurroundings {
  readonly service: Service | undefined;
  readonly probeProxy?: string;
}

/** A `url` check probes it; a `path` check probes that path on the Service's test listener, found once per gate. */
async function evaluateHttpCheck(
  spec: HttpCheckSpec,
  memory: CheckMemory | undefined,
  nowMs: number,
  context: ProviderContext,
  around: HttpSurroundings,
): Promise<{ verdict: CheckVerdict; memory: CheckMemory }> {
  const proxy = around.probeProxy === undefined ? {} : { proxy: around.probeProxy };
  if (spec.url !== undefined) return evaluateHttp(spec.url, spec, memory, nowMs, proxy);
  let listener = memory?.listener;
  const intervalMs = (spec.intervalSeconds ?? 10) * 1000;
  if (listener === undefined && memory?.lastAt !== undefined && nowMs - memory.lastAt < intervalMs)
    return {
      verdict: { state: 'pending', message: 'the test listener was not found; looking again soon' },
      memory,
    };
  if (listener === undefined) {
    const found = await testListenerAddress(around.service, context.aws.elbv2);
    if (!found.ok)
      return {
        verdict: { state: 'pending', message: `${found.problem} (0/${spec.successes ?? 3} good answers)` },
        memory: { successes: 0, lastAt: nowMs },
      };
    listener = found.address;
  }
  const url = `${listener.origin}${spec.path ?? '/'}`;
  const route = { ...proxy, ...(listener.host === undefined ? {} : { host: listener.host }) };
  const result = await evaluateHttp(url, spec, memory, nowMs, route);
  return { verdict: result.verdict, memory: { ...result.memory, listener } };
}

/** An http probe or an alarm look, through the operator's clients. */
export function evaluateRemote(
  check: CheckSpec & { kind: 'http' | 'alarms' },
  memory: CheckMemory | undefined,
  nowMs: number,
  context: ProviderContext,
  around: HttpSurroundings,
): Promise<{ verdict: CheckVerdict; memory: CheckMemory }> {
  return check.kind === 'http'
    ? evaluateHttpCheck(check.http, memory, nowMs, context, around)
    : evaluateAlarms(check.alarms, memory, nowMs, context.aws.cloudwatch);
}
