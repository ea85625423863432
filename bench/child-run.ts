import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildAnswer {
  readonly mode: string;
  readonly services: number;
  readonly rssBefore: number;
  readonly rss: number;
  readonly planCpu: number;
  readonly pureCpu: number;
  readonly actions: Record<string, number>;
  readonly calls: number;
}

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

/** Runs bench/child.ts in a fresh Node process and reads its one JSON line. */
export function runChild(mode: 'memory' | 'cpu', services: number, endpoint: string): Promise<ChildAnswer> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', CHILD, mode, String(services), endpoint],
      { maxBuffer: 1 << 20 },
      (error, stdout) => {
        if (error !== null) {
          reject(error);
          return;
        }
        const line = stdout.trim().split('\n').pop() ?? '';
        resolve(JSON.parse(line) as ChildAnswer);
      },
    );
  });
}
