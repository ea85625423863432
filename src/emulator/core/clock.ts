/**
 * The emulator's notion of time. In `manual` mode time moves only when a test
 * advances it; in `real` mode it follows the wall clock plus any advance.
 */
export class Clock {
  readonly mode: 'real' | 'manual';
  #offsetMs = 0;
  readonly #startMs: number;

  constructor(mode: 'real' | 'manual', startMs = Date.now()) {
    this.mode = mode;
    this.#startMs = startMs;
  }

  now(): number {
    return this.mode === 'manual' ? this.#startMs + this.#offsetMs : Date.now() + this.#offsetMs;
  }

  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`Expected ms to be a finite number >= 0, got ${ms}`);
    }
    this.#offsetMs += ms;
    return this.now();
  }
}
