import type { JsonObject, JsonValue } from '../../core/json.ts';
import type { ControlAction } from '../../core/service.ts';
import type { StateKey } from '../../core/world.ts';

const ALARM_STATES = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];

/** CloudWatch alarm states by alarm name, as set through the control endpoint (there is no CloudWatch here). */
export const ALARM_STATE: StateKey<Map<string, string>> = { name: 'ecs-alarms', create: () => new Map() };

/**
 * POST /_emulator/ecs/alarm-state {alarmName, state}: sets an alarm's state (OK, ALARM or
 * INSUFFICIENT_DATA). A deployment that watches the alarm with rollback on rolls back while it is in ALARM.
 */
export const alarmStateAction: ControlAction = (input: JsonObject, world): JsonValue => {
  const { alarmName, state } = input;
  if (typeof alarmName !== 'string' || alarmName === '') throw new Error('alarmName must be a string');
  if (typeof state !== 'string' || !ALARM_STATES.includes(state))
    throw new Error(`state must be one of ${ALARM_STATES.join(', ')}`);
  world.get(ALARM_STATE).set(alarmName, state);
  return { alarmName, state };
};
