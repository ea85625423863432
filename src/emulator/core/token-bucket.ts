/** A token bucket: `burst` tokens at most, refilled at `ratePerSecond`. */
export class TokenBucket {
  readonly burst: number;
  readonly ratePerSecond: number;
  #tokens: number;
  #updatedAt: number;

  constructor(burst: number, ratePerSecond: number, now: number) {
    if (!(burst > 0) || !(ratePerSecond > 0)) {
      throw new RangeError(`Expected burst and rate > 0, got ${burst} and ${ratePerSecond}`);
    }
    this.burst = burst;
    this.ratePerSecond = ratePerSecond;
    this.#tokens = burst;
    this.#updatedAt = now;
  }

  /** Takes one token if there is one. */
  tryTake(now: number): boolean {
    this.#refill(now);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#updatedAt) / 1000;
    this.#tokens = Math.min(this.burst, this.#tokens + elapsed * this.ratePerSecond);
    this.#updatedAt = now;
  }
}
