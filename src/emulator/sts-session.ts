// The STS emulator's state and knobs, the caller of a request, and issuing sessions (with the demo's
// shortened lifetimes).
import {
  type IssuedSession,
  type StsRole,
  type StsUser,
  isoSeconds,
  newTemporaryKeys,
  parseRoleArn,
  roleIdOf,
  userArn,
  userIdOf,
} from './sts-identity.js';
import type { Clock } from '../config/clock.js';
import { MfaChecker, type MfaOptions } from './sts-mfa.js';
import type { XmlValue } from './sts-xml.js';

/** Runtime-mutable behaviour of the STS emulator. */
export interface StsEmulatorKnobs {
  users: StsUser[];
  roles: StsRole[];
  /** A RoleArn not in `roles`: AccessDenied as AWS (default), or allowed with default rules (like moto). */
  unknownRoles: 'deny' | 'allow';
  mfa: MfaOptions;
  /** Delay before every request is answered (ms). */
  latencyMs: number;
  /** Issue every session for this many seconds, whatever was asked (validation still uses the request). */
  sessionSecondsOverride?: number;
  /** Divide issued lifetimes by this (12: a 1 h session lasts 5 min). Default 1. */
  clockFactor: number;
  /** Cap issued lifetimes (seconds). */
  maxIssuedSeconds?: number;
  /** The emulator's time; tests move it to expire sessions. */
  clock: Clock;
  /** Called after every request with its log entry. */
  onRequest?: (entry: StsRequestLogEntry) => void;
  /** Asked about an access key the emulator does not know, e.g. SSO role credentials the demo's SSO emulator issued. */
  resolveUnknownKey?: (accessKeyId: string) => ExternalSession | undefined;
}

/** Role credentials issued elsewhere (IAM Identity Center) that STS should accept as an assumed-role session. */
export interface ExternalSession {
  accessKeyId: string;
  /** When absent, the secret (federation) and session token (STS) are not checked. */
  secretAccessKey?: string;
  sessionToken?: string;
  expiration: number | Date;
  /** e.g. arn:aws:iam::ACCT:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123abcd */
  roleArn: string;
  /** e.g. alice@example.com */
  sessionName: string;
}

export interface StsRequestLogEntry {
  operation: string;
  method: string;
  status: number;
  errorCode?: string;
  /** Access key id from the SigV4 Credential, when signed. */
  accessKeyId?: string;
  /** Region of the SigV4 credential scope. */
  region?: string;
  /** Query parameters (Action, Version and the operation's parameters). */
  params: Record<string, string>;
  startedAt: number;
  durationMs: number;
}

export interface StsEmulatorStats {
  /** Requests per Action (errors included; "Unknown" for a missing Action). */
  operations: Record<string, number>;
  /** Error responses per Code. */
  errors: Record<string, number>;
  /** Sessions issued per kind. */
  issued: Record<string, number>;
  inFlight: number;
  maxInFlight: number;
}

/** Who signed a request: an IAM user's long-term key, or a session the emulator issued. */
export type Caller = { kind: 'user'; user: StsUser; accessKeyId: string } | { kind: 'session'; session: IssuedSession };

export interface StsState {
  knobs: StsEmulatorKnobs;
  stats: StsEmulatorStats;
  requests: StsRequestLogEntry[];
  /** Every session issued, by access key id. */
  sessions: Map<string, IssuedSession>;
  mfa: MfaChecker;
}

export function newStsState(knobs: StsEmulatorKnobs): StsState {
  return {
    knobs,
    stats: { operations: {}, errors: {}, issued: {}, inFlight: 0, maxInFlight: 0 },
    requests: [],
    sessions: new Map(),
    mfa: new MfaChecker(() => knobs.mfa),
  };
}

export function findUserByKey(
  state: StsState,
  accessKeyId: string,
): { user: StsUser; secretAccessKey: string } | undefined {
  for (const user of state.knobs.users) {
    const key = user.accessKeys.find((k) => k.accessKeyId === accessKeyId);
    if (key) return { user, secretAccessKey: key.secretAccessKey };
  }
  return undefined;
}

