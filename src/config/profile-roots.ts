// The credential roots and role hops a profile's own values declare, each value checked against STS's rules
// (the profile graph, profile-graph.ts, links them into chains).
import { ProfileConfigError } from './errors.js';
import { rootSettings, stringValue, type Values } from './load-config.js';
import type { RoleHop, RootSource } from './credential-chain.js';
import { pythonInt } from './py-int.js';
import {
  DURATION_MAX,
  DURATION_MIN,
  isValidExternalId,
  isValidMfaSerial,
  isValidSessionName,
  isValidSourceIdentity,
  parseRoleArn,
} from './validate.js';

type StaticRoot = Extract<RootSource, { kind: 'static' }>;

/**
 * Keys from one file's own section, as botocore's shared-credentials-file and config-file providers read them:
 * the secret must sit in the same section as the key id (botocore never pairs keys across files), and the
 * session token is aws_security_token when that key is present (even empty), else aws_session_token.
 */
export function staticRoot(
  profile: string,
  section: Values,
  merged: Values,
  file: 'credentials' | 'config',
): StaticRoot | ProfileConfigError {
  const where = file === 'credentials' ? 'the credentials file' : 'the config file';
  const fail = (message: string, hint: string): ProfileConfigError =>
    new ProfileConfigError(`profile "${profile}": ${message}`, { profile, hint });
  const accessKeyId = section.aws_access_key_id;
  const secretAccessKey = section.aws_secret_access_key;
  if (secretAccessKey === undefined) {
    return fail(
      `aws_access_key_id is in ${where} but aws_secret_access_key is not (the AWS CLI does not pair keys across files)`,
      `put both keys in ${where}`,
    );
  }
  if (typeof accessKeyId !== 'string' || accessKeyId === '')
    return fail(`aws_access_key_id in ${where} is empty`, 'set the key id');
  if (typeof secretAccessKey !== 'string' || secretAccessKey === '')
    return fail(`aws_secret_access_key in ${where} is empty`, 'set the secret key');
  const token = section.aws_security_token !== undefined ? section.aws_security_token : section.aws_session_token;
  const root: StaticRoot = { kind: 'static', profile, accessKeyId, secretAccessKey, file };
  if (typeof token === 'string' && token !== '') root.sessionToken = token;
  const accountId = stringValue(section, 'aws_account_id');
  if (accountId) root.accountId = accountId;
  return Object.assign(root, rootSettings(merged));
}

/** The role hop a profile declares, with every value checked against STS's rules. */
export function roleHop(profile: string, v: Values, withDuration = true): RoleHop | ProfileConfigError {
  const fail = (message: string, hint: string): ProfileConfigError =>
    new ProfileConfigError(`profile "${profile}": ${message}`, { profile, hint });
  const arn = stringValue(v, 'role_arn')!;
  const parsed = parseRoleArn(arn);
  if (!parsed)
    return fail(`role_arn "${arn}" is not a valid IAM role ARN`, 'use arn:aws:iam::<12-digit account>:role/<name>');
  const hop: RoleHop = {
    profile,
    roleArn: arn,
    partition: parsed.partition,
    accountId: parsed.accountId,
    roleName: parsed.roleName,
  };
  const mfa = stringValue(v, 'mfa_serial');
  if (mfa !== undefined) {
    if (!isValidMfaSerial(mfa))
      return fail(`mfa_serial "${mfa}" is not an MFA device ARN or serial`, 'use arn:aws:iam::<account>:mfa/<name>');
    hop.mfaSerial = mfa;
    const mfaProcess = stringValue(v, 'mfa_process');
    if (mfaProcess) hop.mfaProcess = mfaProcess;
  }
  const ext = stringValue(v, 'external_id');
  if (ext !== undefined) {
    if (!isValidExternalId(ext))
      return fail('external_id must be 2-1224 characters of letters, digits and +=,.@:/-', 'fix external_id');
    hop.externalId = ext;
  }
  // botocore: int(duration_seconds), and a value int() refuses is dropped (the role's default hour).
  const duration = v.duration_seconds;
  if (withDuration && typeof duration === 'string') {
    const n = pythonInt(duration);
    if (n !== undefined && (n < DURATION_MIN || n > DURATION_MAX)) {
      return fail(
        `duration_seconds "${duration}" is not a whole number of seconds in ${DURATION_MIN}-${DURATION_MAX}`,
        'fix duration_seconds',
      );
    }
    if (n !== undefined) hop.durationSeconds = n;
  }
  const sessionName = stringValue(v, 'role_session_name');
  if (sessionName !== undefined) {
    if (!isValidSessionName(sessionName))
      return fail(
        `role_session_name "${sessionName}" must be 2-64 characters of letters, digits and +=,.@-`,
        'fix role_session_name',
      );
    hop.roleSessionName = sessionName;
  }
  const sourceIdentity = stringValue(v, 'source_identity');
  if (sourceIdentity !== undefined) {
    if (!isValidSourceIdentity(sourceIdentity))
      return fail(
        `source_identity "${sourceIdentity}" must be 2-64 characters of letters, digits and +=,.@- ` +
          'and not start with aws:',
        'fix source_identity',
      );
    hop.sourceIdentity = sourceIdentity;
  }
  const region = stringValue(v, 'region');
  if (region) hop.region = region;
  return hop;
}
