import type { ServerResponse } from 'node:http';

/** One connected client. Its socket backing up past `maxBufferedBytes` drops it: nothing waits on it. */
export class Watcher {
  readonly #response: ServerResponse;
  readonly #maxBufferedBytes: number;
  #open = true;
  #dropped = false;

  constructor(
    response: ServerResponse,
    maxBufferedBytes: number,
    onClose: (watcher: Watcher, dropped: boolean) => void,
  ) {
    this.#response = response;
    this.#maxBufferedBytes = maxBufferedBytes;
    response.once('close', () => {
      this.#open = false;
      onClose(this, this.#dropped);
    });
  }

  get open(): boolean {
    return this.#open;
  }

  /** False when the watcher is (now) gone. */
  send(bytes: Buffer): boolean {
    if (!this.#open) return false;
    this.#response.write(bytes);
    if (this.#response.writableLength <= this.#maxBufferedBytes) return true;
    this.#open = false;
    this.#dropped = true;
    this.#response.destroy();
    return false;
  }

  end(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#response.end();
  }
}
