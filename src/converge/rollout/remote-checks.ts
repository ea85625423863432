import type { ProviderContext } from '../../providers/types.ts';
import { evaluateAlarms } from './alarm-check.ts';
import type { CheckMemory, CheckVerdict } from './check-types.ts';
import type { CheckSpec } from './gate-spec.ts';
import { evaluateHttp } from './http-check.ts';

/** An http probe or an alarm look, through the operator's clients. */
export function evaluateRemote(
  check: CheckSpec & { kind: 'http' | 'alarms' },
  memory: CheckMemory | undefined,
  nowMs: number,
  context: ProviderContext,
): Promise<{ verdict: CheckVerdict; memory: CheckMemory }> {
  return check.kind === 'http'
    ? evaluateHttp(check.http, memory, nowMs)
    : evaluateAlarms(check.alarms, memory, nowMs, context.aws.cloudwatch);
}
