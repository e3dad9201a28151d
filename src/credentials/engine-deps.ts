// What the credential engine is given: the caller's hooks for one resolution (progress, MFA codes, the key
// file's passphrase, cancellation, cache settings) and its dependencies (tests replace STS and the roots).
import type { Credentials } from '../aws/credentials.js';
import type { Clock } from '../config/clock.js';
import type { Env } from '../config/paths.js';
import type { RootSource } from '../config/credential-chain.js';
import type { PassphraseProvider } from '../keys/passphrase.js';
import type { MfaCodeProvider } from './mfa-code.js';
import type { RootContext } from './roots.js';
import type { SessionCache } from './session-cache.js';

/** Progress of a resolution: each step's start and end (or its cache hit), and notices such as a capped duration. */
export type EngineEvent =
  | { type: 'step'; status: 'start' | 'done' | 'cached'; index: number; total: number; label: string }
  | { type: 'notice'; message: string };

export interface ResolveHooks {
  onEvent?: (event: EngineEvent) => void;
  /** Asks the user for a code (terminal prompt, picker). Absent: no one to ask. */
  mfaCodeProvider?: MfaCodeProvider;
  /** A code given up front (--mfa-code); used for the first MFA request only. */
  mfaCode?: string;
  signal?: AbortSignal;
  noCache?: boolean;
  /** Reuse a cached final session only with at least this much life left (default: the cache's 5 minutes). */
  minRemainingMs?: number;
  /** GetSessionToken duration when the plan is an MFA session alone. */
  duration?: number;
  /** An IAM Identity Center access token to use as is for an SSO root (--sso-access-token). */
  ssoAccessToken?: string;
  /** Asks for the encrypted key file's passphrase (a keyring root kept in the file backend). */
  passphrase?: PassphraseProvider;
}

export interface StsApi {
  assumeRole: typeof import('../aws/sts.js').assumeRole;
  getSessionToken: typeof import('../aws/sts.js').getSessionToken;
  assumeRoleWithWebIdentity: typeof import('../aws/sts.js').assumeRoleWithWebIdentity;
}

export interface EngineDeps {
  env: Env;
  clock: Clock;
  cache: SessionCache;
  sts?: () => Promise<StsApi>;
  ssoCredentials?: RootContext['ssoCredentials'];
  instance?: RootContext['instance'];
  loginCredentials?: RootContext['loginCredentials'];
  keyring?: (root: KeyringRoot, hooks: ResolveHooks) => Promise<Credentials>;
}

export type KeyringRoot = Extract<RootSource, { kind: 'keyring' }>;
