import { fork } from 'node:child_process';
import { setPriority } from 'node:os';

/** A child process holding /watch clients: asked for its counts, then closed. */
export interface ClientProcess<T> {
  count(): Promise<T>;
  close(): Promise<void>;
}

/**
 * Forks `script` (run with tsx) with `args` and waits for its first message (connected). The
 * clients stand in for browsers on other machines: on this one they yield the CPU to the loop.
 */
export function startClientProcess<T>(script: string, args: readonly string[]): Promise<ClientProcess<T>> {
  const child = fork(script, [...args], { execArgv: ['--import', 'tsx'] });
  if (child.pid !== undefined) setPriority(child.pid, 19);
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      child.once('message', (message) => {
        child.off('error', reject);
        resolve(message);
      });
      child.once('error', reject);
    });
  const clients: ClientProcess<T> = {
    async count() {
      const answer = next();
      child.send('count');
      return (await answer) as T;
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('close');
      await exited;
    },
  };
  return next().then(() => clients);
}
