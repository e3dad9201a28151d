// What kind of credentials a plan ends in, decided without I/O from its root and hops. Console sign-in
// needs it: only some kinds may sign in, and only a role assumed straight from long-term keys may set
// the console session length.
import type { Credentials } from '../aws/credentials.js';
import type { Env } from '../config/paths.js';
import type { PreparedPlan } from './prepared-plan.js';

export type CredentialKind =
  /** An IAM user's (or root's) access key without a session token. */
  | 'long-term'
  /** GetSessionToken credentials (awsx's MFA session for an IAM user, or a keyring profile's session). */
  | 'mfa-session'
  /** Temporary credentials of unknown origin (a session token in a file, the environment or a process). */
  | 'temporary'
  /** A single AssumeRole signed with long-term keys. */
  | 'assumed-from-long-term'
  /** A role assumed with temporary credentials: role chaining, or a role after an MFA session. */
  | 'chained'
  /** IAM Identity Center role credentials (GetRoleCredentials). */
  | 'sso'
  | 'web-identity'
  /** Role credentials handed out by EC2 or ECS. */
  | 'instance';

export function planCredentialKind(prepared: PreparedPlan, env: Env, final: Credentials): CredentialKind {
  const { root, hops } = prepared.plan;
  const rootLongTerm =
    (root.kind === 'static' && !root.sessionToken) ||
    root.kind === 'keyring' ||
    (root.kind === 'credential-source' && root.source === 'Environment' && !env.AWS_SESSION_TOKEN);
  if (hops.length === 0) {
    if (prepared.mfaSession || prepared.keySession) return 'mfa-session';
    if (root.kind === 'sso') return 'sso';
    if (root.kind === 'web-identity') return 'web-identity';
    if (root.kind === 'credential-source' && root.source !== 'Environment') return 'instance';
    return credentialsKind(final);
  }
  return hops.length === 1 && rootLongTerm && !prepared.mfaSession ? 'assumed-from-long-term' : 'chained';
}

/** The kind, from the keys alone: a session token means temporary credentials of unknown origin. */
export function credentialsKind(credentials: Credentials): CredentialKind {
  return credentials.sessionToken ? 'temporary' : 'long-term';
}
