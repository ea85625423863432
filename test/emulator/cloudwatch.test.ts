import { CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/server.ts';

let running: RunningEmulator;
let control: EmulatorControl;
let cloudwatch: CloudWatchClient;

beforeAll(async () => {
  running = await startEmulator();
  control = new EmulatorControl(running.endpoint);
  cloudwatch = new CloudWatchClient({
    endpoint: running.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  cloudwatch.destroy();
  await running.close();
});
beforeEach(async () => {
  await control.reset();
});

async function setAlarm(alarmName: string, state: string, region = 'us-east-1'): Promise<void> {
  await control.action('ecs', 'alarm-state', { alarmName, state }, region);
}

function names(alarms: readonly MetricAlarm[] | undefined): string[] {
  return (alarms ?? []).map((alarm) => alarm.AlarmName ?? '');
}

describe('CloudWatch DescribeAlarms on the emulator', () => {
  it('lists the alarm states set through /_emulator/ecs/alarm-state, with ARN and reason', async () => {
    await setAlarm('api-5xx', 'ALARM');
    await setAlarm('api-latency', 'OK');
    const answer = await cloudwatch.send(new DescribeAlarmsCommand({}));
    expect(names(answer.MetricAlarms)).toEqual(['api-5xx', 'api-latency']);
    const [fivexx] = answer.MetricAlarms ?? [];
    expect(fivexx).toMatchObject({
      AlarmName: 'api-5xx',
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:api-5xx',
      StateValue: 'ALARM',
    });
    expect(fivexx?.StateReason).toContain('ALARM');
    expect(answer.CompositeAlarms).toEqual([]);
  });

  it('filters by AlarmNames, leaving unknown names out as AWS does', async () => {
    await setAlarm('api-5xx', 'ALARM');
    await setAlarm('api-latency', 'OK');
    const answer = await cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: ['api-latency', 'missing'] }),
    );
    expect(names(answer.MetricAlarms)).toEqual(['api-latency']);
  });

  it('filters by StateValue', async () => {
    await setAlarm('a', 'ALARM');
    await setAlarm('b', 'OK');
    await setAlarm('c', 'INSUFFICIENT_DATA');
    const answer = await cloudwatch.send(new DescribeAlarmsCommand({ StateValue: 'ALARM' }));
    expect(names(answer.MetricAlarms)).toEqual(['a']);
  });

  it('stamps StateUpdatedTimestamp with the emulator time of the change, not of the look', async () => {
    const setAt = await control.now();
    await setAlarm('api-5xx', 'ALARM');
    await control.advance(60_000);
    const first = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['api-5xx'] }));
    expect(first.MetricAlarms?.[0]?.StateUpdatedTimestamp?.getTime()).toBe(setAt);

    await setAlarm('api-5xx', 'OK');
    const second = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['api-5xx'] }));
    expect(second.MetricAlarms?.[0]?.StateUpdatedTimestamp?.getTime()).toBe(setAt + 60_000);
  });

  it('keeps regions apart', async () => {
    await setAlarm('eu-only', 'ALARM', 'eu-west-1');
    const answer = await cloudwatch.send(new DescribeAlarmsCommand({}));
    expect(answer.MetricAlarms).toEqual([]);
  });

  it('pages with MaxRecords and NextToken', async () => {
    for (const name of ['a', 'b', 'c']) await setAlarm(name, 'OK');
    const first = await cloudwatch.send(new DescribeAlarmsCommand({ MaxRecords: 2 }));
    expect(names(first.MetricAlarms)).toEqual(['a', 'b']);
    const second = await cloudwatch.send(
      new DescribeAlarmsCommand({ MaxRecords: 2, NextToken: first.NextToken }),
    );
    expect(names(second.MetricAlarms)).toEqual(['c']);
    expect(second.NextToken).toBeUndefined();
  });

  it('answers a bad StateValue with an error code the SDK recognises', async () => {
    const error = await cloudwatch
      .send(new DescribeAlarmsCommand({ StateValue: 'BROKEN' as 'OK' }))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'InvalidParameterValueException',
      $metadata: { httpStatusCode: 400 },
    });
  });
});
