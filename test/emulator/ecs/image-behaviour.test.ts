import { describe, expect, it } from 'vitest';
import { emulatorPerFile } from '../../support/emulator-per-file.ts';

const emulator = emulatorPerFile();

const imageBehaviour = (input: object): Promise<unknown> =>
  emulator.control.action('ecs', 'image-behaviour', input);

describe('POST /_emulator/ecs/image-behaviour', () => {
  it('answers the one-off exit as before when no HTTP member is sent', async () => {
    expect(await imageBehaviour({ image: 'job:1' })).toEqual({ image: 'job:1', exitCode: 0, runSeconds: 5 });
    expect(await imageBehaviour({ image: 'job:1', exitCode: 3, runSeconds: 120 })).toEqual({
      image: 'job:1',
      exitCode: 3,
      runSeconds: 120,
    });
  });

  it('sets the HTTP answer without touching the exit, and the exit without touching the HTTP answer', async () => {
    await imageBehaviour({ image: 'api:2', exitCode: 3, runSeconds: 120 });
    expect(await imageBehaviour({ image: 'api:2', httpStatus: 503, httpBody: 'down' })).toEqual({
      image: 'api:2',
      exitCode: 3,
      runSeconds: 120,
      httpStatus: 503,
      httpBody: 'down',
    });
    expect(await imageBehaviour({ image: 'api:2', exitCode: 1 })).toEqual({
      image: 'api:2',
      exitCode: 1,
      runSeconds: 5,
      httpStatus: 503,
      httpBody: 'down',
    });
  });

  it('refuses an HTTP status outside 100-599 and a body that is not a string, naming the field', async () => {
    await expect(imageBehaviour({ image: 'api:2', httpStatus: 99 })).rejects.toThrow(
      'httpStatus must be a whole number from 100 to 599',
    );
    await expect(imageBehaviour({ image: 'api:2', httpBody: 42 })).rejects.toThrow(
      'httpBody must be a string',
    );
    expect(await imageBehaviour({ image: 'api:2' })).toEqual({ image: 'api:2', exitCode: 0, runSeconds: 5 });
  });
});
