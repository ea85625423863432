import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/server.ts';

let running: RunningEmulator;
let control: EmulatorControl;

function ecs(region = 'us-east-1', maxAttempts = 1): ECSClient {
  return new ECSClient({
    endpoint: running.endpoint,
    region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts,
  });
}

beforeAll(async () => {
  running = await startEmulator();
  control = new EmulatorControl(running.endpoint);
});
afterAll(async () => {
  await running.close();
});
beforeEach(async () => {
  await control.reset();
});

describe('emulator core', () => {
  it('listens on 127.0.0.1 and answers a plain SDK client', async () => {
    expect(running.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await ecs().send(new ListClustersCommand({}));
    expect(answer.clusterArns).toBeInstanceOf(Array);
    expect(answer.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('counts requests per action and outcome', async () => {
    await ecs().send(new ListClustersCommand({}));
    await ecs().send(new ListClustersCommand({}));
    const counts = await control.requests();
    expect(counts['ecs:ListClusters']).toEqual({ ok: 2, error: 0, throttled: 0, fault: 0 });
  });

  it('injects a given error for the next N calls, then answers normally', async () => {
    await control.addFault({
      action: 'ecs:ListClusters',
      error: { code: 'AccessDeniedException', message: 'no' },
      count: 2,
    });
    await expect(ecs().send(new ListClustersCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    await expect(ecs().send(new ListClustersCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    await expect(ecs().send(new ListClustersCommand({}))).resolves.toBeDefined();
  });

  it('answers injected throttling with the service throttling code, which the SDK retries', async () => {
    await control.addFault({ action: 'ecs:*', throttleRate: 1 });
    await expect(ecs().send(new ListClustersCommand({}))).rejects.toMatchObject({
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
    });
    await control.clearFaults();
    await control.resetRequests();
    await control.addFault({
      action: 'ecs:ListClusters',
      error: { code: 'ThrottlingException', message: 'Rate exceeded' },
      count: 1,
    });
    await ecs('us-east-1', 3).send(new ListClustersCommand({}));
    const counts = await control.requests();
    expect(counts['ecs:ListClusters']).toMatchObject({ ok: 1, fault: 1 });
  });

  it('throttles at the published rate when throttling is on', async () => {
    await control.setThrottling(true);
    const client = ecs();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, () => client.send(new ListClustersCommand({}))),
    );
    await control.setThrottling(false);
    const throttled = outcomes.filter((outcome) => outcome.status === 'rejected');
    // Cluster read actions: bucket of 50, so at least 10 of 60 calls at once are refused.
    expect(throttled.length).toBeGreaterThanOrEqual(10);
    expect(throttled[0]).toMatchObject({ reason: { name: 'ThrottlingException', message: 'Rate exceeded' } });
  });

  it('drops the connection for injected timeouts', async () => {
    await control.addFault({ action: 'ecs:ListClusters', timeoutRate: 1 });
    await expect(ecs().send(new ListClustersCommand({}))).rejects.toThrow();
    expect((await control.requests())['ecs:ListClusters']).toMatchObject({ fault: 1 });
  });

  it('moves a manual clock only when told', async () => {
    const before = await control.now();
    expect(await control.now()).toBe(before);
    expect(await control.advance(90_000)).toBe(before + 90_000);
  });

  it('rejects bad control input with a clear message', async () => {
    await expect(control.addFault({ action: 'ecs:ListClusters', errorRate: 2 })).rejects.toThrow(
      /Expected a rate between 0 and 1, got 2/,
    );
    await expect(control.action('ecs', 'no-such-action', {})).rejects.toThrow(/404 no control route/);
  });
});
