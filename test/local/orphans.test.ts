import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { motoTarget } from '../conformance/targets/moto.ts';
import { isListening } from './listening.ts';

const PARENT = fileURLToPath(new URL('./orphan-parent.ts', import.meta.url));
/** How long a child server may take to notice that its parent is gone. */
const DEADLINE_MS = 20_000;

interface Started {
  readonly endpoint: string;
  readonly directory: string;
}

async function startedByKilledParent(which: 's3' | 'moto'): Promise<Started> {
  const parent = spawn(process.execPath, ['--import', 'tsx', PARENT, which], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: parent.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  lines.close();
  const exited = once(parent, 'exit');
  parent.kill('SIGKILL');
  await exited;
  return JSON.parse(line) as Started;
}

async function eventually(condition: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + DEADLINE_MS;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await sleep(100);
  }
  return false;
}

const motoAvailable = (await motoTarget.available()).ok;

describe('servers in child processes do not outlive a parent killed with SIGKILL', () => {
  it('local S3, which also removes its folder', async () => {
    const started = await startedByKilledParent('s3');
    expect(await eventually(async () => !(await isListening(started.endpoint)))).toBe(true);
    expect(await eventually(async () => !existsSync(started.directory))).toBe(true);
  });

  it.skipIf(!motoAvailable)('moto', async () => {
    const started = await startedByKilledParent('moto');
    expect(await eventually(async () => !(await isListening(started.endpoint)))).toBe(true);
  });
});
