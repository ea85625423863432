import { readFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Options of every command that talks to a running operator's API. */
export const API_OPTIONS = {
  api: { type: 'string' },
  'token-file': { type: 'string' },
} as const;

/** The apiPort default of src/config/schema.ts, on this machine. */
export const DEFAULT_API_URL = 'http://127.0.0.1:8080';

export const API_OPTIONS_USAGE = `  --api URL           the operator's API; default SHIPSHAPE_API_URL, else ${DEFAULT_API_URL}
  --token-file FILE   a file holding the API token (e.g. .shipshape/dev-token); default SHIPSHAPE_API_TOKEN`;

export interface ApiOptionValues {
  readonly api?: string | undefined;
  readonly 'token-file'?: string | undefined;
}

/** A failure to show the user as it is: it names the URL, never the token. */
export class ApiError extends Error {}

export interface ApiClient {
  /** The base URL, without a trailing slash. */
  readonly url: string;
  /** GET a JSON body; throws ApiError on anything but a 2xx. */
  getJson(path: string): Promise<unknown>;
  /** POST a JSON body (or none); throws ApiError on anything but a 2xx. */
  postJson(path: string, body?: unknown): Promise<unknown>;
  /**
   * GET a stream: its body, read until `signal` aborts (then the connection is closed); throws
   * ApiError on anything but a 200.
   */
  openStream(
    path: string,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<AsyncIterable<Uint8Array>>;
}

/** The client the options and environment describe; throws ApiError when the token file cannot be read. */
export async function apiClientFor(
  values: ApiOptionValues,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ApiClient> {
  const url = (values.api ?? env.SHIPSHAPE_API_URL ?? DEFAULT_API_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(url)) throw new ApiError(`--api must be an http(s) URL, got "${url}"`);
  const token = await tokenOf(values['token-file'], env);
  return createApiClient(url, token);
}

async function tokenOf(file: string | undefined, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (file === undefined) return env.SHIPSHAPE_API_TOKEN?.trim() || undefined;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new ApiError(`cannot read the token file ${file} (${code})`);
  }
  const token = text.trim();
  if (token === '') throw new ApiError(`the token file ${file} is empty`);
  return token;
}

export function createApiClient(url: string, token: string | undefined): ApiClient {
  const auth: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };

  async function send(method: string, path: string, init: RequestInit): Promise<Response> {
    const target = `${url}${path}`;
    let response: Response;
    try {
      response = await fetch(target, { ...init, method, headers: { ...auth, ...init.headers } });
    } catch (error) {
      throw new ApiError(`cannot reach the Shipshape API at ${target}: ${reasonOf(error)}`);
    }
    if (!response.ok) throw new ApiError(await refusal(method, target, response, token !== undefined));
    return response;
  }

  return {
    url,
    async getJson(path) {
      const response = await send('GET', path, { headers: { accept: 'application/json' } });
      return response.json();
    },
    async postJson(path, body) {
      const response = await send('POST', path, {
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return response.json();
    },
    openStream: (path, headers, signal) =>
      openStream(
        `${url}${path}`,
        { accept: 'text/event-stream', ...auth, ...headers },
        signal,
        token !== undefined,
      ),
  };
}

/**
 * Over node:http on a connection of its own rather than fetch: when fetch's pool loses an aborted
 * stream's connection it opens a spare one that sends nothing, and a server closing waits for that
 * one until its headers timeout (a minute).
 */
function openStream(
  target: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  hadToken: boolean,
): Promise<AsyncIterable<Uint8Array>> {
  const request = target.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(target, { headers, agent: false, signal }, (response) => {
      if (response.statusCode === 200) {
        resolve(response);
        return;
      }
      void bodyText(response).then((text) => {
        const status = response.statusCode ?? 0;
        reject(new ApiError(refusalOf('GET', target, status, messageIn(text), hadToken)));
      }, reject);
    });
    req.on('error', (error) => {
      reject(
        signal.aborted
          ? error
          : new ApiError(`cannot reach the Shipshape API at ${target}: ${reasonOf(error)}`),
      );
    });
    req.end();
  });
}

async function bodyText(response: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of response) text += String(chunk);
  return text;
}

/** The reason a connection failed; fetch's "fetch failed" hides it in `cause`. */
function reasonOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = cause instanceof Error && 'code' in cause ? String(cause.code) : undefined;
  if (code === 'ECONNREFUSED') return 'connection refused (is the operator running? see --api)';
  if (code === 'ENOTFOUND') return 'host not found (see --api)';
  if (code !== undefined) return code;
  return cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
}

async function refusal(
  method: string,
  target: string,
  response: Response,
  hadToken: boolean,
): Promise<string> {
  return refusalOf(method, target, response.status, messageIn(await response.text()), hadToken);
}

function refusalOf(
  method: string,
  target: string,
  status: number,
  said: string | undefined,
  hadToken: boolean,
): string {
  const head = `${method} ${target}: ${status}${said === undefined ? '' : ` ${said}`}`;
  if (status === 401) {
    return hadToken
      ? `${head}\nThe API refused the token given.`
      : `${head}\nThis needs the API token: give --token-file FILE or set SHIPSHAPE_API_TOKEN.`;
  }
  if (status === 403) return `${head}\nThe operator has no API token configured (apiToken).`;
  return head;
}

/** The `message` of the API's error body, when it has one. */
function messageIn(text: string): string | undefined {
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string'
      ? body.message
      : undefined;
  } catch {
    return undefined;
  }
}
