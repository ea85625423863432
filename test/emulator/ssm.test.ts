import {
  DeleteParameterCommand,
  GetParameterCommand,
  GetParametersCommand,
  ParameterAlreadyExists,
  ParameterNotFound,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/server.ts';

let running: RunningEmulator;
let control: EmulatorControl;
let ssm: SSMClient;

beforeAll(async () => {
  running = await startEmulator();
  control = new EmulatorControl(running.endpoint);
  ssm = new SSMClient({
    endpoint: running.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  ssm.destroy();
  await running.close();
});
beforeEach(async () => {
  await control.reset();
});

describe('SSM Parameter Store on the emulator', () => {
  it('puts a parameter, gets it with its version and ARN, overwrites it only when asked', async () => {
    expect(
      await ssm.send(new PutParameterCommand({ Name: '/prod/db/host', Value: 'db-1', Type: 'String' })),
    ).toMatchObject({
      Version: 1,
      Tier: 'Standard',
    });
    await expect(
      ssm.send(new PutParameterCommand({ Name: '/prod/db/host', Value: 'db-2', Type: 'String' })),
    ).rejects.toBeInstanceOf(ParameterAlreadyExists);
    expect(
      (await ssm.send(new PutParameterCommand({ Name: '/prod/db/host', Value: 'db-2', Overwrite: true })))
        .Version,
    ).toBe(2);
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: '/prod/db/host' }));
    expect(Parameter).toMatchObject({
      Name: '/prod/db/host',
      Type: 'String',
      Value: 'db-2',
      Version: 2,
      ARN: 'arn:aws:ssm:us-east-1:123456789012:parameter/prod/db/host',
    });
    expect(Parameter?.LastModifiedDate).toBeInstanceOf(Date);
  });

  it('answers a SecureString value only with decryption', async () => {
    await ssm.send(
      new PutParameterCommand({ Name: '/prod/db/password', Value: 'hunter2-Zq', Type: 'SecureString' }),
    );
    const hidden = await ssm.send(new GetParameterCommand({ Name: '/prod/db/password' }));
    expect(hidden.Parameter?.Type).toBe('SecureString');
    expect(hidden.Parameter?.Value).not.toContain('hunter2');
    const shown = await ssm.send(
      new GetParameterCommand({ Name: '/prod/db/password', WithDecryption: true }),
    );
    expect(shown.Parameter?.Value).toBe('hunter2-Zq');
  });

  it('GetParameters lists the names it does not know in InvalidParameters and takes at most 10', async () => {
    await ssm.send(new PutParameterCommand({ Name: 'a', Value: '1', Type: 'String' }));
    await ssm.send(new PutParameterCommand({ Name: '/b', Value: '2', Type: 'StringList' }));
    const answer = await ssm.send(new GetParametersCommand({ Names: ['a', '/missing', '/b'] }));
    expect(answer.Parameters?.map((p) => [p.Name, p.Value])).toEqual([
      ['a', '1'],
      ['/b', '2'],
    ]);
    expect(answer.InvalidParameters).toEqual(['/missing']);
    const eleven = Array.from({ length: 11 }, (_, i) => `/p${i}`);
    await expect(ssm.send(new GetParametersCommand({ Names: eleven }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('Member must have length less than or equal to 10'),
    });
  });

  it('deletes a parameter; a missing one is ParameterNotFound', async () => {
    await ssm.send(new PutParameterCommand({ Name: '/x', Value: '1', Type: 'String' }));
    await ssm.send(new DeleteParameterCommand({ Name: '/x' }));
    await expect(ssm.send(new GetParameterCommand({ Name: '/x' }))).rejects.toBeInstanceOf(ParameterNotFound);
    await expect(ssm.send(new DeleteParameterCommand({ Name: '/x' }))).rejects.toBeInstanceOf(
      ParameterNotFound,
    );
  });

  it('checks names and types as AWS does', async () => {
    await expect(
      ssm.send(new PutParameterCommand({ Name: 'a/b', Value: '1', Type: 'String' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(
      ssm.send(new PutParameterCommand({ Name: '/aws/x', Value: '1', Type: 'String' })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(ssm.send(new PutParameterCommand({ Name: '/new', Value: '1' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'A parameter type is required when you create a parameter.',
    });
  });
});
