import { createServer, request } from 'node:http';
import { closeServer, listen } from '../../src/local/listen.ts';

/** One request through the proxy: when it was sent on, then when its answer came back. */
export interface ProxyEvent {
  readonly phase: 'sent' | 'answered';
  readonly method: string;
  /** The decoded path: `/bucket/key`. */
  readonly path: string;
  readonly status?: number;
}

export interface Held {
  /** Resolves when the request held has arrived (and is waiting). */
  readonly reached: Promise<void>;
  release(): void;
}

/**
 * An HTTP proxy on 127.0.0.1 in front of a local S3, so that a test can watch the requests a
 * command sends (in order) and hold one back: the headers go through unchanged, so SigV4
 * signatures still hold.
 */
export interface RecordingProxy {
  readonly endpoint: string;
  readonly events: ProxyEvent[];
  /** Holds the next request that `matches` until `release()`. */
  hold(matches: (method: string, path: string) => boolean): Held;
  close(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const events: ProxyEvent[] = [];
  const holds: {
    matches: (method: string, path: string) => boolean;
    arrived: () => void;
    gate: Promise<void>;
  }[] = [];
  const server = createServer(async (req, res) => {
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://proxy').pathname);
    const index = holds.findIndex((hold) => hold.matches(method, path));
    const hold = index < 0 ? undefined : holds.splice(index, 1)[0];
    if (hold !== undefined) {
      hold.arrived();
      await hold.gate;
    }
    events.push({ phase: 'sent', method, path });
    const forwarded = request(
      { host: upstream.hostname, port: upstream.port, method, path: req.url, headers: req.headers },
      (answer) => {
        events.push({ phase: 'answered', method, path, status: answer.statusCode ?? 0 });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', (error) => res.destroy(error));
    req.pipe(forwarded);
  });
  const port = await listen(server, '127.0.0.1', 0);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    events,
    hold(matches) {
      let arrived = (): void => undefined;
      let release = (): void => undefined;
      const reached = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      holds.push({ matches, arrived, gate });
      return { reached, release };
    },
    close: () => {
      server.closeAllConnections();
      return closeServer(server);
    },
  };
}
