import { execFile } from 'node:child_process';

export interface NodeRun {
  /** The exit code; -1 when the process was killed or could not start. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunNodeOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** A deadline, not an assertion: a process still running then is killed (code -1). */
  readonly killAfterMs?: number;
}

/** Runs `node <args>` with the Node running the tests, and resolves when it has exited. */
export function runNode(args: readonly string[], options: RunNodeOptions = {}): Promise<NodeRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...args],
      { cwd: options.cwd, env: options.env, timeout: options.killAfterMs ?? 0 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** This environment without what `npm run` adds, so a child does not believe an npm script started it. */
export function envWithoutNpmScript(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('npm_')));
}
