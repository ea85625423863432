import type { FencedState } from './fenced-state.ts';
import type { OperatorPatch } from './operator-store.ts';
import type { StateStore } from './state-store.ts';
import type { ResourceStatus, StateEvent } from './types.ts';

export interface StatusRecorderOptions {
  readonly store: StateStore;
  readonly fenced: FencedState;
  /** Wall-clock milliseconds for event times. Default Date.now. */
  readonly now?: () => number;
  /** A look found drift it had not reported yet (the DriftDetected event). */
  readonly onDriftDetected?: (identity: string) => void;
  /** The identities this recorder's operator manages (one target's namespaces); default all. */
  readonly owns?: (identity: string) => boolean;
}

/** What a status says, leaving out when it was looked at: an unchanged look is not written again. */
function fingerprint(status: ResourceStatus): string {
  const { observedAt: _at, conditions, ...rest } = status;
  return JSON.stringify({ ...rest, conditions: conditions.map(({ lastTransitionTime: _t, ...c }) => c) });
}

/**
 * Statuses, events and the operator item, written through the fenced path: a status is written
 * when it says something new, and health and drift transitions become events.
 */
export class StatusRecorder {
  readonly #store: StateStore;
  readonly #fenced: FencedState;
  readonly #now: () => number;
  readonly #onDriftDetected: ((identity: string) => void) | undefined;
  readonly #statuses = new Map<string, ResourceStatus>();
  readonly #written = new Map<string, string>();
  readonly #intents = new Set<string>();
  readonly #owns: (identity: string) => boolean;

  constructor(options: StatusRecorderOptions) {
    this.#owns = options.owns ?? (() => true);
    this.#store = options.store;
    this.#fenced = options.fenced;
    this.#now = options.now ?? Date.now;
    this.#onDriftDetected = options.onDriftDetected;
  }

  /** Whether this replica may write (it leads). */
  get leading(): boolean {
    return this.#fenced.leading;
  }

  /** Takes over what an earlier leader recorded (statuses carry the memory of rollbacks and applied specs). */
  async load(): Promise<void> {
    this.clear();
    // The table holds every target's statuses: another target's are not this operator's to clear.
    for (const status of await this.#store.listStatuses()) {
      if (!this.#owns(status.identity)) continue;
      this.#statuses.set(status.identity, status);
      this.#written.set(status.identity, fingerprint(status));
    }
    for (const intent of await this.#store.listIntents())
      if (this.#owns(intent.identity)) this.#intents.add(intent.identity);
  }

  /**
   * Before the first call of a create of several calls: if a later call never happens (a fault, a
   * kill), what the first made is still known as Shipshape's. False when this replica may not write.
   */
  async intend(identity: string): Promise<boolean> {
    const at = new Date(this.#now()).toISOString();
    const written = await this.#fenced.write((token) => this.#store.putIntent({ identity, at }, token));
    if (written) this.#intents.add(identity);
    return written;
  }

  /** Whether a create of several calls began for `identity` and has not been seen through. */
  intended(identity: string): boolean {
    return this.#intents.has(identity);
  }

  /** The create was seen through: the resource carries Shipshape's marks. */
  async fulfilled(identity: string): Promise<void> {
    if (!this.#intents.delete(identity)) return;
    await this.#fenced.write((token) => this.#store.deleteIntent(identity, token));
  }

  /** Forgets everything in memory (leadership lost: the next leader's view is the one that counts). */
  clear(): void {
    this.#statuses.clear();
    this.#written.clear();
    this.#intents.clear();
  }

  get(identity: string): ResourceStatus | undefined {
    return this.#statuses.get(identity);
  }

  all(): ResourceStatus[] {
    return [...this.#statuses.values()];
  }

  identities(): string[] {
    return [...this.#statuses.keys()];
  }

  async record(status: ResourceStatus): Promise<void> {
    const previous = this.#statuses.get(status.identity);
    this.#statuses.set(status.identity, status);
    await this.#transitionEvents(previous, status);
    const print = fingerprint(status);
    if (this.#written.get(status.identity) === print) return;
    if (await this.#fenced.write((token) => this.#store.putStatus(status, token)))
      this.#written.set(status.identity, print);
  }

  /** The resource is gone (deleted, released, or neither wanted nor live): its status goes too. */
  async forget(identity: string): Promise<void> {
    const known = this.#statuses.delete(identity);
    this.#written.delete(identity);
    if (known) await this.#fenced.write((token) => this.#store.deleteStatus(identity, token));
  }

  async event(identity: string, type: StateEvent['type'], reason: string, message: string): Promise<void> {
    const at = new Date(this.#now()).toISOString();
    await this.#fenced.write((token) =>
      this.#store.recordEvent({ identity, at, type, reason, message }, token),
    );
  }

  /** A resource released by revision `revisionId` (deletionPolicy Retain), for `/revisions`. */
  async released(revisionId: string, identity: string): Promise<void> {
    await this.#fenced.write((token) => this.#store.recordReleased(revisionId, identity, token));
  }

  async operator(patch: OperatorPatch): Promise<void> {
    await this.#fenced.write((token) => this.#store.updateOperator(patch, token));
  }

  /** Health and drift are reported as events when they change, not only in the status. */
  async #transitionEvents(previous: ResourceStatus | undefined, status: ResourceStatus): Promise<void> {
    const wasDegraded = previous?.health === 'Degraded';
    if (status.health === 'Degraded' && !wasDegraded) {
      const why = status.conditions.find((c) => c.type === 'Healthy')?.message ?? 'degraded';
      await this.event(status.identity, 'Warning', 'Degraded', why);
    } else if (wasDegraded && status.health === 'Healthy') {
      await this.event(status.identity, 'Normal', 'Recovered', 'healthy again');
    }
    const paths = status.drift.map((entry) => entry.path).join(', ');
    if (paths !== '' && paths !== (previous?.drift.map((entry) => entry.path).join(', ') ?? '')) {
      // Before the write: the drift was seen even if the event cannot be stored.
      this.#onDriftDetected?.(status.identity);
      await this.event(status.identity, 'Warning', 'DriftDetected', `differs from the manifest: ${paths}`);
    }
  }
}
