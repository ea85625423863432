import { AwsError } from '../core/aws-error.ts';
import type { RequestContext } from '../core/context.ts';
import { InputReader } from '../core/input.ts';
import type { JsonObject } from '../core/json.ts';
import { pageOf } from '../core/pages.ts';
import type { TickContext } from '../core/service.ts';
import type { StateKey } from '../core/world.ts';
import { ALARM_STATE } from '../ecs/rollout/alarms.ts';

const STATE_VALUES = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];
const ALARM_TYPES = ['CompositeAlarm', 'MetricAlarm'];

interface SeenState {
  readonly state: string;
  readonly updatedAt: number;
}

/** What DescribeAlarms adds to the states of /_emulator/ecs/alarm-state: when each one last changed. */
interface AlarmHistory {
  readonly seen: Map<string, SeenState>;
  lastTickAt: number | undefined;
}

const ALARM_HISTORY: StateKey<AlarmHistory> = {
  name: 'cloudwatch-alarm-history',
  create: () => ({ seen: new Map(), lastTickAt: undefined }),
};

const invalid = (message: string): AwsError => new AwsError('InvalidParameterValue', message);

/**
 * Notes state changes made through the control endpoint. That endpoint ticks the region before it
 * sets a state, and the clock only moves in steps that tick afterwards, so a change seen now was
 * made at the previous tick's time (exactly on the manual clock, within a tick on the real one).
 */
export function tickCloudWatch({ world, now }: TickContext): void {
  const history = world.get(ALARM_HISTORY);
  const changedAt = history.lastTickAt ?? now;
  for (const [name, state] of world.get(ALARM_STATE)) {
    if (history.seen.get(name)?.state !== state) history.seen.set(name, { state, updatedAt: changedAt });
  }
  history.lastTickAt = now;
}

function metricAlarm(name: string, seen: SeenState, context: RequestContext): JsonObject {
  return {
    AlarmName: name,
    AlarmArn: `arn:aws:cloudwatch:${context.region}:${context.accountId}:alarm:${name}`,
    StateValue: seen.state,
    StateReason: `State set to ${seen.state} through /_emulator/ecs/alarm-state`,
    StateUpdatedTimestamp: seen.updatedAt / 1000,
    StateTransitionedTimestamp: seen.updatedAt / 1000,
    ActionsEnabled: true,
  };
}

/** DescribeAlarms over the emulator's alarm states: names absent from it are simply not listed. */
export function describeAlarms(input: JsonObject, context: RequestContext): JsonObject {
  const reader = new InputReader(input, invalid);
  const names = reader.stringArray('AlarmNames', { max: 100 });
  const prefix = reader.string('AlarmNamePrefix', { min: 1, max: 255 });
  const stateValue = reader.string('StateValue', { oneOf: STATE_VALUES });
  const types = reader.stringArray('AlarmTypes') ?? ['MetricAlarm'];
  const size = reader.number('MaxRecords', { min: 1, max: 100 }) ?? 50;
  const token = reader.string('NextToken');
  if (names !== undefined && prefix !== undefined) {
    throw new AwsError(
      'InvalidParameterCombination',
      'AlarmNames and AlarmNamePrefix cannot be used together',
    );
  }
  for (const type of types) {
    if (!ALARM_TYPES.includes(type))
      throw invalid(`AlarmTypes '${type}' must be one of: ${ALARM_TYPES.join(', ')}`);
  }
  const seen = context.world.get(ALARM_HISTORY).seen;
  const matching = types.includes('MetricAlarm')
    ? [...seen.entries()]
        .filter(([name]) => names === undefined || names.includes(name))
        .filter(([name]) => prefix === undefined || name.startsWith(prefix))
        .filter(([, alarm]) => stateValue === undefined || alarm.state === stateValue)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    : [];
  const page = pageOf(matching, token, size, (message) => new AwsError('InvalidNextToken', message));
  return {
    MetricAlarms: page.items.map(([name, alarm]) => metricAlarm(name, alarm, context)),
    CompositeAlarms: [],
    ...(page.nextToken === undefined ? {} : { NextToken: page.nextToken }),
  };
}
