// The session cache as the credential server's engine sees it: a step whose session is due for renewal
// (see refresh-scheduler.ts) counts as a miss, so the engine renews exactly the steps that need it and reuses
// the rest, above all an MFA session, which would otherwise cost a prompt. Entries stay shared on disk with
// every other awsx process.
import type { Clock } from '../config/clock.js';
import { REUSE_MARGIN_MS, SessionCache, type CachedSession } from '../credentials/session-cache.js';
import { renewAt } from './refresh-scheduler.js';

export interface RenewalPolicy {
  /** Test only (AWSX_TEST_SESSION_SECONDS): treat every renewable session as lasting at most this long. */
  lifetimeCapMs?: number;
}

/** When a session issued at `issuedAt` counts as expired: its real expiry, or sooner under the test cap. */
export function effectiveExpiry(issuedAt: number, expiresAt: number, policy: RenewalPolicy): number {
  return policy.lifetimeCapMs === undefined ? expiresAt : Math.min(expiresAt, issuedAt + policy.lifetimeCapMs);
}

export class RenewalCache extends SessionCache {
  /** The key of the session being served: renewed on schedule even when it is an MFA session. */
  servedKey: string | undefined;

  constructor(
    dir: string,
    clock: Clock,
    private readonly policy: RenewalPolicy = {},
  ) {
    super(dir, clock);
  }

  override get(key: string, marginMs = REUSE_MARGIN_MS): CachedSession | undefined {
    const entry = super.get(key, marginMs);
    if (!entry) return undefined;
    // An MFA session behind a role is used as long as the engine would use it: renewing it early costs a prompt.
    if (entry.kind === 'mfa-session' && key !== this.servedKey) return entry;
    const issuedAt = entry.createdAt.getTime();
    const expiresAt = effectiveExpiry(issuedAt, entry.credentials.expiration!.getTime(), this.policy);
    return this.clock.now() < renewAt(issuedAt, expiresAt) ? entry : undefined;
  }

  /** The entry whatever its age (to learn when it was issued). */
  peek(key: string): CachedSession | undefined {
    return super.get(key, Number.NEGATIVE_INFINITY);
  }
}
