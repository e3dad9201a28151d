// Decides, without I/O, how a plan will run: each hop's session name and duration, whether an MFA session
// (GetSessionToken) stands in front of the first hop, and the cache key of every step.
import { userInfo } from 'node:os';
import type { Env } from '../config/paths.js';
import type { RoleHop, RootSource } from '../config/credential-chain.js';
import { CHAINED_DURATION_MAX, toSessionName } from '../config/validate.js';
import type { Plan } from './plan.js';
import { cacheKey } from './session-cache.js';

export interface PreparedHop extends RoleHop {
  roleSessionName: string;
  /** Send SerialNumber/TokenCode with this AssumeRole (MFA not already carried by an MFA session). */
  sendMfa: boolean;
  key: string;
}

export interface MfaSessionStep {
  serial: string;
  mfaProcess?: string;
  profile: string;
  durationSeconds?: number;
  key: string;
}

/** A GetSessionToken without MFA: what a keyring profile hands out instead of its long-term keys. */
export interface KeySessionStep {
  profile: string;
  durationSeconds?: number;
  key: string;
}

export interface PreparedPlan {
  plan: Plan;
  hops: PreparedHop[];
  mfaSession?: MfaSessionStep;
  keySession?: KeySessionStep;
  /** Cache key of the root's own credentials when they come from a call worth caching (SSO, web identity). */
  rootKey?: string;
  /** Key of the final result. */
  finalKey?: string;
}

const MFA_DEVICE_NAME = /:mfa\/(?:[^/]*\/)*([^/]+)$/;

/** Who the user is, for default session names: the MFA device's name, else the OS user. */
export function whoAmI(plan: Plan, env: Env): string {
  const root = plan.root;
  const serials = [
    root.kind === 'static' || root.kind === 'keyring' ? root.mfaSerial : undefined,
    ...plan.hops.map((h) => h.mfaSerial),
  ];
  for (const serial of serials) {
    const m = serial ? MFA_DEVICE_NAME.exec(serial) : null;
    if (m) return m[1]!;
  }
  return env.AWSX_SESSION_USER || env.USER || env.USERNAME || osUser() || 'awsx';
}

let osUserName: string | undefined;

/** The account's user name, asked of the OS once per process (list computes a plan for every profile). */
function osUser(): string {
  if (osUserName === undefined) {
    try {
      osUserName = userInfo().username;
    } catch {
      osUserName = '';
    }
  }
  return osUserName;
}

export function defaultSessionName(who: string, roleName: string): string {
  const whoPart = toSessionName(who).slice(0, Math.max(2, 63 - Math.min(roleName.length, 31)));
  return toSessionName(`${whoPart}@${roleName}`);
}

function rootDescriptor(root: RootSource, env: Env): unknown {
  switch (root.kind) {
    case 'static':
      return { kind: root.kind, profile: root.profile, key: root.accessKeyId };
    case 'credential-source':
      return {
        kind: root.kind,
        profile: root.profile,
        source: root.source,
        key: root.source === 'Environment' ? env.AWS_ACCESS_KEY_ID : undefined,
      };
    case 'process':
      return { kind: root.kind, profile: root.profile, command: root.command };
    case 'login':
      return { kind: root.kind, profile: root.profile, session: root.session };
    case 'sso':
      return {
        kind: root.kind,
        session: root.sso.sessionName,
        url: root.sso.startUrl,
        account: root.accountId,
        role: root.roleName,
      };
    case 'web-identity':
      return { kind: root.kind, profile: root.profile, role: root.hop.roleArn, file: root.tokenFile };
    case 'keyring':
      return { kind: root.kind, profile: root.profile, key: root.accessKeyId };
  }
}

/**
 * A coarse signature of the final step's cache-key descriptor (see preparePlan): equal descriptors have equal
 * signatures, so a cached session can only be a plan's final step when their signatures match. Lets awsx list
 * and the picker hash only the few plans that can match a cached session, not every profile's (a SHA-1 per hop).
 * Role hops and web identity: the role's account and name (lower-cased: STS's assumed-role ARN spells the
 * name as IAM stores it); an MFA session: its static profile; IAM Identity Center: the account and role.
 */
