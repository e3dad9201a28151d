// Token bucket rate limiter (Identity Center throttles the portal APIs at roughly 20 requests/second).
import type { Clock } from '../config/clock.js';

export class TokenBucket {
  private tokens: number | undefined;
  private last: number;

  constructor(private readonly clock: Clock) {
    this.last = clock.now();
  }

  /** Takes one token at `rate`/s with bucket size `burst`; false when empty. rate <= 0 means unlimited. */
  take(rate: number, burst = rate): boolean {
    if (rate <= 0) return true;
    const now = this.clock.now();
    const size = Math.max(1, burst);
    this.tokens = Math.min(size, (this.tokens ?? size) + ((now - this.last) / 1000) * rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Refills the bucket (e.g. after the rate knob changed). */
  reset(): void {
    this.tokens = undefined;
    this.last = this.clock.now();
  }
}
