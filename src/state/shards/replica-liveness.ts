import type { Heartbeat } from './heartbeats.ts';

interface Seen {
  readonly beat: number;
  /** Our monotonic clock when we first saw this beat. */
  readonly since: number;
}

/**
 * Which replicas are alive, judged as lease expiry is: a replica is dead once its heartbeat has
 * not changed for `durationMs` by our own clock. Its clock, and our wall clock, are never
 * trusted, so a replica's heartbeat and its leases run out together in our eyes.
 */
export class ReplicaLiveness {
  readonly #durationMs: number;
  #seen = new Map<string, Seen>();

  constructor(durationMs: number) {
    this.#durationMs = durationMs;
  }

  /** The live replicas among these heartbeats at `now` (monotonic); a beat seen first counts as fresh. */
  update(heartbeats: readonly Heartbeat[], now: number): string[] {
    const seen = new Map<string, Seen>();
    for (const { replicaId, beat } of heartbeats) {
      const before = this.#seen.get(replicaId);
      seen.set(replicaId, before?.beat === beat ? before : { beat, since: now });
    }
    this.#seen = seen;
    return [...seen]
      .filter(([, { since }]) => now - since < this.#durationMs)
      .map(([replicaId]) => replicaId);
  }
}
