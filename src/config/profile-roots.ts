// The credential roots and role hops a profile's own values declare, each value checked against STS's rules
// (the profile graph, profile-graph.ts, links them into chains).
import { ProfileConfigError } from './errors.js';
import { stringValue, type Values } from './load-config.js';
import type { RoleHop, RootSource } from './profile-graph.js';
import { DURATION_MAX, DURATION_MIN, isValidExternalId, isValidMfaSerial, isValidSessionName, isValidSourceIdentity, parseRoleArn } from './validate.js';

export function staticRoot(profile: string, v: Values): Extract<RootSource, { kind: 'static' }> {
  return {
    kind: 'static',
    profile,
    accessKeyId: stringValue(v, 'aws_access_key_id')!,
    secretAccessKey: stringValue(v, 'aws_secret_access_key')!,
    sessionToken: stringValue(v, 'aws_session_token') ?? stringValue(v, 'aws_security_token'),
    mfaSerial: stringValue(v, 'mfa_serial'),
    mfaProcess: stringValue(v, 'mfa_process'),
    accountId: stringValue(v, 'aws_account_id'),
    region: stringValue(v, 'region'),
  };
}

/** The keys of a profile that also declares a role: its mfa_serial goes with that role (botocore sends it with
 * AssumeRole), not with the keys, so it must not also ask for an MFA session. */
export function keysOfRoleProfile(profile: string, v: Values): RootSource {
  return { ...staticRoot(profile, v), mfaSerial: undefined, mfaProcess: undefined };
}

/** The role hop a profile declares, with every value checked against STS's rules. */
export function roleHop(profile: string, v: Values): RoleHop | ProfileConfigError {
  const fail = (message: string, hint: string): ProfileConfigError => new ProfileConfigError(`profile "${profile}": ${message}`, { profile, hint });
  const arn = stringValue(v, 'role_arn')!;
  const parsed = parseRoleArn(arn);
  if (!parsed) return fail(`role_arn "${arn}" is not a valid IAM role ARN`, 'use arn:aws:iam::<12-digit account>:role/<name>');
  const hop: RoleHop = { profile, roleArn: arn, partition: parsed.partition, accountId: parsed.accountId, roleName: parsed.roleName };
  const mfa = stringValue(v, 'mfa_serial');
  if (mfa !== undefined) {
    if (!isValidMfaSerial(mfa)) return fail(`mfa_serial "${mfa}" is not an MFA device ARN or serial`, 'use arn:aws:iam::<account>:mfa/<name>');
    hop.mfaSerial = mfa;
    const mfaProcess = stringValue(v, 'mfa_process');
    if (mfaProcess) hop.mfaProcess = mfaProcess;
  }
  const ext = stringValue(v, 'external_id');
  if (ext !== undefined) {
    if (!isValidExternalId(ext)) return fail('external_id must be 2-1224 characters of letters, digits and +=,.@:/-', 'fix external_id');
    hop.externalId = ext;
  }
  const duration = stringValue(v, 'duration_seconds');
  if (duration !== undefined) {
    const n = /^\d+$/.test(duration) ? Number(duration) : NaN;
    if (!Number.isInteger(n) || n < DURATION_MIN || n > DURATION_MAX) {
      return fail(`duration_seconds "${duration}" is not a whole number of seconds in ${DURATION_MIN}-${DURATION_MAX}`, 'fix duration_seconds');
    }
    hop.durationSeconds = n;
  }
  const sessionName = stringValue(v, 'role_session_name');
  if (sessionName !== undefined) {
    if (!isValidSessionName(sessionName)) return fail(`role_session_name "${sessionName}" must be 2-64 characters of letters, digits and +=,.@-`, 'fix role_session_name');
    hop.roleSessionName = sessionName;
  }
  const sourceIdentity = stringValue(v, 'source_identity');
  if (sourceIdentity !== undefined) {
    if (!isValidSourceIdentity(sourceIdentity)) return fail(`source_identity "${sourceIdentity}" must be 2-64 characters of letters, digits and +=,.@- and not start with aws:`, 'fix source_identity');
    hop.sourceIdentity = sourceIdentity;
  }
  const region = stringValue(v, 'region');
  if (region) hop.region = region;
  return hop;
}
