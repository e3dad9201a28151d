// Keeps one session fresh: renews it ahead of expiry (a third of its life, at most 15 minutes ahead, so the
// SDKs' own refresh windows never see old credentials), lets every concurrent caller share one in-flight
// renewal, and retries a failed renewal with backoff while the current credentials still work.
import type { Credentials } from '../aws/credentials.js';
import type { Clock } from '../config/clock.js';

/** botocore starts refreshing 15 minutes before expiry: renew before that. */
export const RENEW_LEAD_MAX_MS = 15 * 60_000;
/** The last stretch of a session's life in which requests wait for the renewal instead (at most 1 min). */
export const SERVE_MARGIN_MAX_MS = 60_000;
/** Base step between retries and the least time between two renewals (at most 30 s). */
export const RETRY_STEP_MAX_MS = 30_000;
export const RETRY_MAX_MS = 5 * 60_000;

/** Credentials that expire, with when they were issued and when they count as expired. */
export interface FreshSession {
  credentials: Credentials;
  issuedAt: number;
  expiresAt: number;
  accountId?: string;
}

export function renewLead(lifetimeMs: number): number {
  return Math.min(RENEW_LEAD_MAX_MS, Math.max(0, lifetimeMs) / 3);
}

/** When a session issued at `issuedAt` and expiring at `expiresAt` should be renewed. */
export function renewAt(issuedAt: number, expiresAt: number): number {
  return expiresAt - renewLead(expiresAt - issuedAt);
}

/** Whether a session may still be handed out without waiting for its renewal. */
export function servable(session: FreshSession, now: number): boolean {
  const margin = Math.min(SERVE_MARGIN_MAX_MS, (session.expiresAt - session.issuedAt) / 10);
  return session.expiresAt - now > margin;
}

function retryStep(session: FreshSession | undefined): number {
  const lifetime = session ? session.expiresAt - session.issuedAt : RETRY_STEP_MAX_MS * 6;
  return Math.max(100, Math.min(RETRY_STEP_MAX_MS, lifetime / 6));
}

export type RefreshState = 'fresh' | 'renewing' | 'failing' | 'stopped';

export interface RefreshStatus {
  state: RefreshState;
  renewals: number;
  lastRenewedAt?: number;
  expiresAt?: number;
  nextRenewalAt?: number;
  /** The last renewal's failure, one line (no secrets: AwsxError messages never hold any). */
  lastError?: string;
}

export interface SchedulerOptions {
  /** Gets new credentials (the engine run). */
  renew: () => Promise<FreshSession>;
  clock: Clock;
  onRenewed?: (session: FreshSession) => void;
  onFailure?: (error: unknown, retryAt: number) => void;
  /** Called after every state change (for status files). */
  onStatus?: (status: RefreshStatus) => void;
}

export class RefreshScheduler {
  private current: FreshSession | undefined;
  private inflight: Promise<FreshSession> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private nextAt: number | undefined;
  private failures = 0;
  private renewals = 0;
  private lastRenewedAt: number | undefined;
  private lastError: string | undefined;
  private lastFailure: { error: unknown; at: number } | undefined;
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {}

  private now(): number {
    return this.options.clock.now();
  }

  /** Starts keeping `initial` fresh. */
  start(initial: FreshSession): void {
    this.current = initial;
    this.schedule();
  }

  /**
   * Credentials for one request: the current ones while they are good, else the (shared) renewal. A request
   * also starts a renewal that is due (timers run late after a laptop sleeps). Right after a failed renewal,
   * requests get that failure instead of starting one renewal each (SDKs retry every second).
   */
  async credentials(): Promise<FreshSession> {
    const current = this.current;
    const now = this.now();
    if (current && servable(current, now)) {
      if (now >= renewAt(current.issuedAt, current.expiresAt) && !this.inflight && this.failures === 0)
        this.renew().catch(() => {});
      return current;
    }
    const failure = this.lastFailure;
    if (!this.inflight && failure && now - failure.at < retryStep(current)) throw failure.error;
    return this.renew();
  }

  /** Renews now. While a renewal runs, every caller gets that same renewal. */
  renew(): Promise<FreshSession> {
    if (this.inflight) return this.inflight;
    if (this.stopped) return Promise.reject(new Error('the credential server has stopped'));
    this.clearTimer();
    const run = (async () => {
      try {
        const fresh = await this.options.renew();
        this.current = fresh;
        this.failures = 0;
        this.renewals++;
        this.lastRenewedAt = this.now();
        this.lastError = undefined;
        this.lastFailure = undefined;
        this.options.onRenewed?.(fresh);
        return fresh;
      } catch (error) {
        this.failures++;
        this.lastError = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
        this.lastFailure = { error, at: this.now() };
        throw error;
      } finally {
        this.inflight = undefined;
        this.schedule();
      }
    })();
    this.inflight = run;
    this.emitStatus();
    // A failure is reported once, here; callers that await `run` see it too.
    run.catch((error: unknown) => {
      if (!this.stopped) this.options.onFailure?.(error, this.nextAt ?? this.now());
    });
    return run;
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.emitStatus();
  }

  status(): RefreshStatus {
    const state: RefreshState = this.stopped
      ? 'stopped'
      : this.inflight
        ? 'renewing'
        : this.failures > 0
          ? 'failing'
          : 'fresh';
    return {
      state,
      renewals: this.renewals,
      ...(this.lastRenewedAt !== undefined ? { lastRenewedAt: this.lastRenewedAt } : {}),
      ...(this.current ? { expiresAt: this.current.expiresAt } : {}),
      ...(this.nextAt !== undefined && !this.stopped ? { nextRenewalAt: this.nextAt } : {}),
      ...(this.lastError !== undefined ? { lastError: this.lastError } : {}),
    };
  }

  private schedule(): void {
    this.clearTimer();
    const current = this.current;
    if (this.stopped || this.inflight || !current) {
      this.emitStatus();
      return;
    }
    const now = this.now();
    const step = retryStep(current);
    // After a failure: back off (step, 2 steps, 4 steps... at most 5 min). Else: at the renewal point, but
    // never sooner than one step after the last renewal, so credentials that come back already due cannot
    // make a tight loop.
    const at =
      this.failures > 0
        ? now + Math.min(RETRY_MAX_MS, step * 2 ** (this.failures - 1))
        : Math.max(renewAt(current.issuedAt, current.expiresAt), now + step);
    this.nextAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.renew().catch(() => {});
    }, at - now);
    this.timer.unref?.();
    this.emitStatus();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.nextAt = undefined;
  }

  private emitStatus(): void {
    this.options.onStatus?.(this.status());
  }
}
