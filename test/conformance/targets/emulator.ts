import { startEmulator } from '../../../src/emulator/server.ts';
import type { RunningTarget, TargetSpec } from '../target.ts';

const REGION = 'us-east-1';

/** Shipshape's own emulator, in this process, on a free port, with its manual clock and no throttling. */
export const emulatorTarget: TargetSpec = {
  name: 'emulator',
  available: async () => ({ ok: true }),
  supports: () => true,
  start: async (): Promise<RunningTarget> => {
    const running = await startEmulator({ host: '127.0.0.1', port: 0, defaultRegion: REGION });
    return {
      endpoint: running.endpoint,
      region: REGION,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      close: () => running.close(),
    };
  },
};
