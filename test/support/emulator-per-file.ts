import { afterAll, beforeAll, beforeEach } from 'vitest';
import { EmulatorControl } from '../../src/emulator/control-client.ts';
import { type RunningEmulator, startEmulator } from '../../src/emulator/server.ts';

export interface EmulatorPerFile {
  /** Set once the file's tests run (beforeAll). */
  readonly running: RunningEmulator;
  readonly control: EmulatorControl;
}

/** One emulator for the test file: started before its tests, reset before each, closed after. */
export function emulatorPerFile(): EmulatorPerFile {
  let running: RunningEmulator | undefined;
  let control: EmulatorControl | undefined;
  beforeAll(async () => {
    running = await startEmulator();
    control = new EmulatorControl(running.endpoint);
  });
  afterAll(async () => {
    await running?.close();
  });
  beforeEach(async () => {
    await control?.reset();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the emulator starts in beforeAll');
    return value;
  };
  return {
    get running() {
      return started(running);
    },
    get control() {
      return started(control);
    },
  };
}
