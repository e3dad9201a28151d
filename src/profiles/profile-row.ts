// A row awsx shows for a profile (awsx list, the picker): the profile, its badge, its cached session's
// expiry, and for a keyring profile its key's age.
import type { Profile } from '../config/profile-graph.js';

/** 'session': keys with a session token in the files (written by `w` or --write-profile, or by hand). */
export type Badge =
  'role' | 'MFA' | 'SSO' | 'static' | 'session' | 'process' | 'web-id' | 'login' | 'env' | 'keyring' | 'error';

/** A keyring profile's key: id (masked), backend and age, flagged old past AWSX_KEY_MAX_AGE_DAYS. */
export interface KeyAge {
  keyId: string;
  backend: string;
  days: number;
  old: boolean;
}

export interface ProfileRow {
  profile: Profile;
  badge: Badge;
  /** The default plan's cache key, when a cached session could be its own (else not computed). */
  cacheKey?: string;
  expiration?: Date;
  /** A discovered IAM Identity Center role without a config profile (its name is sso:ACCOUNT_ID/ROLE_NAME). */
  discovered?: { accountName: string; sessionName?: string; startUrl: string };
  keyAge?: KeyAge;
}
