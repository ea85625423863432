import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { localClientConfig } from '../../src/local/client-config.ts';
import { freePort } from '../local/listening.ts';
import type { FencingTarget } from './fencing-suite.ts';

/** moto's server, an independent DynamoDB implementation with transactions, when python has it. */
export function motoAvailable(): boolean {
  return spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' }).status === 0;
}

export async function startMoto(): Promise<FencingTarget> {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: 'ignore',
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`moto.server exited with ${code} before it answered`)));
  });
  const client = new DynamoDBClient(localClientConfig(`http://127.0.0.1:${port}`, 'us-east-1'));
  try {
    await Promise.race([untilAnswering(client), exited]);
  } catch (error) {
    await stop(child, client);
    throw error;
  }
  return { client, close: () => stop(child, client) };
}

async function untilAnswering(client: DynamoDBClient): Promise<void> {
  for (;;) {
    try {
      await client.send(new ListTablesCommand({}));
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

function stop(child: ChildProcess, client: DynamoDBClient): Promise<void> {
  client.destroy();
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
