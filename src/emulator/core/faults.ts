/**
 * Faults injected through the control endpoint. A rule matches an action
 * (`ecs:DescribeServices`), a whole service (`ecs:*`) or everything (`*`).
 */
export interface FaultRule {
  readonly action: string;
  /** Only calls made in this account (12 digits); every account when unset. */
  readonly account?: string;
  /** Share of matching calls answered with a server error (500 InternalFailure), 0-1. */
  readonly errorRate?: number;
  /** Share of matching calls answered with the service's throttling error, 0-1. */
  readonly throttleRate?: number;
  /** Share of matching calls whose connection is dropped without an answer, 0-1. */
  readonly timeoutRate?: number;
  /** Delay before answering, in real milliseconds. */
  readonly latencyMs?: number;
  /** A given error for the next `count` matching calls. */
  readonly error?: { readonly code: string; readonly message?: string; readonly status?: number };
  readonly count?: number;
}

export type FaultDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'throttle' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'error'; readonly code: string; readonly message: string; readonly status: number };

interface ActiveRule {
  readonly rule: FaultRule;
  remaining: number;
}

/** A small seeded generator so that a fault run can be repeated. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Faults {
  #rules: ActiveRule[] = [];
  #random: () => number = mulberry32(1);

  seed(value: number): void {
    this.#random = mulberry32(value);
  }

  add(rule: FaultRule): void {
    for (const rate of [rule.errorRate, rule.throttleRate, rule.timeoutRate]) {
      if (rate !== undefined && !(rate >= 0 && rate <= 1)) {
        throw new RangeError(`Expected a rate between 0 and 1, got ${rate}`);
      }
    }
    this.#rules.push({ rule, remaining: rule.count ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.#rules = [];
  }

  list(): FaultRule[] {
    return this.#rules.map((active) => active.rule);
  }

  latencyFor(action: string, account?: string): number {
    let latency = 0;
    for (const { rule } of this.#matching(action, account)) latency = Math.max(latency, rule.latencyMs ?? 0);
    return latency;
  }

  decide(action: string, account?: string): FaultDecision {
    for (const active of this.#matching(action, account)) {
      const { rule } = active;
      if (rule.error !== undefined && active.remaining > 0) {
        active.remaining -= 1;
        return {
          kind: 'error',
          code: rule.error.code,
          message: rule.error.message ?? `Injected ${rule.error.code}`,
          status: rule.error.status ?? 400,
        };
      }
      if (rule.throttleRate !== undefined && this.#random() < rule.throttleRate) return { kind: 'throttle' };
      if (rule.timeoutRate !== undefined && this.#random() < rule.timeoutRate) return { kind: 'drop' };
      if (rule.errorRate !== undefined && this.#random() < rule.errorRate) {
        return { kind: 'error', code: 'InternalFailure', message: 'Injected server error', status: 500 };
      }
    }
    this.#rules = this.#rules.filter((active) => active.rule.error === undefined || active.remaining > 0);
    return { kind: 'none' };
  }

  *#matching(action: string, account: string | undefined): Generator<ActiveRule> {
    const service = action.split(':')[0];
    for (const active of this.#rules) {
      if (active.rule.account !== undefined && active.rule.account !== account) continue;
      const target = active.rule.action;
      if (target === '*' || target === action || target === `${service}:*`) yield active;
    }
  }
}
