// The session cache as the credential server's engine sees it: a step whose session is due for renewal
// (see refresh-scheduler.ts) counts as a miss, so the engine renews exactly the steps that need it and reuses
// the rest, above all an MFA session, which would otherwise cost a prompt. Entries stay shared on disk with
// every other awsx process.
import { REUSE_MARGIN_MS, SessionCache, type CachedSession } from '../credentials/session-cache.js';
import { renewAt } from './refresh-scheduler.js';

export class RenewalCache extends SessionCache {
  /** The key of the session being served: renewed on schedule even when it is an MFA session. */
  servedKey: string | undefined;

  override get(key: string, marginMs = REUSE_MARGIN_MS): CachedSession | undefined {
    const entry = super.get(key, marginMs);
    if (!entry) return undefined;
    // An MFA session behind a role is used as long as the engine would use it: renewing it early costs a prompt.
    if (entry.kind === 'mfa-session' && key !== this.servedKey) return entry;
    const issuedAt = entry.createdAt.getTime();
    return this.clock.now() < renewAt(issuedAt, entry.credentials.expiration!.getTime()) ? entry : undefined;
  }

  /** The entry whatever its age (to learn when it was issued). */
  peek(key: string): CachedSession | undefined {
    return super.get(key, Number.NEGATIVE_INFINITY);
  }
}
