export type Outcome = 'ok' | 'error' | 'throttled' | 'fault';

export type RequestCounts = Record<string, Record<Outcome, number>>;

/** Counts of requests per `service:Operation` and outcome, in all and per calling account. */
export class RequestLog {
  readonly #all = new Map<string, Record<Outcome, number>>();
  readonly #byAccount = new Map<string, Map<string, Record<Outcome, number>>>();

  record(action: string, outcome: Outcome, accountId?: string): void {
    count(this.#all, action, outcome);
    if (accountId === undefined) return;
    let counts = this.#byAccount.get(accountId);
    if (counts === undefined) {
      counts = new Map();
      this.#byAccount.set(accountId, counts);
    }
    count(counts, action, outcome);
  }

  /** All requests, or only those signed for `accountId`. */
  snapshot(accountId?: string): RequestCounts {
    const counts = accountId === undefined ? this.#all : (this.#byAccount.get(accountId) ?? new Map());
    const out: RequestCounts = {};
    for (const [action, outcomes] of [...counts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      out[action] = { ...outcomes };
    }
    return out;
  }

  reset(): void {
    this.#all.clear();
    this.#byAccount.clear();
  }
}

function count(counts: Map<string, Record<Outcome, number>>, action: string, outcome: Outcome): void {
  let outcomes = counts.get(action);
  if (outcomes === undefined) {
    outcomes = { ok: 0, error: 0, throttled: 0, fault: 0 };
    counts.set(action, outcomes);
  }
  outcomes[outcome] += 1;
}
