// Expiry sanity: a session whose expiry is already past, or further ahead than its source ever grants, is not
// believed (a hostile endpoint, a planted cache file or a broken clock), so it is never handed out.

/** The longest session STS or IAM Identity Center issues (GetSessionToken and GetFederationToken: 36 h). */
export const MAX_SESSION_MS = 36 * 3600_000;
/** Clock difference tolerated between this machine and AWS. */
export const CLOCK_SKEW_MS = 5 * 60_000;

const iso = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z');

/** Why the expiry of a session issued at `issuedAt` cannot be believed at `now`; undefined when it can. */
export function expiryProblem(
  expiration: Date,
  now: number,
  issuedAt = now,
  maxMs = MAX_SESSION_MS,
): string | undefined {
  const t = expiration.getTime();
  if (Number.isNaN(t)) return 'an expiry that is not a time';
  if (t <= now) return `an expiry in the past (${iso(expiration)})`;
  if (t - issuedAt > maxMs + CLOCK_SKEW_MS)
    return `an expiry implausibly far ahead (${iso(expiration)}; sessions last at most ${maxMs / 3600_000} h)`;
  return undefined;
}

/** A fresh answer whose expiry cannot be believed (describeAwsError turns it into one line). */
export class ImplausibleExpiryError extends Error {
  override readonly name = 'ImplausibleExpiry';
}

/** Throws ImplausibleExpiryError when the expiry `service` answered with cannot be believed. */
export function checkAnsweredExpiry(service: string, expiration: Date | undefined, now: number): void {
  if (expiration === undefined)
    throw new ImplausibleExpiryError(`${service} answered with credentials without an expiry`);
  const problem = expiryProblem(expiration, now);
  if (problem) throw new ImplausibleExpiryError(`${service} answered with credentials with ${problem}`);
}
