// The refresh scheduling of the credential server, on fake timers: when a session is renewed, that concurrent
// requests share one renewal, that failures back off while the current credentials keep being served, and
// that stop() really stops.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../src/config/clock.js';
import {
  RefreshScheduler,
  renewAt,
  renewLead,
  servable,
  type FreshSession,
} from '../../../src/server/refresh-scheduler.js';

const MIN = 60_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');

let issued = 0;
function session(lifetimeMs: number, issuedAt = Date.now()): FreshSession {
  issued++;
  return {
    credentials: {
      accessKeyId: `ASIA${issued}`,
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: new Date(issuedAt + lifetimeMs),
    },
    issuedAt,
    expiresAt: issuedAt + lifetimeMs,
  };
}

/** A renew function that the test resolves or rejects by hand. */
function manualRenew(): {
  renew: () => Promise<FreshSession>;
  calls: number;
  settle: (value: FreshSession | Error) => void;
} {
  const pending: Array<(value: FreshSession | Error) => void> = [];
  const state = {
    calls: 0,
    renew: () => {
      state.calls++;
      return new Promise<FreshSession>((resolve, reject) =>
        pending.push((v) => (v instanceof Error ? reject(v) : resolve(v))),
      );
    },
    settle: (value: FreshSession | Error) => pending.shift()!(value),
  };
  return state;
}

describe('renewal policy', () => {
  it('renews a third of the way before expiry, at most 15 minutes ahead', () => {
    expect(renewLead(900_000)).toBe(5 * MIN);
    expect(renewLead(60 * MIN)).toBe(15 * MIN);
    expect(renewLead(12 * 60 * MIN)).toBe(15 * MIN);
    expect(renewAt(T0, T0 + 60 * MIN)).toBe(T0 + 45 * MIN);
    expect(renewAt(T0, T0 + 15 * MIN)).toBe(T0 + 10 * MIN);
  });

  it('serves a session until its last tenth (at most the last minute)', () => {
    const s = { ...session(60 * MIN, T0) };
    expect(servable(s, T0 + 58 * MIN)).toBe(true);
    expect(servable(s, T0 + 59 * MIN)).toBe(false);
    const short = session(10_000, T0);
    expect(servable(short, T0 + 8_900)).toBe(true);
    expect(servable(short, T0 + 9_000)).toBe(false);
  });
});

