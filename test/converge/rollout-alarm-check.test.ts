import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { evaluateAlarms } from '../../src/converge/rollout/alarm-check.ts';
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

async function setAlarm(alarmName: string, state: string): Promise<void> {
  await control.action('ecs', 'alarm-state', { alarmName, state });
}

describe('evaluateAlarms against the emulator', () => {
  it('fails at once when a named alarm is in ALARM, naming it and its reason', async () => {
    await setAlarm('api-5xx', 'ALARM');
    await setAlarm('api-latency', 'OK');
    const { verdict, memory } = await evaluateAlarms(
      { names: ['api-5xx', 'api-latency'], successes: 3 },
      { successes: 2, lastAt: 0 },
      5_000,
      cloudwatch,
    );
    expect(verdict.state).toBe('fail');
    expect(verdict.message).toContain('api-5xx');
    expect(verdict.message).toContain('State set to ALARM');
    expect(verdict.message).not.toContain('api-latency');
    expect(memory).toEqual({ successes: 0, lastAt: 5_000 });
  });

  it('passes after `successes` looks with none in ALARM (OK and INSUFFICIENT_DATA both count)', async () => {
    await setAlarm('api-5xx', 'OK');
    await setAlarm('api-latency', 'INSUFFICIENT_DATA');
    const spec = { names: ['api-5xx', 'api-latency'], successes: 2 };
    const first = await evaluateAlarms(spec, undefined, 0, cloudwatch);
    expect(first.verdict.state).toBe('pending');
    expect(first.memory).toEqual({ successes: 1, lastAt: 0 });
    const second = await evaluateAlarms(spec, first.memory, 10_000, cloudwatch);
    expect(second.verdict.state).toBe('pass');
    expect(second.verdict.message).toContain('2/2');
  });

  it('passes on the first quiet look by default', async () => {
    await setAlarm('api-5xx', 'OK');
    const { verdict } = await evaluateAlarms({ names: ['api-5xx'] }, undefined, 0, cloudwatch);
    expect(verdict.state).toBe('pass');
  });

  it('turns to fail when an alarm fires between looks', async () => {
    await setAlarm('api-5xx', 'OK');
    const spec = { names: ['api-5xx'], successes: 3 };
    const quiet = await evaluateAlarms(spec, undefined, 0, cloudwatch);
    expect(quiet.verdict.state).toBe('pending');
    await setAlarm('api-5xx', 'ALARM');
    const fired = await evaluateAlarms(spec, quiet.memory, 10_000, cloudwatch);
    expect(fired.verdict.state).toBe('fail');
  });

  it('stays pending, saying so, when a named alarm does not exist', async () => {
    await setAlarm('api-5xx', 'OK');
    const { verdict, memory } = await evaluateAlarms(
      { names: ['api-5xx', 'api-typo'] },
      { successes: 4 },
      7_000,
      cloudwatch,
    );
    expect(verdict).toEqual({ state: 'pending', message: 'no such CloudWatch alarm: api-typo' });
    expect(memory).toEqual({ successes: 0, lastAt: 7_000 });
  });

  it('stays pending with the error when CloudWatch answers an error, keeping its count', async () => {
    await control.addFault({
      action: 'cloudwatch:DescribeAlarms',
      errorRate: 1,
      error: { code: 'AccessDenied', message: 'not allowed', status: 403 },
    });
    const { verdict, memory } = await evaluateAlarms(
      { names: ['api-5xx'] },
      { successes: 1, lastAt: 0 },
      9_000,
      cloudwatch,
    );
    expect(verdict.state).toBe('pending');
    expect(verdict.message).toContain('DescribeAlarms failed');
    expect(verdict.message).toContain('not allowed');
    expect(memory).toEqual({ successes: 1, lastAt: 0 });
  });
});
