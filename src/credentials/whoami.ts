// GetCallerIdentity for a session: `awsx whoami` and the picker's 'i'. Always a call to STS: whoami exists to
// prove that credentials still work, so no answer is ever taken from a cache.
import type { CallerIdentity } from '../aws/sts.js';
import type { Session } from './engine.js';
import type { SessionCache } from './session-cache.js';

/** STS's answers for credentials it no longer takes (an expired or revoked session, a deleted key). */
const REFUSED = new Set(['ExpiredToken', 'InvalidClientTokenId']);

/**
 * `cache`: when given and STS refuses a session that came from it, the session is dropped from the cache
 * (nothing else could use it either) and the error says so.
 */
export async function callerIdentity(session: Session, cache?: SessionCache): Promise<CallerIdentity> {
  const { getCallerIdentity } = await import('../aws/sts.js');
  try {
    return await getCallerIdentity(session.credentials, {
      region: session.region ?? 'us-east-1',
      ...(session.profile ? { profile: session.profile } : {}),
      context: { profile: session.profile, action: 'calling GetCallerIdentity' },
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (!cache || !session.fromCache || !session.cacheKey || typeof code !== 'string' || !REFUSED.has(code))
      throw error;
    cache.delete(session.cacheKey);
    const { AwsCallError } = await import('../aws/errors.js');
    throw new AwsCallError(
      `${session.label}: STS refused the cached session (${code}) while calling GetCallerIdentity`,
      code,
      {
        ...(session.profile ? { profile: session.profile } : {}),
        hint: 'awsx dropped it from its cache; run the command again for a new session',
        cause: error,
      },
    );
  }
}
