// The JSON awsx prints (and the JSON files it writes), typed for the tests that read it. The readers only
// name the type, they check nothing: a test still asserts every field it relies on.
import { readFileSync } from 'node:fs';

/**
 * `awsx assume --format json`, `--format process` and `awsx credential-process` (the credential_process
 * shape); also what `awsx keys add` stores in the keyring.
 */
export interface CredentialsJson {
  Version?: number;
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken?: string;
  Expiration?: string;
  Region?: string;
  AccountId?: string;
}

/** The credentials awsx printed as JSON. */
export const credentialsJson = (stdout: string): CredentialsJson => JSON.parse(stdout) as CredentialsJson;

/** `awsx whoami --json`; `aws sts get-caller-identity --output json` prints the first three fields. */
export interface CallerIdentityJson {
  UserId: string;
  Account: string;
  Arn: string;
  Profile?: string;
  Expiration?: string;
}

/** The identity awsx whoami (or the AWS CLI's get-caller-identity) printed as JSON. */
export const callerIdentityJson = (stdout: string): CallerIdentityJson => JSON.parse(stdout) as CallerIdentityJson;

/** One row of `awsx list --json`. */
export interface ProfileJson {
  name: string;
  kind: string;
  account: string | null;
  role: string | null;
  roleArn: string | null;
  region: string | null;
  chain: string[];
  source: string | null;
  chainLength: number;
  mfa: boolean;
  mfaSerial: string | null;
  externalId: boolean;
  ssoSession: string | null;
  accountName: string | null;
  configProfile: boolean;
  sessionExpiration: string | null;
  error: string | null;
  warnings: string[];
  key?: { id: string; backend: string; ageDays: number; old: boolean };
}

/** The profiles `awsx list --json` printed. */
export const profileListJson = (stdout: string): ProfileJson[] => JSON.parse(stdout) as ProfileJson[];

/** One row of `awsx keys list --json`. */
export interface KeyRowJson {
  profile: string;
  /** The key id, middle masked. */
  accessKeyId: string;
  backend: string;
  ageDays: number;
  since: string;
  sinceSource: 'iam' | 'stored';
  old: boolean;
  mfaSerial?: string;
  userArn?: string;
  rotationInterrupted: boolean;
}

/** The keys `awsx keys list --json` printed. */
export const keyListJson = (stdout: string): KeyRowJson[] => JSON.parse(stdout) as KeyRowJson[];

/** One row of `awsx sso roles --json`. */
export interface SsoRoleJson {
  accountId: string;
  accountName: string;
  roleName: string;
  emailAddress: string | null;
  target: string;
  profile: string | null;
}

/** The roles `awsx sso roles --json` printed. */
export const ssoRolesJson = (stdout: string): SsoRoleJson[] => JSON.parse(stdout) as SsoRoleJson[];

/** The credential server's answer: the container credentials format (Token, not SessionToken). */
export interface ServedCredentialsJson {
  AccessKeyId: string;
  SecretAccessKey: string;
  Token: string;
  Expiration: string;
  AccountId?: string;
}

/** The credentials the credential server answered with. */
export const servedCredentialsJson = (body: string): ServedCredentialsJson => JSON.parse(body) as ServedCredentialsJson;

/** The credential server's refusal. */
export interface ServerErrorJson {
  Code: string;
  Message: string;
}

/** The error the credential server answered with. */
export const serverErrorJson = (body: string): ServerErrorJson => JSON.parse(body) as ServerErrorJson;

// The files awsx writes.

/** A session in awsx's cache (CACHE/sessions/KEY.json). */
export interface SessionCacheFileJson {
  version: number;
  key: string;
  meta: { kind: string; profile?: string; label: string; chain: string[]; accountId?: string; arn?: string };
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken?: string;
  Expiration?: string;
  CreatedAt: string;
}

/** The session cache file at path. */
export const sessionCacheFile = (path: string): SessionCacheFileJson =>
  JSON.parse(readFileSync(path, 'utf8')) as SessionCacheFileJson;

/** awsx's key index (DATA/keys.json): which profiles have a stored key, and where. */
export interface KeyIndexJson {
  version: number;
  profiles: Record<
    string,
    {
      backend: string;
      accessKeyId: string;
      storedAt: string;
      createDate?: string;
      userArn?: string;
      rotation?: { startedAt: string; oldKeyId: string; newKeyId?: string };
    }
  >;
}

/** The key index at path. */
export const keyIndexFile = (path: string): KeyIndexJson => JSON.parse(readFileSync(path, 'utf8')) as KeyIndexJson;

/** A file in ~/.aws/sso/cache: a client registration, or a token (which may also hold its registration). */
export interface SsoCacheFileJson {
  startUrl?: string;
  region?: string;
  accessToken?: string;
  expiresAt?: string;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  scopes?: string[];
  grantTypes?: string[];
}

/** The IAM Identity Center cache file at path. */
export const ssoCacheFile = (path: string): SsoCacheFileJson =>
  JSON.parse(readFileSync(path, 'utf8')) as SsoCacheFileJson;
