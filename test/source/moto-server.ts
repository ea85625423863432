import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { localClientConfig } from '../../src/local/client-config.ts';
import { freePort } from '../local/listening.ts';

/** moto's server (S3, SQS and S3 event notifications to SQS in one process), when python has it. */
export function motoAvailable(): boolean {
  return spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' }).status === 0;
}

export interface MotoServer {
  readonly endpoint: string;
  close(): Promise<void>;
}

export async function startMoto(): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`moto.server exited with ${code} before it answered`)));
  });
  const probe = new SQSClient(localClientConfig(endpoint, 'us-east-1'));
  try {
    await Promise.race([untilAnswering(probe), exited]);
  } catch (error) {
    await stop(child);
    throw error;
  } finally {
    probe.destroy();
  }
  return { endpoint, close: () => stop(child) };
}

async function untilAnswering(client: SQSClient): Promise<void> {
  for (;;) {
    try {
      await client.send(new ListQueuesCommand({}));
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