/** The role's rules; a role not configured is undefined unless unknownRoles is "allow". */
export function findRole(state: StsState, arn: string): StsRole | undefined {
  const role = state.knobs.roles.find((r) => r.arn === arn);
  if (role || state.knobs.unknownRoles !== 'allow' || !parseRoleArn(arn)) return role;
  return { arn };
}

/** The ARN a caller is known by in error messages and GetCallerIdentity. */
export function callerArn(caller: Caller): string {
  return caller.kind === 'user' ? userArn(caller.user) : caller.session.arn;
}

export function callerIdentity(caller: Caller): { UserId: string; Account: string; Arn: string } {
  if (caller.kind === 'user')
    return { UserId: userIdOf(caller.user), Account: caller.user.account, Arn: userArn(caller.user) };
  const s = caller.session;
  return { UserId: s.userId, Account: s.account, Arn: s.arn };
}

/** The lifetime actually issued for `requestedSeconds`, after the demo knobs. */
export function issuedSeconds(knobs: StsEmulatorKnobs, requestedSeconds: number): number {
  let s = knobs.sessionSecondsOverride ?? requestedSeconds / (knobs.clockFactor > 0 ? knobs.clockFactor : 1);
  if (knobs.maxIssuedSeconds !== undefined) s = Math.min(s, knobs.maxIssuedSeconds);
  return Math.max(1, Math.round(s));
}

export type SessionFields = Omit<
  IssuedSession,
  'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'expiration' | 'issuedAt'
>;

/** Issues and records a session lasting (after the knobs) `requestedSeconds`. */
export function issueSession(state: StsState, fields: SessionFields, requestedSeconds: number): IssuedSession {
  const now = state.knobs.clock.now();
  const session: IssuedSession = {
    ...fields,
    ...newTemporaryKeys(),
    issuedAt: now,
    expiration: now + issuedSeconds(state.knobs, requestedSeconds) * 1000,
  };
  state.sessions.set(session.accessKeyId, session);
  state.stats.issued[session.kind] = (state.stats.issued[session.kind] ?? 0) + 1;
  return session;
}

/** Records an externally issued session (not role-chained, not MFA) so it can call STS and sign in. */
export function registerExternal(state: StsState, ext: ExternalSession): IssuedSession | undefined {
  const parsed = parseRoleArn(ext.roleArn);
  if (!parsed) return undefined;
  const session: IssuedSession = {
    kind: 'assumed-role',
    accessKeyId: ext.accessKeyId,
    secretAccessKey: ext.secretAccessKey ?? '',
    sessionToken: ext.sessionToken ?? '',
    expiration: typeof ext.expiration === 'number' ? ext.expiration : ext.expiration.getTime(),
    issuedAt: state.knobs.clock.now(),
    account: parsed.account,
    arn: `arn:${parsed.partition}:sts::${parsed.account}:assumed-role/${parsed.name}/${ext.sessionName}`,
    userId: `${roleIdOf({ arn: ext.roleArn })}:${ext.sessionName}`,
    roleArn: ext.roleArn,
    sessionName: ext.sessionName,
    chained: false,
    mfaAuthenticated: false,
  };
  state.sessions.set(session.accessKeyId, session);
  return session;
}

/** A session by key id, asking resolveUnknownKey about keys not seen yet. */
export function findSession(state: StsState, accessKeyId: string): IssuedSession | undefined {
  const known = state.sessions.get(accessKeyId);
  if (known || findUserByKey(state, accessKeyId)) return known;
  const ext = state.knobs.resolveUnknownKey?.(accessKeyId);
  return ext && ext.accessKeyId === accessKeyId ? registerExternal(state, ext) : undefined;
}

/** The <Credentials> element of a result. */
export function credentialsXml(s: IssuedSession): Record<string, XmlValue> {
  return {
    AccessKeyId: s.accessKeyId,
    SecretAccessKey: s.secretAccessKey,
    SessionToken: s.sessionToken,
    Expiration: isoSeconds(s.expiration),
  };
}
