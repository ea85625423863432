import { rateOf } from '../../aws/rates.ts';
import { TokenBucket } from './token-bucket.ts';

/** Token buckets per account, region, service and throttling group, at AWS's rates. */
export class Throttle {
  enabled: boolean;
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(enabled: boolean) {
    this.enabled = enabled;
  }

  /** true when the call may go ahead. */
  admit(accountId: string, region: string, service: string, group: string, now: number): boolean {
    if (!this.enabled) return true;
    const key = `${accountId}/${region}/${service}:${group}`;
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      const rate = rateOf(service, group);
      bucket = new TokenBucket(rate.burst, rate.sustained, now);
      this.#buckets.set(key, bucket);
    }
    return bucket.tryTake(now);
  }

  reset(): void {
    this.#buckets.clear();
  }
}
