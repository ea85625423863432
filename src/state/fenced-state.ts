import { isFencedOut } from './fenced-out.ts';

/** Who may write: only the leader, and every write carries its fencing token. */
export interface LeaderGate {
  isLeader(): boolean;
  fencingToken(): number | undefined;
}

export interface FencedStateLog {
  warn(fields: object, message: string): void;
}

/**
 * The one path by which Shipshape writes its state: a replica that is not the leader writes
 * nothing, and a write refused for a stale token (another replica leads now) is dropped with a
 * warning instead of failing the work that made it.
 */
export class FencedState {
  readonly #leader: LeaderGate;
  readonly #log: FencedStateLog | undefined;

  constructor(leader: LeaderGate, log?: FencedStateLog) {
    this.#leader = leader;
    this.#log = log;
  }

  get leading(): boolean {
    return this.#leader.isLeader();
  }

  /** Runs `write` with the lease's token; false when this replica does not lead or was fenced out. */
  async write(write: (token: number) => Promise<void>): Promise<boolean> {
    const token = this.#leader.fencingToken();
    if (!this.#leader.isLeader() || token === undefined) return false;
    try {
      await write(token);
      return true;
    } catch (error) {
      if (!isFencedOut(error)) throw error;
      this.#log?.warn({ token }, 'fenced out: another replica leads; this one stops writing');
      return false;
    }
  }
}
