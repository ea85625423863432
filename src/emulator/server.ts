import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { CONTROL_PREFIX, handleControl } from './control.ts';
import type { IncomingRequest, OutgoingResponse } from './core/http.ts';
import { answerLoadBalancerRequest, isLoadBalancerRequest } from './elbv2/http-router.ts';
import { Emulator } from './emulator.ts';

export interface EmulatorOptions {
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** `manual` (the default): time moves only through /_emulator/clock/advance; `real`: wall-clock time. */
  readonly clock?: 'real' | 'manual';
  /** Token buckets at AWS's rates; off by default. */
  readonly throttling?: boolean;
  readonly accountId?: string;
  readonly defaultRegion?: string;
  /** In real-clock mode, how often simulated life moves on without requests. */
  readonly tickIntervalMs?: number;
}

export interface RunningEmulator {
  readonly endpoint: string;
  readonly port: number;
  readonly emulator: Emulator;
  close(): Promise<void>;
}

async function readRequest(message: IncomingMessage): Promise<IncomingRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  const url = new URL(message.url ?? '/', 'http://emulator');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return {
    method: message.method ?? 'GET',
    path: decodeURIComponent(url.pathname),
    query: url.searchParams,
    headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
}

function send(res: ServerResponse, response: OutgoingResponse): void {
  res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
  res.end(response.body);
}

/** Starts the emulator's HTTP server on 127.0.0.1 (by default). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = new Emulator({
    clock: options.clock ?? 'manual',
    throttling: options.throttling ?? false,
    accountId: options.accountId ?? '123456789012',
    defaultRegion: options.defaultRegion ?? 'us-east-1',
  });

  const server = createServer((req, res) => {
    void (async () => {
      const request = await readRequest(req);
      if (isLoadBalancerRequest(req.url)) {
        send(res, answerLoadBalancerRequest(emulator, req.url, request));
        return;
      }
      if (request.path.startsWith(CONTROL_PREFIX)) {
        send(res, handleControl(emulator, request));
        return;
      }
      const outcome = emulator.dispatch(request);
      if (outcome.kind === 'unrouted') {
        send(res, {
          status: 404,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ message: `No emulated service answers ${request.method} ${request.path}` }),
        });
        return;
      }
      if (outcome.latencyMs > 0) await sleep(outcome.latencyMs);
      if (outcome.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      send(res, outcome.response);
    })().catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) send(res, { status: 500, headers: {}, body: message });
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;

  const ticker =
    emulator.clock.mode === 'real'
      ? setInterval(() => emulator.tickAll(), options.tickIntervalMs ?? 1_000)
      : undefined;
  ticker?.unref();

  return {
    endpoint: `http://${address}:${port}`,
    port,
    emulator,
    close: async () => {
      if (ticker !== undefined) clearInterval(ticker);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
