// awsx profile add NAME: append a role profile to the config file, validated first, never replacing one.
import { InputError } from '../../config/errors.js';
import { loadAwsFiles } from '../../config/load-config.js';
import type { Env } from '../../config/paths.js';
import { CREDENTIAL_SOURCES } from '../../config/profile-kinds.js';
import {
  isValidDuration,
  isValidExternalId,
  isValidMfaSerial,
  isValidSessionName,
  parseDuration,
  parseRoleArn,
} from '../../config/validate.js';
import { appendConfigProfile } from '../../profiles/config-file.js';
import { checkRegion } from '../../credentials/session-region.js';

export interface ProfileAddFlags {
  roleArn?: string;
  sourceProfile?: string;
  credentialSource?: string;
  mfaSerial?: string;
  region?: string;
  externalId?: string;
  duration?: string;
  sessionName?: string;
}

export function profileEntries(name: string, f: ProfileAddFlags, env: Env): Array<[string, string]> {
  const bad = (message: string, hint: string): InputError =>
    new InputError(`profile "${name}": ${message}`, { profile: name, hint });
  if (!/^[\w+=,.@:/-]+$/.test(name))
    throw bad('the name may hold only letters, digits and -_.+=,@:/', 'choose another name');
  if (!f.roleArn) throw bad('--role-arn is required', 'pass --role-arn arn:aws:iam::<account>:role/<name>');
  if (!parseRoleArn(f.roleArn))
    throw bad(`"${f.roleArn}" is not a valid IAM role ARN`, 'use arn:aws:iam::<12-digit account>:role/<name>');
  if (Boolean(f.sourceProfile) === Boolean(f.credentialSource))
    throw bad('give exactly one of --source-profile and --credential-source', 'e.g. --source-profile base');
  if (f.sourceProfile && !loadAwsFiles(env).profiles.has(f.sourceProfile)) {
    throw bad(`source profile "${f.sourceProfile}" does not exist`, 'awsx list shows the profiles');
  }
  if (f.credentialSource && !(CREDENTIAL_SOURCES as readonly string[]).includes(f.credentialSource)) {
    throw bad(
      `credential source "${f.credentialSource}" is not one of ${CREDENTIAL_SOURCES.join(', ')}`,
      'the value is case-sensitive',
    );
  }
  if (f.mfaSerial !== undefined && !isValidMfaSerial(f.mfaSerial))
    throw bad(`"${f.mfaSerial}" is not an MFA device ARN or serial`, 'use arn:aws:iam::<account>:mfa/<name>');
  if (f.region !== undefined) checkRegion(f.region, `profile "${name}": --region`, parseRoleArn(f.roleArn)!.partition);
  if (f.externalId !== undefined && !isValidExternalId(f.externalId))
    throw bad('the external id must be 2-1224 characters of letters, digits and +=,.@:/-', 'fix --external-id');
  if (f.sessionName !== undefined && !isValidSessionName(f.sessionName))
    throw bad('the session name must be 2-64 characters of letters, digits and +=,.@-', 'fix --session-name');
  let duration: number | undefined;
  if (f.duration !== undefined) {
    duration = parseDuration(f.duration);
    if (duration === undefined || !isValidDuration(duration))
      throw bad(`duration "${f.duration}" is outside 900-43200 seconds`, 'pass --duration between 900 and 43200');
  }
  const entries: Array<[string, string]> = [['role_arn', f.roleArn]];
  if (f.sourceProfile) entries.push(['source_profile', f.sourceProfile]);
  if (f.credentialSource) entries.push(['credential_source', f.credentialSource]);
  if (f.mfaSerial) entries.push(['mfa_serial', f.mfaSerial]);
  if (f.externalId) entries.push(['external_id', f.externalId]);
  if (duration !== undefined) entries.push(['duration_seconds', String(duration)]);
  if (f.sessionName) entries.push(['role_session_name', f.sessionName]);
  if (f.region) entries.push(['region', f.region]);
  return entries;
}

export async function profileAddCommand(name: string, flags: ProfileAddFlags, env: Env): Promise<number> {
  const path = await appendConfigProfile(env, name, profileEntries(name, flags, env));
  process.stderr.write(`awsx: added [profile ${name}] to ${path}\n`);
  return 0;
}
