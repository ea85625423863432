import type { CommandIo } from '../../src/cli/command.ts';

/** What a command printed, with a wait for text to appear (for commands that keep running). */
export class CliOutput {
  stdout = '';
  stderr = '';
  readonly #waiters: Array<{ check: () => boolean; resolve: () => void }> = [];

  readonly io: CommandIo = {
    stdout: (text) => {
      this.stdout += text;
      this.#wake();
    },
    stderr: (text) => {
      this.stderr += text;
      this.#wake();
    },
  };

  /** Resolves once `check` holds on what was printed; rejects after `timeoutMs` with what was printed. */
  until(what: string, check: (stdout: string) => boolean, timeoutMs = 30_000): Promise<void> {
    if (check(this.stdout)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`timed out waiting for ${what}; stdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
      }, timeoutMs);
      this.#waiters.push({
        check: () => check(this.stdout),
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  #wake(): void {
    for (const waiter of [...this.#waiters]) {
      if (!waiter.check()) continue;
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}
