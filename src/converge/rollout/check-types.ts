/** Shapes shared by the rollout gate and its checks (http, alarms, job, manual). */
export type CheckVerdict =
  | { readonly state: 'pass'; readonly message: string }
  | { readonly state: 'fail'; readonly message: string }
  | { readonly state: 'pending'; readonly message: string };

/** `url`, or `path` through the Service's test listener (one of the two). */
export interface HttpCheckSpec {
  readonly url?: string;
  readonly path?: string;
  readonly expectStatus?: number;
  readonly bodyPattern?: string;
  readonly successes?: number;
  readonly intervalSeconds?: number;
}

export interface AlarmCheckSpec {
  readonly names: readonly string[];
  readonly successes?: number;
}

/** What a check keeps between looks (in the Service status's memory, as a JSON string): consecutive successes, last look time. */
export interface CheckMemory {
  readonly successes: number;
  readonly lastAt?: number;
  /** A `path` check's test listener, found once per gate. */
  readonly listener?: { readonly origin: string; readonly host?: string };
}
