import { ListClustersCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withCallSignal } from '../../src/aws/call-scope.ts';
import { type CallGate, createAwsClients } from '../../src/aws/clients.ts';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/server.ts';

let emulator: RunningEmulator;
let control: EmulatorControl;
beforeAll(async () => {
  emulator = await startEmulator();
  control = new EmulatorControl(emulator.endpoint);
});
afterAll(async () => {
  await emulator?.close();
});
beforeEach(async () => {
  await control.clearFaults();
});

const settings = () => ({
  region: 'us-east-1',
  endpoint: emulator.endpoint,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

/** A gate that lets everything through and remembers what it was asked. */
function recordingGate(): CallGate & { readonly before: CallGate['before']; readonly seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    async before(service, operation) {
      seen.push(`before ${service}:${operation}`);
    },
    after(service, operation, outcome) {
      seen.push(`after ${service}:${operation} ${outcome}`);
    },
  };
}

describe('AWS clients', () => {
  it('take a token at the gate for every HTTP attempt, the SDK retries included', async () => {
    const gate = recordingGate();
    const aws = createAwsClients({ ...settings(), maxAttempts: 3 }, gate);
    await control.addFault({
      action: 'ecs:ListClusters',
      error: { code: 'ThrottlingException', message: 'Rate exceeded', status: 400 },
      count: 2,
    });
    await aws.ecs.send(new ListClustersCommand({}));
    expect(gate.seen).toEqual([
      'before ecs:ListClusters',
      'after ecs:ListClusters throttled',
      'before ecs:ListClusters',
      'after ecs:ListClusters throttled',
      'before ecs:ListClusters',
      'after ecs:ListClusters ok',
    ]);
    // One call, as the operation counts go; three attempts, as the gate counts them.
    expect(aws.stats.snapshot()['ecs:ListClusters']).toEqual({ ok: 1, error: 0, throttled: 0 });
    expect(aws.attempts.snapshot()['ecs:ListClusters']).toEqual({ ok: 1, error: 0, throttled: 2 });
    aws.destroy();
  });

  it('end a call that outlives its timeout', async () => {
    const aws = createAwsClients({ ...settings(), maxAttempts: 1, callTimeoutMs: 200 });
    await control.addFault({ action: 'ecs:ListClusters', latencyMs: 3_000 });
    // Without the timeout the emulator would answer, late; with it the call is aborted.
    await expect(aws.ecs.send(new ListClustersCommand({}))).rejects.toMatchObject({ name: 'AbortError' });
    aws.destroy();
  });

  it('abort every call in flight when the shutdown signal fires', async () => {
    const shutdown = new AbortController();
    const aws = createAwsClients({ ...settings(), maxAttempts: 1, signal: shutdown.signal });
    await control.addFault({ action: 'ecs:ListClusters', latencyMs: 3_000 });
    const call = aws.ecs.send(new ListClustersCommand({}));
    shutdown.abort(new Error('shutting down'));
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    // A call made after shutdown never starts.
    await expect(aws.ecs.send(new ListClustersCommand({}))).rejects.toMatchObject({ name: 'AbortError' });
    aws.destroy();
  });

  it('abort the calls of one unit of work when its signal fires, and no others', async () => {
    const aws = createAwsClients({ ...settings(), maxAttempts: 1 });
    await control.addFault({ action: 'ecs:ListClusters', latencyMs: 1_000 });
    const unit = new AbortController();
    const inUnit = withCallSignal(unit.signal, () => aws.ecs.send(new ListClustersCommand({})));
    const outside = aws.ecs.send(new ListClustersCommand({}));
    unit.abort(new Error('reconcile timed out'));
    await expect(inUnit).rejects.toMatchObject({ name: 'AbortError' });
    await expect(outside).resolves.toBeDefined();
    aws.destroy();
  });
});
