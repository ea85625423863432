import { createServer } from 'node:http';
import { connect } from 'node:net';
import { closeServer, listen } from '../../src/local/listen.ts';

/** True when something accepts TCP connections at the endpoint's host and port. */
export function isListening(endpoint: string): Promise<boolean> {
  const url = new URL(endpoint);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A port that was free a moment ago (for tests that need to know a server's port in advance). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe, '127.0.0.1', 0);
  await closeServer(probe);
  return port;
}
