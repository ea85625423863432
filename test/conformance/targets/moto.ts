import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { freePort } from '../../local/listening.ts';
import type { Availability, RunningTarget, TargetSpec } from '../target.ts';
import { MOTO_OPERATIONS } from './moto-operations.ts';

const PYTHON = process.env.PYTHON ?? 'python3';
const REGION = 'us-east-1';
/** moto imports every backend on start; on a busy 2-core machine that can take a while. */
const START_DEADLINE_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const STDERR_KEPT = 4_000;

/** moto.server's own main, plus a thread that ends the process when its stdin closes (our end died). */
const MOTO_PROGRAM = [
  'import os, sys, threading',
  'threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()',
  'from moto.server import main',
  'main(sys.argv[1:])',
].join('\n');

/** moto's server mode (`python3 -m moto.server`), one fresh process per start. */
export const motoTarget: TargetSpec = {
  name: 'moto',
  available: checkMoto,
  supports: (capability) => {
    const [service, operation] = capability.split(':');
    return operation !== undefined && (MOTO_OPERATIONS[service ?? '']?.includes(operation) ?? false);
  },
  start: async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await launch(await freePort());
      } catch (error) {
        // freePort's port can be taken again before moto binds it; try another.
        if (!(error instanceof PortTaken) || attempt === 3) throw error;
      }
    }
  },
};

async function checkMoto(): Promise<Availability> {
  try {
    await promisify(execFile)(PYTHON, ['-c', 'import moto, moto.server']);
    return { ok: true };
  } catch (error) {
    const stderr =
      typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr) : '';
    const detail =
      stderr.trim().split('\n').at(-1) || (error instanceof Error ? error.message : String(error));
    return { ok: false, reason: `${PYTHON} cannot import moto and moto.server: ${detail}` };
  }
}

class PortTaken extends Error {}

async function launch(port: number): Promise<RunningTarget> {
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(PYTHON, ['-c', MOTO_PROGRAM, '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  // moto logs every request on stderr: keep reading it, or moto blocks once the pipe is full.
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr = (stderr + text).slice(-STDERR_KEPT);
  });

  try {
    await waitUntilAnswering(endpoint, child, () => stderr);
  } catch (error) {
    await stop(child);
    process.off('exit', killOnExit);
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    endpoint,
    region: REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    close: () => {
      closing ??= stop(child).then(() => {
        process.off('exit', killOnExit);
      });
      return closing;
    },
  };
}

async function waitUntilAnswering(
  endpoint: string,
  child: ChildProcess,
  stderr: () => string,
): Promise<void> {
  const deadline = Date.now() + START_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const output = stderr();
      if (output.includes('Address already in use')) throw new PortTaken(output);
      throw new Error(
        `moto exited with ${String(child.exitCode ?? child.signalCode)} before answering: ${output}`,
      );
    }
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`moto did not answer at ${endpoint} within ${START_DEADLINE_MS} ms: ${stderr()}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.stdin?.end();
  const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  try {
    await exited;
  } finally {
    clearTimeout(killer);
  }
}
