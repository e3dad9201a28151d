// AssumeRole and AssumeRoleWithWebIdentity: parameter validation, the role's trust rules (principals, MFA,
// external id), duration limits (role maximum, 1 h for role chaining), and the assumed-role session.
import { checkMfa, packedPolicySize } from './sts-checks.js';
import { type IssuedSession, type StsRole, type StsUser, parseRoleArn, roleIdOf, userArn } from './sts-identity.js';
import { type Caller, type StsState, callerArn, credentialsXml, findRole, issueSession } from './sts-session.js';
import { Checker, RULES } from './sts-validate.js';
import { StsError, accessDenied, validationError, type XmlValue } from './sts-xml.js';

export const CHAINING_LIMIT_MESSAGE =
  'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.';
export const ROLE_MAX_MESSAGE = 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.';

const notAuthorized = (who: string, action: string, roleArn: string): StsError =>
  accessDenied(`User: ${who} is not authorized to perform: ${action} on resource: ${roleArn}`);

/** Common role parameters of both operations. */
function readRoleParams(c: Checker) {
  return {
    roleArn: c.str('RoleArn', RULES.roleArn, true) as string,
    sessionName: c.str('RoleSessionName', RULES.roleSessionName, true) as string,
    duration: c.duration(900, 43200),
    policy: c.str('Policy', RULES.policy),
    policyArns: c.policyArns(),
  };
}

function checkDuration(role: StsRole, duration: number | undefined, chained: boolean): number {
  if (chained && duration !== undefined && duration > 3600) throw validationError(CHAINING_LIMIT_MESSAGE);
  if ((duration ?? 3600) > (role.maxSessionDuration ?? 3600)) throw validationError(ROLE_MAX_MESSAGE);
  return duration ?? 3600;
}

/** The assumed-role session and its XML result. */
function assumed(
  state: StsState,
  role: StsRole,
  sessionName: string,
  fields: Partial<IssuedSession>,
  seconds: number,
  packed: number | undefined,
) {
  const parsed = parseRoleArn(role.arn) as NonNullable<ReturnType<typeof parseRoleArn>>;
  const arn = `arn:${parsed.partition}:sts::${parsed.account}:assumed-role/${parsed.name}/${sessionName}`;
  const userId = `${roleIdOf(role)}:${sessionName}`;
  const session = issueSession(
    state,
    {
      kind: 'assumed-role',
      account: parsed.account,
      arn,
      userId,
      roleArn: role.arn,
      sessionName,
      chained: false,
      mfaAuthenticated: false,
      ...fields,
    },
    seconds,
  );
  const result: Record<string, XmlValue> = {
    Credentials: credentialsXml(session),
    AssumedRoleUser: { AssumedRoleId: userId, Arn: arn },
    PackedPolicySize: packed,
    SourceIdentity: session.sourceIdentity,
  };
  return { session, result };
}

function roleOrDeny(state: StsState, roleArn: string, deny: () => StsError): StsRole {
  const role = findRole(state, roleArn);
  if (!role) throw deny();
  if (!parseRoleArn(role.arn)) throw validationError(`${roleArn} is not a valid role ARN`);
  return role;
}

function principalTrusted(role: StsRole, caller: Caller): boolean {
  if (!role.trustedPrincipals) return true;
  const account = caller.kind === 'user' ? caller.user.account : caller.session.account;
  const principal = caller.kind === 'user' ? userArn(caller.user) : (caller.session.roleArn ?? caller.session.arn);
  return role.trustedPrincipals.some(
    (p) => p === '*' || p === account || p === principal || /^arn:[\w-]+:iam::(\d{12}):root$/.exec(p)?.[1] === account,
  );
}

export function assumeRole(state: StsState, params: Record<string, string>, caller: Caller): Record<string, XmlValue> {
  const c = new Checker(params);
  const { roleArn, sessionName, duration, policy, policyArns } = readRoleParams(c);
  const externalId = c.str('ExternalId', RULES.externalId);
  const serial = c.str('SerialNumber', RULES.serialNumber);
  const code = c.str('TokenCode', RULES.tokenCode);
  const sourceIdentity = c.str('SourceIdentity', RULES.sourceIdentity);
  const tags = c.tags();
  c.done();
  if (sourceIdentity?.toLowerCase().startsWith('aws:'))
    throw validationError('SourceIdentity must not start with "aws:".');

  const who = callerArn(caller);
  const deny = () => notAuthorized(who, 'sts:AssumeRole', roleArn);
  const session = caller.kind === 'session' ? caller.session : undefined;
  if (caller.kind === 'user' && caller.user.root) throw accessDenied('Roles may not be assumed by root accounts.');
  if (session?.kind === 'federated-user') throw deny();
  const role = roleOrDeny(state, roleArn, deny);
  if (!principalTrusted(role, caller)) throw deny();

  // Durations first, so a code is not spent on a request that fails on them.
  const seconds = checkDuration(role, duration, session !== undefined);
  const origin: StsUser | undefined = caller.kind === 'user' ? caller.user : session?.originUser;
  const mfa = checkMfa(state, serial, code, origin);
  if (role.requireMfa && mfa !== 'ok' && !session?.mfaAuthenticated) throw deny();
  if (role.externalId !== undefined && externalId !== role.externalId) throw deny();

  // Once set, a source identity stays for the rest of the chain and cannot be changed.
  const inherited = session?.sourceIdentity;
  if (inherited !== undefined && sourceIdentity !== undefined && sourceIdentity !== inherited) throw deny();
  const packed = packedPolicySize({ policy, policyArns, tags });
  const finalSource = inherited ?? sourceIdentity;
  const fields: Partial<IssuedSession> = {
    chained: session !== undefined,
    mfaAuthenticated: mfa === 'ok',
    ...(finalSource !== undefined ? { sourceIdentity: finalSource } : {}),
    ...(origin ? { originUser: origin } : {}),
  };
  return assumed(state, role, sessionName, fields, seconds, packed).result;
}

/** Unsigned: any token is accepted; a JWT's sub/aud/iss are echoed, as AWS echoes the verified claims. */
export function assumeRoleWithWebIdentity(state: StsState, params: Record<string, string>): Record<string, XmlValue> {
  const c = new Checker(params);
  const { roleArn, sessionName, duration, policy, policyArns } = readRoleParams(c);
  const token = c.str('WebIdentityToken', RULES.webIdentityToken, true) as string;
  const providerId = c.str('ProviderId', RULES.providerId);
  c.done();
  const deny = () => accessDenied('Not authorized to perform sts:AssumeRoleWithWebIdentity');
  const role = roleOrDeny(state, roleArn, deny);
  if (role.requireMfa) throw deny();
  const seconds = checkDuration(role, duration, false);
  const packed = packedPolicySize({ policy, policyArns, tags: [] });
  const claims = jwtClaims(token);
  const { result } = assumed(state, role, sessionName, { kind: 'web-identity' }, seconds, packed);
  const issuer = typeof claims.iss === 'string' ? claims.iss.replace(/^https:\/\//, '') : undefined;
  return {
    Credentials: result.Credentials,
    SubjectFromWebIdentityToken: typeof claims.sub === 'string' ? claims.sub : 'web-identity-subject',
    AssumedRoleUser: result.AssumedRoleUser,
    PackedPolicySize: packed,
    Provider: providerId ?? issuer ?? 'emulator.local',
    Audience:
      typeof claims.aud === 'string'
        ? claims.aud
        : Array.isArray(claims.aud)
          ? String(claims.aud[0])
          : 'sts.amazonaws.com',
  };
}

function jwtClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
