import type { Accounts, Caller } from './accounts.ts';
import type { ImageBehaviours } from './behaviours.ts';
import type { RegionWorld } from './world.ts';

/** What an operation handler gets besides its input. */
export interface RequestContext {
  readonly region: string;
  readonly accountId: string;
  readonly requestId: string;
  /** Milliseconds since the epoch on the emulator's clock. */
  now(): number;
  readonly world: RegionWorld;
  readonly behaviours: ImageBehaviours;
  /** Who signed the request. */
  readonly caller: Caller;
  /** Keys, sessions and declared roles (the emulator's STS reads and issues them). */
  readonly accounts: Accounts;
}
