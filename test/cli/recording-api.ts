import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../src/api/build-api.ts';
import { createMetrics } from '../../src/api/metrics.ts';
import { dispatch } from '../../src/cli/dispatch.ts';
import { RecordingActions } from '../api/recording-actions.ts';
import { SECRET_TOKEN, type SeededStore, startSeededStore } from '../api/seeded-store.ts';
import { CliOutput } from './cli-output.ts';

/** The real API over RecordingActions, and the CLI pointed at it with the token in a file. */
export interface RecordingApi {
  readonly actions: RecordingActions;
  shipshape(...args: string[]): Promise<CliOutput & { code: number }>;
  close(): Promise<void>;
}

export async function startRecordingApi(): Promise<RecordingApi> {
  const seeded: SeededStore = await startSeededStore();
  const actions = new RecordingActions();
  const app: FastifyInstance = buildApi({
    status: seeded.store,
    actions,
    metrics: createMetrics(),
    ready: () => true,
    token: SECRET_TOKEN,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const folder = await mkdtemp(join(tmpdir(), 'shipshape-cli-'));
  const tokenFile = join(folder, 'token');
  await writeFile(tokenFile, `${SECRET_TOKEN}\n`);
  return {
    actions,
    async shipshape(...args) {
      const out = new CliOutput();
      const code = await dispatch([...args, '--api', url, '--token-file', tokenFile], out.io);
      return Object.assign(out, { code });
    },
    async close() {
      await app.close();
      await seeded.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
