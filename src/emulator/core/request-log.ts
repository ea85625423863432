export type Outcome = 'ok' | 'error' | 'throttled' | 'fault';

/** Counts of requests per `service:Operation` and outcome. */
export class RequestLog {
  readonly #counts = new Map<string, Record<Outcome, number>>();

  record(action: string, outcome: Outcome): void {
    let counts = this.#counts.get(action);
    if (counts === undefined) {
      counts = { ok: 0, error: 0, throttled: 0, fault: 0 };
      this.#counts.set(action, counts);
    }
    counts[outcome] += 1;
  }

  snapshot(): Record<string, Record<Outcome, number>> {
    const out: Record<string, Record<Outcome, number>> = {};
    for (const [action, counts] of [...this.#counts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      out[action] = { ...counts };
    }
    return out;
  }

  reset(): void {
    this.#counts.clear();
  }
}
