import { request } from 'node:http';

export interface SseMessage {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: string;
}

/** A client of a text/event-stream, collecting its messages; tests wait for a count of them. */
export class SseClient {
  readonly messages: SseMessage[] = [];
  readonly #waiters: Array<{ count: number; resolve: () => void; reject: (error: Error) => void }> = [];
  #ended = false;
  #buffer = '';
  readonly #close: () => void;

  private constructor(close: () => void) {
    this.#close = close;
  }

  /** Resolves with the status and, when 200, a client reading the stream. */
  static open(
    url: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; client?: SseClient; body?: string }> {
    return new Promise((resolve, reject) => {
      const req = request(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
        response.setEncoding('utf8');
        if (response.statusCode !== 200) {
          let body = '';
          response.on('data', (chunk: string) => {
            body += chunk;
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
          return;
        }
        const client = new SseClient(() => req.destroy());
        response.on('data', (chunk: string) => client.#take(chunk));
        response.on('close', () => client.#end());
        resolve({ status: 200, client });
      });
      req.on('error', reject);
      req.end();
    });
  }

  /** Resolves once `count` messages have come; rejects if the stream ends first. */
  until(count: number): Promise<SseMessage[]> {
    if (this.messages.length >= count) return Promise.resolve(this.messages);
    if (this.#ended) return Promise.reject(new Error(`stream ended after ${this.messages.length} messages`));
    return new Promise((resolve, reject) => {
      this.#waiters.push({ count, resolve: () => resolve(this.messages), reject });
    });
  }

  close(): void {
    this.#close();
  }

  #take(chunk: string): void {
    this.#buffer += chunk;
    let end = this.#buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      this.#parse(block);
      end = this.#buffer.indexOf('\n\n');
    }
    for (const waiter of [...this.#waiters]) {
      if (this.messages.length < waiter.count) continue;
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  #parse(block: string): void {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) this.messages.push({ id, event, data: data.join('\n') });
  }

  #end(): void {
    this.#ended = true;
    for (const waiter of this.#waiters.splice(0)) {
      waiter.reject(new Error(`stream ended after ${this.messages.length} messages`));
    }
  }
}