export function finalStepSignature(root: RootSource, hops: readonly RoleHop[]): string | undefined {
  const last = hops[hops.length - 1];
  if (last) return roleSignature(last.accountId, last.roleName);
  switch (root.kind) {
    case 'static':
      return `mfa ${root.profile}`;
    case 'keyring':
      return root.mfaSerial ? `mfa ${root.profile}` : `keys ${root.profile}`;
    case 'sso':
      return `sso ${root.accountId}/${root.roleName}`;
    case 'web-identity':
      return roleSignature(root.hop.accountId, root.hop.roleName);
    default:
      return undefined;
  }
}

export function roleSignature(accountId: string, roleName: string): string {
  return `role ${accountId}/${roleName.toLowerCase()}`;
}

export function preparePlan(plan: Plan, env: Env, rootOnlyDuration?: number): PreparedPlan {
  const who = whoAmI(plan, env);
  const root = plan.root;
  const first = plan.hops[0];
  const longTerm = (root.kind === 'static' && !root.sessionToken) || root.kind === 'keyring';
  const keys = root.kind === 'static' || root.kind === 'keyring' ? root : undefined;
  const serial = longTerm ? (first?.mfaSerial ?? keys!.mfaSerial) : undefined;
  // A first hop asked to last over an hour cannot come from an MFA session (role chaining caps it at 1 h):
  // send the MFA code with AssumeRole itself instead.
  const direct = first !== undefined && (first.durationSeconds ?? 0) > CHAINED_DURATION_MAX;
  const base = { v: 1, root: rootDescriptor(root, env) };

  let mfaSession: MfaSessionStep | undefined;
  if (keys && serial && !direct) {
    const mfaProcess = first?.mfaSerial ? first.mfaProcess : keys.mfaProcess;
    mfaSession = {
      serial,
      profile: root.profile,
      key: cacheKey({ ...base, mfa: serial }),
      ...(mfaProcess ? { mfaProcess } : {}),
    };
    if (plan.hops.length === 0 && rootOnlyDuration !== undefined) mfaSession.durationSeconds = rootOnlyDuration;
  }
  const descriptors: unknown[] = [];
  const hops = plan.hops.map((hop, index): PreparedHop => {
    const mfaSerial = index === 0 && direct && longTerm ? (hop.mfaSerial ?? keys?.mfaSerial) : hop.mfaSerial;
    const mfaProcess = hop.mfaProcess ?? (index === 0 ? keys?.mfaProcess : undefined);
    const sendMfa = mfaSerial !== undefined && !(index === 0 && mfaSession);
    const roleSessionName = hop.roleSessionName ?? defaultSessionName(who, hop.roleName);
    descriptors.push({
      arn: hop.roleArn,
      name: roleSessionName,
      ext: hop.externalId,
      mfa: mfaSerial,
      dur: hop.durationSeconds,
      sid: hop.sourceIdentity,
    });
    const key = cacheKey({ ...base, mfaSession: mfaSession?.serial ?? null, hops: descriptors });
    return {
      ...hop,
      roleSessionName,
      sendMfa,
      key,
      ...(mfaSerial ? { mfaSerial } : {}),
      ...(mfaProcess ? { mfaProcess } : {}),
    };
  });
  let keySession: KeySessionStep | undefined;
  if (root.kind === 'keyring' && !mfaSession && hops.length === 0) {
    keySession = { profile: root.profile, key: cacheKey({ ...base, session: 'GetSessionToken' }) };
    if (rootOnlyDuration !== undefined) keySession.durationSeconds = rootOnlyDuration;
  }
  const rootKey = root.kind === 'sso' || root.kind === 'web-identity' ? cacheKey(base) : undefined;
  const finalKey = hops.length > 0 ? hops[hops.length - 1]!.key : (mfaSession?.key ?? keySession?.key ?? rootKey);
  return {
    plan,
    hops,
    ...(mfaSession ? { mfaSession } : {}),
    ...(keySession ? { keySession } : {}),
    ...(rootKey ? { rootKey } : {}),
    ...(finalKey ? { finalKey } : {}),
  };
}