describe('RefreshScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('renews a one-hour session at 45 minutes, then the next one 45 minutes after that', async () => {
    const renew = vi.fn(() => Promise.resolve(session(60 * MIN)));
    const scheduler = new RefreshScheduler({ clock: systemClock, renew });
    scheduler.start(session(60 * MIN));
    await vi.advanceTimersByTimeAsync(45 * MIN - 1);
    expect(renew).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(scheduler.status()).toMatchObject({
      state: 'fresh',
      renewals: 1,
      lastRenewedAt: T0 + 45 * MIN,
      nextRenewalAt: T0 + 90 * MIN,
    });
    await vi.advanceTimersByTimeAsync(45 * MIN);
    expect(renew).toHaveBeenCalledTimes(2);
    scheduler.stop();
  });

  it('renews a 900-second session after 600 seconds', async () => {
    const renew = vi.fn(() => Promise.resolve(session(900_000)));
    const scheduler = new RefreshScheduler({ clock: systemClock, renew });
    scheduler.start(session(900_000));
    await vi.advanceTimersByTimeAsync(599_999);
    expect(renew).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(renew).toHaveBeenCalledTimes(1);
    scheduler.stop();
  });

  it('a session picked up late (from the cache) is renewed on its own schedule, not a full life later', async () => {
    const renew = vi.fn(() => Promise.resolve(session(60 * MIN)));
    const scheduler = new RefreshScheduler({ clock: systemClock, renew });
    scheduler.start(session(60 * MIN, T0 - 40 * MIN)); // issued 40 min ago: due in 5 min
    await vi.advanceTimersByTimeAsync(5 * MIN);
    expect(renew).toHaveBeenCalledTimes(1);
    scheduler.stop();
  });

  it('serves the current credentials while a renewal runs, and does not start a second one', async () => {
    const manual = manualRenew();
    const scheduler = new RefreshScheduler({ clock: systemClock, renew: manual.renew });
    const first = session(60 * MIN);
    scheduler.start(first);
    await vi.advanceTimersByTimeAsync(45 * MIN);
    expect(manual.calls).toBe(1);
    expect(scheduler.status().state).toBe('renewing');
    expect(await scheduler.credentials()).toBe(first);
    expect(await scheduler.credentials()).toBe(first);
    expect(manual.calls).toBe(1);
    const second = session(60 * MIN);
    manual.settle(second);
    await vi.advanceTimersByTimeAsync(0);
    expect(await scheduler.credentials()).toBe(second);
    scheduler.stop();
  });

  it('concurrent requests for expired credentials share one renewal', async () => {
    const manual = manualRenew();
    const scheduler = new RefreshScheduler({ clock: systemClock, renew: manual.renew });
    scheduler.start(session(60 * MIN, T0 - 61 * MIN)); // already expired
    const requests = [scheduler.credentials(), scheduler.credentials(), scheduler.credentials()];
    expect(manual.calls).toBe(1);
    const next = session(60 * MIN);
    manual.settle(next);
    expect(await Promise.all(requests)).toEqual([next, next, next]);
    expect(manual.calls).toBe(1);
    scheduler.stop();
  });

  it('a request in the renewal window starts the renewal at once and still gets the current credentials', async () => {
    const manual = manualRenew();
    const scheduler = new RefreshScheduler({ clock: systemClock, renew: manual.renew });
    const current = session(60 * MIN, T0 - 50 * MIN); // due since 5 minutes, still servable
    // start() would schedule at once; a request arriving first must not wait for the renewal.
    scheduler.start(current);
    expect(await scheduler.credentials()).toBe(current);
    await vi.advanceTimersByTimeAsync(0);
    expect(manual.calls).toBe(1);
    scheduler.stop();
  });

  it('after a failure: reports it once, keeps serving, retries with growing backoff, recovers', async () => {
    const failures: number[] = [];
    let fail = 3;
    const renew = vi.fn(() =>
      fail-- > 0 ? Promise.reject(new Error('profile "p": STS is unreachable')) : Promise.resolve(session(60 * MIN)),
    );
    const scheduler = new RefreshScheduler({
      clock: systemClock,
      renew,
      onFailure: (_e, retryAt) => failures.push(retryAt - Date.now()),
    });
    const current = session(60 * MIN);
    scheduler.start(current);
    await vi.advanceTimersByTimeAsync(45 * MIN);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(scheduler.status()).toMatchObject({ state: 'failing', lastError: 'profile "p": STS is unreachable' });
    expect(await scheduler.credentials()).toBe(current);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(renew).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(renew).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(renew).toHaveBeenCalledTimes(4);
    expect(failures).toEqual([30_000, 60_000, 120_000]);
    expect(scheduler.status()).toMatchObject({ state: 'fresh', renewals: 1 });
    expect(scheduler.status().lastError).toBeUndefined();
    scheduler.stop();
  });

  it('once the credentials are too old to serve and renewal fails, requests get the error', async () => {
    const renew = vi.fn(() => Promise.reject(new Error('no terminal to ask for an MFA code')));
    const scheduler = new RefreshScheduler({ clock: systemClock, renew });
    scheduler.start(session(60 * MIN, T0 - 59.5 * MIN));
    await expect(scheduler.credentials()).rejects.toThrow('no terminal');
    scheduler.stop();
  });

  it('right after a failed renewal, requests for expired credentials get that failure instead of a renewal each', async () => {
    let calls = 0;
    const renew = (): Promise<FreshSession> => {
      calls++;
      return Promise.reject(new Error('STS is unreachable'));
    };
    const scheduler = new RefreshScheduler({ clock: systemClock, renew });
    scheduler.start(session(60 * MIN, T0 - 61 * MIN)); // expired
    await expect(scheduler.credentials()).rejects.toThrow('STS is unreachable');
    await expect(scheduler.credentials()).rejects.toThrow('STS is unreachable');
    await expect(scheduler.credentials()).rejects.toThrow('STS is unreachable');
    expect(calls).toBe(1);
    vi.setSystemTime(Date.now() + 30_000); // one retry step later (wall clock: timers may lag after a sleep)
    await expect(scheduler.credentials()).rejects.toThrow('STS is unreachable');
    expect(calls).toBe(2);
    scheduler.stop();
  });

  it('credentials that come back already due do not cause a renewal loop', async () => {
    const renew = vi.fn(() => Promise.resolve(session(60 * MIN, Date.now() - 50 * MIN))); // always already due
    const scheduler = new RefreshScheduler({ clock: systemClock, renew });
    scheduler.start(session(60 * MIN));
    await vi.advanceTimersByTimeAsync(45 * MIN);
    expect(renew).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(renew).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(renew).toHaveBeenCalledTimes(2);
    scheduler.stop();
  });

  it('stop() cancels the pending renewal and refuses new ones', async () => {
    const renew = vi.fn(() => Promise.resolve(session(60 * MIN)));
    const scheduler = new RefreshScheduler({ clock: systemClock, renew });
    scheduler.start(session(60 * MIN));
    scheduler.stop();
    await vi.advanceTimersByTimeAsync(120 * MIN);
    expect(renew).not.toHaveBeenCalled();
    expect(scheduler.status().state).toBe('stopped');
    await expect(scheduler.renew()).rejects.toThrow('stopped');
  });

  it('reports each state change (for the status file)', async () => {
    const states: string[] = [];
    const scheduler = new RefreshScheduler({
      clock: systemClock,
      renew: () => Promise.resolve(session(60 * MIN)),
      onStatus: (s) => states.push(s.state),
    });
    scheduler.start(session(60 * MIN));
    await vi.advanceTimersByTimeAsync(45 * MIN);
    scheduler.stop();
    expect(states).toEqual(['fresh', 'renewing', 'fresh', 'stopped']);
  });
});
