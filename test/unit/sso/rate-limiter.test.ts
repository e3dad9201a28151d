// The shared token bucket that paces SSO discovery, on fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../src/config/clock.js';
import { RateLimiter, withTimers } from '../../../src/sso/rate-limiter.js';

describe('RateLimiter', () => {
  const clock = withTimers(systemClock);
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  /** Starts `n` acquisitions at once and records when each is granted (fake ms). */
  function race(limiter: RateLimiter, n: number): number[] {
    const granted: number[] = [];
    for (let i = 0; i < n; i++) void limiter.acquire().then(() => granted.push(Date.now()));
    return granted;
  }

  it('lets a burst through at once, then spaces requests at the rate', async () => {
    const limiter = new RateLimiter(20, { burst: 5, clock });
    const granted = race(limiter, 25);
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(1000);
    expect(granted).toHaveLength(25);
    // After the burst, one every 50 ms.
    expect(granted.slice(5, 9)).toEqual([50, 100, 150, 200]);
  });

  it('never exceeds rate x seconds + burst in any window', async () => {
    const limiter = new RateLimiter(10, { burst: 3, clock });
    const granted = race(limiter, 100);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(granted).toHaveLength(100);
    for (const start of granted) {
      expect(granted.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(10 + 3);
    }
    expect(granted.at(-1)).toBe(9700); // (100 - 3) / 10 per second
  });

  it('serves waiters in arrival order', async () => {
    const limiter = new RateLimiter(1, { burst: 1, clock });
    const order: number[] = [];
    for (let i = 0; i < 4; i++) void limiter.acquire().then(() => order.push(i));
    await vi.advanceTimersByTimeAsync(5000);
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it('refills after a quiet period, up to the burst only', async () => {
    const limiter = new RateLimiter(4, { burst: 2, clock });
    race(limiter, 2);
    await vi.advanceTimersByTimeAsync(60_000);
    const granted = race(limiter, 4);
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(500);
    expect(granted).toHaveLength(4);
  });

  it('rejects a waiter whose signal aborts and gives its slot back', async () => {
    const limiter = new RateLimiter(1, { burst: 1, clock });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    const outcome = waiting.then(
      () => 'granted',
      (e: Error) => e.name,
    );
    controller.abort();
    expect(await outcome).toBe('AbortError');
    expect(limiter.granted).toBe(1);
    const next = race(limiter, 1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(next).toEqual([1000]);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new RateLimiter(0, { clock })).toThrow(RangeError);
    expect(() => new RateLimiter(Number.NaN, { clock })).toThrow(RangeError);
  });
});
