// Identities of the STS emulator: IAM users with long-term keys, roles with their trust rules, and the
// sessions (temporary credentials) it issues. Ids and keys look like AWS's (AIDA/AROA/ASIA + 16-17 chars).
import { createHash, randomBytes } from 'node:crypto';

export interface StsUser {
  account: string;
  /** IAM user name (ignored for root). */
  name: string;
  /** IAM path, default "/". */
  path?: string;
  /** The account's root user: ARN arn:aws:iam::ACCT:root, sessions capped at 1 h, cannot assume roles. */
  root?: boolean;
  accessKeys: Array<{ accessKeyId: string; secretAccessKey: string }>;
  /** MFA device serials (ARNs) of the user; a SerialNumber not listed is refused. Absent: any serial. */
  mfaDevices?: string[];
  /** AIDA... id; default derived from the ARN. */
  userId?: string;
  partition?: string;
}

export interface StsRole {
  /** arn:aws:iam::ACCT:role[/path]/NAME */
  arn: string;
  /** Default 3600, as for a role created without one in AWS. */
  maxSessionDuration?: number;
  /** Trust policy needs aws:MultiFactorAuthPresent: a valid code now, or an MFA-authenticated caller session. */
  requireMfa?: boolean;
  /** Trust policy needs sts:ExternalId equal to this. */
  externalId?: string;
  /** Principals allowed to assume: account ids, arn:aws:iam::ACCT:root, user/role ARNs, or "*". Absent: all. */
  trustedPrincipals?: string[];
  /** AROA... id; default derived from the ARN. */
  roleId?: string;
}

export type SessionKind = 'assumed-role' | 'session-token' | 'federated-user' | 'web-identity';

/** Temporary credentials the emulator issued, with who they are and how they were made. */
export interface IssuedSession {
  kind: SessionKind;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ms since epoch. */
  expiration: number;
  issuedAt: number;
  account: string;
  /** Identity ARN (GetCallerIdentity): assumed-role, federated-user, or the IAM user's for session-token. */
  arn: string;
  userId: string;
  /** The IAM role ARN, for assumed-role and web-identity sessions. */
  roleArn?: string;
  sessionName?: string;
  /** Made from temporary credentials (role chaining). */
  chained: boolean;
  /** Made with a valid MFA code (GetSessionToken or AssumeRole). */
  mfaAuthenticated: boolean;
  sourceIdentity?: string;
  /** The IAM user at the root of the chain, if any. */
  originUser?: StsUser;
}

/** What lookupCredentials answers: a session, or an IAM user's long-term key. */
export type LookedUpCredentials =
  | (Omit<IssuedSession, 'originUser'> & { temporary: true })
  | {
      temporary: false;
      kind: 'user';
      accessKeyId: string;
      secretAccessKey: string;
      account: string;
      arn: string;
      userId: string;
    };

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** An id like AWS's: prefix + uppercase base32 (random, or derived from `from`). */
export function awsId(prefix: string, length: number, from?: string): string {
  const bytes = from === undefined ? randomBytes(length) : createHash('sha256').update(from).digest();
  let s = prefix;
  for (let i = 0; s.length < prefix.length + length; i++) s += ALNUM[(bytes[i % bytes.length] as number) % 32];
  return s;
}

export function userArn(u: StsUser): string {
  const p = u.partition ?? 'aws';
  return u.root
    ? `arn:${p}:iam::${u.account}:root`
    : `arn:${p}:iam::${u.account}:user${normalizePath(u.path)}${u.name}`;
}

export function userIdOf(u: StsUser): string {
  return u.root ? u.account : (u.userId ?? awsId('AIDA', 17, userArn(u)));
}

const normalizePath = (path = '/'): string => (path.endsWith('/') ? path : `${path}/`).replace(/^(?!\/)/, '/');

export interface ParsedRoleArn {
  partition: string;
  account: string;
  /** Last path segment: what the assumed-role ARN shows. */
  name: string;
}

export function parseRoleArn(arn: string): ParsedRoleArn | undefined {
  const m =
    /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]{1,64})$/.exec(
      arn,
    );
  return m ? { partition: m[1]!, account: m[2]!, name: m[3]! } : undefined;
}

export function roleIdOf(role: StsRole): string {
  return role.roleId ?? awsId('AROA', 17, role.arn);
}

/** Fresh temporary key material: ASIA key id, 40-char secret, a long opaque session token. */
export function newTemporaryKeys(): { accessKeyId: string; secretAccessKey: string; sessionToken: string } {
  return {
    accessKeyId: awsId('ASIA', 16),
    secretAccessKey: randomBytes(30).toString('base64').replace(/[+/]/g, 'x'),
    sessionToken: `IQoJb3JpZ2luX2VtdWxhdG9y${randomBytes(240).toString('base64')}`,
  };
}

/** ISO 8601 without milliseconds, as STS writes Expiration. */
export const isoSeconds = (ms: number): string =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
