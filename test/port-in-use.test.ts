import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalDynamoDb } from '../src/local/dynamodb.ts';
import { closeServer, listen } from '../src/local/listen.ts';
import { envWithoutNpmScript, type NodeRun, runNode } from './support/run-node.ts';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const SHIPSHAPE = join(REPO, 'bin/shipshape.js');
const EMULATOR = join(REPO, 'bin/emulator.js');
/** Kills a program that, against expectations, keeps running on the busy port's failure. */
const KILL_AFTER_MS = 50_000;

let occupier: Server;
let busyPort = 0;
/** dev writes .shipshape/dev-token into its working folder: this one, not the repository. */
let workFolder = '';

beforeAll(async () => {
  occupier = createServer();
  busyPort = await listen(occupier, '127.0.0.1', 0);
  workFolder = await mkdtemp(join(tmpdir(), 'shipshape-port-'));
});

afterAll(async () => {
  await closeServer(occupier);
  await rm(workFolder, { recursive: true, force: true });
});

/** Exit code 1, and one line on stderr that names the port and how to pick another; no stack. */
function expectBusyPortMessage(run: NodeRun, program: string, example: string): void {
  expect(run.code).toBe(1);
  const lines = run.stderr.split('\n').filter((line) => line.startsWith(`${program}: `));
  expect(lines).toEqual([
    `${program}: 127.0.0.1:${busyPort} is already in use (another program, or another copy of this one, listens there); choose another port with --port, e.g. ${example}`,
  ]);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

describe('a busy port ends the program with a clear message, not a stack trace', () => {
  it('shipshape dev, started by npm start, shows the npm form of --port', async () => {
    const run = await runNode([SHIPSHAPE, 'dev', '--port', String(busyPort)], {
      cwd: workFolder,
      env: {
        ...envWithoutNpmScript(),
        npm_lifecycle_event: 'start',
        npm_lifecycle_script: 'node bin/shipshape.js dev',
      },
      killAfterMs: KILL_AFTER_MS,
    });
    expectBusyPortMessage(run, 'shipshape', `npm start -- --port ${busyPort + 1}`);
  }, 60_000);

  it('shipshape serve', async () => {
    const dynamodb = await startLocalDynamoDb();
    try {
      const run = await runNode([SHIPSHAPE, 'serve', '--host', '127.0.0.1', '--port', String(busyPort)], {
        cwd: workFolder,
        env: {
          ...envWithoutNpmScript(),
          SHIPSHAPE_SOURCE: join(REPO, 'test/fixtures/valid/web-app'),
          SHIPSHAPE_STATE_TABLE: 'shipshape-state',
          AWS_ENDPOINT_URL: dynamodb.endpoint,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
        },
        killAfterMs: KILL_AFTER_MS,
      });
      expectBusyPortMessage(run, 'shipshape', `--port ${busyPort + 1}`);
    } finally {
      await dynamodb.close();
    }
  }, 60_000);

  it('the emulator (npm run emulator)', async () => {
    const run = await runNode([EMULATOR, '--port', String(busyPort)], {
      env: envWithoutNpmScript(),
      killAfterMs: KILL_AFTER_MS,
    });
    expectBusyPortMessage(run, 'shipshape emulator', `--port ${busyPort + 1}`);
  }, 60_000);
});
