import { request } from 'node:http';

export interface ProxiedAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

/**
 * One request to `url` through the emulator's port used as an HTTP proxy (absolute form), as any
 * client sends through a proxy. The Host header is the URL's unless `options.headers.host` says.
 */
export function proxiedRequest(
  emulatorPort: number,
  url: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<ProxiedAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port: emulatorPort,
        method: options.method ?? 'GET',
        path: url,
        headers: { host: new URL(url).host, ...options.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const headers: Record<string, string | undefined> = {};
          for (const [name, value] of Object.entries(response.headers))
            headers[name] = Array.isArray(value) ? value.join(',') : value;
          resolve({
            status: response.statusCode ?? 0,
            headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}
