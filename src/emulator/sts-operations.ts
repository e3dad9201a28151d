// GetSessionToken, GetFederationToken and GetCallerIdentity, and the table of STS operations: which need a
// signed caller and which kinds of caller may call them.
import { assumeRole, assumeRoleWithWebIdentity } from './sts-assume.js';
import { checkMfa, packedPolicySize } from './sts-checks.js';
import { userArn, userIdOf } from './sts-identity.js';
import { type Caller, type StsState, callerIdentity, credentialsXml, issueSession } from './sts-session.js';
import { Checker, RULES } from './sts-validate.js';
import { accessDenied, type XmlValue } from './sts-xml.js';

type Handler = (state: StsState, params: Record<string, string>, caller: Caller) => Record<string, XmlValue>;

export interface StsOperation {
  handler: Handler;
  /** Answered without a signature (AssumeRoleWithWebIdentity). */
  unsigned?: boolean;
}

/** Long-term keys of an IAM user only: sessions get AWS's "Cannot call X with session credentials". */
function longTermUser(caller: Caller, action: string) {
  if (caller.kind !== 'user') throw accessDenied(`Cannot call ${action} with session credentials`);
  return caller.user;
}

const ROOT_MAX = 3600;

function getSessionToken(state: StsState, params: Record<string, string>, caller: Caller): Record<string, XmlValue> {
  const c = new Checker(params);
  const duration = c.duration(900, 129600);
  const serial = c.str('SerialNumber', RULES.serialNumber);
  const code = c.str('TokenCode', RULES.tokenCode);
  c.done();
  const user = longTermUser(caller, 'GetSessionToken');
  const mfa = checkMfa(state, serial, code, user);
  // The root user's sessions silently default to 1 h when more is asked.
  const seconds = user.root ? Math.min(duration ?? ROOT_MAX, ROOT_MAX) : (duration ?? 43200);
  const session = issueSession(
    state,
    {
      kind: 'session-token',
      account: user.account,
      arn: userArn(user),
      userId: userIdOf(user),
      chained: false,
      mfaAuthenticated: mfa === 'ok',
      originUser: user,
    },
    seconds,
  );
  return { Credentials: credentialsXml(session) };
}

function getFederationToken(state: StsState, params: Record<string, string>, caller: Caller): Record<string, XmlValue> {
  const c = new Checker(params);
  const name = c.str('Name', RULES.name, true) as string;
  const policy = c.str('Policy', RULES.policy);
  const policyArns = c.policyArns();
  const tags = c.tags();
  const duration = c.duration(900, 129600);
  c.done();
  const user = longTermUser(caller, 'GetFederationToken');
  const packed = packedPolicySize({ policy, policyArns, tags });
  const seconds = user.root ? Math.min(duration ?? ROOT_MAX, ROOT_MAX) : (duration ?? 43200);
  const partition = user.partition ?? 'aws';
  const arn = `arn:${partition}:sts::${user.account}:federated-user/${name}`;
  const userId = `${user.account}:${name}`;
  const session = issueSession(
    state,
    {
      kind: 'federated-user',
      account: user.account,
      arn,
      userId,
      chained: false,
      mfaAuthenticated: false,
      originUser: user,
    },
    seconds,
  );
  return {
    Credentials: credentialsXml(session),
    FederatedUser: { FederatedUserId: userId, Arn: arn },
    PackedPolicySize: packed,
  };
}

/** Operations by Action. Which session kinds may call what is checked in the handlers. */
export const STS_OPERATIONS: Record<string, StsOperation> = {
  AssumeRole: { handler: assumeRole },
  AssumeRoleWithWebIdentity: { handler: (state, params) => assumeRoleWithWebIdentity(state, params), unsigned: true },
  GetSessionToken: { handler: getSessionToken },
  GetFederationToken: { handler: getFederationToken },
  GetCallerIdentity: { handler: (_state, _params, caller) => callerIdentity(caller) },
};
