import { createServer, type IncomingHttpHeaders } from 'node:http';
import { closeServer, listen } from '../../src/local/listen.ts';

export interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The status it was answered with. */
  readonly status: number;
}

/** A notification receiver on 127.0.0.1, started and stopped by the test. */
export interface HttpReceiver {
  readonly url: string;
  readonly requests: Received[];
  /** Requests answered 2xx. */
  accepted(): Received[];
  /** The status of the next answer, given how many requests came before it; a promise holds the answer back. */
  answer: (index: number, request: Omit<Received, 'status'>) => number | Promise<number>;
  /** Resolves once `count` requests have come (however they were answered). */
  waitForRequests(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<HttpReceiver> {
  const waiters: { count: number; resolve: () => void }[] = [];
  let arrived = 0;
  const receiver: HttpReceiver = {
    url: '',
    requests: [],
    accepted: () => receiver.requests.filter((request) => request.status < 300),
    answer: () => 204,
    waitForRequests: (count) =>
      receiver.requests.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () => closeServer(server),
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const seen = {
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      };
      const status = await receiver.answer(arrived++, seen);
      receiver.requests.push({ ...seen, status });
      response.statusCode = status;
      response.end();
      for (const waiter of waiters.filter((w) => receiver.requests.length >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    });
  });
  const port = await listen(server, '127.0.0.1', 0);
  return Object.assign(receiver, { url: `http://127.0.0.1:${port}` });
}
