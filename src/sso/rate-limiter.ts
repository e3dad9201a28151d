// A token bucket shared by every request of one job (e.g. SSO discovery): at most `rate` requests per
// second on average, at most `burst` at once. Waiters are served in arrival order; retries take tokens
// too, so a burst of failures can never turn into a storm. Timers and clock are injectable for tests.
import type { Clock } from '../config/clock.js';

/** A clock to wait on: the time, and a wait that a signal can cut short. */
export interface LimiterClock extends Clock {
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export function abortError(signal: AbortSignal | undefined): Error {
  const reason = signal?.reason as unknown;
  if (reason instanceof Error) return reason;
  const error = new Error('cancelled');
  error.name = 'AbortError';
  return error;
}

/** Waits `ms` on a real timer; rejects at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `clock`'s time, with real timers to wait on. */
export function withTimers(clock: Clock): LimiterClock {
  return { now: () => clock.now(), sleep };
}

export interface RateLimiterOptions {
  /** Bucket size: requests that may go at once after a quiet period (default: a quarter second's worth, at least 1). */
  burst?: number;
  clock: LimiterClock;
}

export class RateLimiter {
  private tokens: number;
  private last: number;
  private readonly burst: number;
  private readonly clock: LimiterClock;
  /** Requests granted so far. */
  granted = 0;

  constructor(
    readonly rate: number,
    options: RateLimiterOptions,
  ) {
    if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`rate must be a positive number, got ${rate}`);
    this.burst = Math.max(1, options.burst ?? Math.ceil(rate / 4));
    this.clock = options.clock;
    this.tokens = this.burst;
    this.last = this.clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
  }

  /** Waits for a token. A waiter reserves its token at once (the balance may go negative), so order is FIFO. */
  async acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw abortError(signal);
    this.refill();
    this.tokens -= 1;
    this.granted++;
    if (this.tokens >= 0) return;
    const waitMs = (-this.tokens / this.rate) * 1000;
    try {
      await this.clock.sleep(waitMs, signal);
    } catch (error) {
      this.tokens += 1; // give the reservation back
      this.granted--;
      throw error;
    }
  }
}
