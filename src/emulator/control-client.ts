import type { ImageBehaviour } from './core/behaviours.ts';
import type { FaultRule } from './core/faults.ts';
import type { Outcome } from './core/request-log.ts';

export type RequestCounts = Record<string, Record<Outcome, number>>;

/** A typed client for the emulator's /_emulator/ control endpoint. */
export class EmulatorControl {
  readonly #base: string;

  constructor(endpoint: string) {
    this.#base = `${endpoint.replace(/\/+$/, '')}/_emulator`;
  }

  async #call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.#base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const parsed: unknown = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) {
      const message =
        typeof parsed === 'object' && parsed !== null && 'error' in parsed ? String(parsed.error) : text;
      throw new Error(`emulator control ${method} ${path}: ${response.status} ${message}`);
    }
    return parsed;
  }

  async reset(): Promise<void> {
    await this.#call('POST', '/reset');
  }

  async now(): Promise<number> {
    const answer = (await this.#call('GET', '/clock')) as { now: number };
    return answer.now;
  }

  async advance(ms: number): Promise<number> {
    const answer = (await this.#call('POST', '/clock/advance', { ms })) as { now: number };
    return answer.now;
  }

  async requests(): Promise<RequestCounts> {
    return (await this.#call('GET', '/requests')) as RequestCounts;
  }

  async resetRequests(): Promise<void> {
    await this.#call('POST', '/requests/reset');
  }

  async addFault(rule: FaultRule): Promise<void> {
    await this.#call('POST', '/faults', rule);
  }

  async clearFaults(): Promise<void> {
    await this.#call('DELETE', '/faults');
  }

  async seedFaults(seed: number): Promise<void> {
    await this.#call('POST', '/faults/seed', { seed });
  }

  async setThrottling(enabled: boolean): Promise<void> {
    await this.#call('POST', '/throttling', { enabled });
  }

  async setImageBehaviour(image: string, behaviour: ImageBehaviour): Promise<void> {
    await this.#call('POST', '/images', { image, behaviour });
  }

  /**
   * What tasks of `image` answer when a load balancer forwards an HTTP request to them (through
   * the emulator's port as a proxy); unset members keep the default (200, a JSON body).
   */
  async setImageHttp(
    image: string,
    answer: { readonly httpStatus?: number; readonly httpBody?: string },
    region = 'us-east-1',
  ): Promise<void> {
    await this.action('ecs', 'image-behaviour', { image, ...answer }, region);
  }

  /** A service's own control action, e.g. `('ecs', 'stop-task', {...})`. */
  async action(service: string, action: string, input: object, region = 'us-east-1'): Promise<unknown> {
    return this.#call('POST', `/${service}/${action}?region=${encodeURIComponent(region)}`, input);
  }
}
