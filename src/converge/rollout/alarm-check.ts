import { type CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { AlarmCheckSpec, CheckMemory, CheckVerdict } from './check-types.ts';

const DEFAULT_SUCCESSES = 1;
/** DescribeAlarms takes at most 100 AlarmNames and answers at most 100 alarms. */
const NAMES_PER_CALL = 100;
const REASON_EXCERPT = 200;

async function describe(cloudwatch: CloudWatchClient, names: readonly string[]): Promise<MetricAlarm[]> {
  const alarms: MetricAlarm[] = [];
  for (let start = 0; start < names.length; start += NAMES_PER_CALL) {
    const chunk = names.slice(start, start + NAMES_PER_CALL);
    const answer = await cloudwatch.send(
      new DescribeAlarmsCommand({
        AlarmNames: chunk,
        AlarmTypes: ['MetricAlarm'],
        MaxRecords: NAMES_PER_CALL,
      }),
    );
    alarms.push(...(answer.MetricAlarms ?? []));
  }
  return alarms;
}

function reasonOf(alarm: MetricAlarm): string {
  const reason = (alarm.StateReason ?? 'no reason given').replace(/\s+/g, ' ').trim();
  return reason.length > REASON_EXCERPT ? `${reason.slice(0, REASON_EXCERPT)}…` : reason;
}

function errorOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * One look at the named CloudWatch alarms: `fail` at once when any is in ALARM; `pass` once none
 * has been in ALARM for `successes` looks in a row. A name CloudWatch does not know (DescribeAlarms
 * leaves it out) keeps the check `pending`: the gate's timeout decides.
 */
export async function evaluateAlarms(
  spec: AlarmCheckSpec,
  memory: CheckMemory | undefined,
  nowMs: number,
  cloudwatch: CloudWatchClient,
): Promise<{ verdict: CheckVerdict; memory: CheckMemory }> {
  const needed = spec.successes ?? DEFAULT_SUCCESSES;
  const names = [...new Set(spec.names)];
  let alarms: MetricAlarm[];
  try {
    alarms = await describe(cloudwatch, names);
  } catch (error) {
    return {
      verdict: { state: 'pending', message: `DescribeAlarms failed: ${errorOf(error)}` },
      memory: memory ?? { successes: 0 },
    };
  }
  const firing = alarms.filter((alarm) => alarm.StateValue === 'ALARM');
  if (firing.length > 0) {
    const list = firing.map((alarm) => `${alarm.AlarmName} (${reasonOf(alarm)})`).join('; ');
    return {
      verdict: { state: 'fail', message: `in ALARM: ${list}` },
      memory: { successes: 0, lastAt: nowMs },
    };
  }
  const known = new Set(alarms.map((alarm) => alarm.AlarmName));
  const missing = names.filter((name) => !known.has(name));
  if (missing.length > 0) {
    return {
      verdict: { state: 'pending', message: `no such CloudWatch alarm: ${missing.join(', ')}` },
      memory: { successes: 0, lastAt: nowMs },
    };
  }
  const successes = (memory?.successes ?? 0) + 1;
  const states = alarms.map((alarm) => `${alarm.AlarmName} ${alarm.StateValue}`).join(', ');
  return {
    verdict: {
      state: successes >= needed ? 'pass' : 'pending',
      message: `none in ALARM (${states}); ${successes}/${needed} looks`,
    },
    memory: { successes, lastAt: nowMs },
  };
}
