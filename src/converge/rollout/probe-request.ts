import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** How a probe reaches its URL: straight, or through an HTTP proxy; and the Host it sends. */
export interface ProbeRoute {
  /** `http://host:port` of a plain HTTP proxy: the request goes to it in absolute form. */
  readonly proxy?: string;
  /** The Host header, when not the URL's own (a listener rule's host-header condition). */
  readonly host?: string;
}

export interface ProbeAnswer {
  readonly status: number;
  /** At most `bodyLimit` bytes of the body, as text. */
  readonly body: string;
}

/** At most this much of a body is read: the pattern is for a health answer, not a download. */
const BODY_LIMIT = 64 * 1024;

function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      if (size >= BODY_LIMIT) return;
      chunks.push(chunk);
      size += chunk.length;
      if (size >= BODY_LIMIT) response.destroy();
    });
    response.on('end', () => resolve(Buffer.concat(chunks).subarray(0, BODY_LIMIT).toString('utf8')));
    response.on('close', () => resolve(Buffer.concat(chunks).subarray(0, BODY_LIMIT).toString('utf8')));
    response.on('error', reject);
  });
}

/**
 * One GET with node:http (fetch may not set Host, and has no plain proxy): redirects are not
 * followed, so the status is the target's own answer. Through a proxy only http:// URLs go, in
 * absolute form; https would need a CONNECT tunnel.
 */
export function probeGet(url: URL, route: ProbeRoute, signal: AbortSignal): Promise<ProbeAnswer> {
  if (route.proxy !== undefined && url.protocol !== 'http:')
    return Promise.reject(new Error(`only http:// URLs go through the probe proxy, not ${url.protocol}//`));
  const proxy = route.proxy === undefined ? undefined : new URL(route.proxy);
  const headers = { host: route.host ?? url.host, 'user-agent': 'shipshape-rollout-gate' };
  const send = url.protocol === 'https:' && proxy === undefined ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(
      proxy === undefined
        ? {
            protocol: url.protocol,
            hostname: url.hostname,
            port: url.port,
            path: `${url.pathname}${url.search}`,
            headers,
            signal,
          }
        : { protocol: 'http:', hostname: proxy.hostname, port: proxy.port, path: url.href, headers, signal },
      (response) => {
        readBody(response).then((body) => resolve({ status: response.statusCode ?? 0, body }), reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}
