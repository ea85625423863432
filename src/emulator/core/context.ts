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
}
