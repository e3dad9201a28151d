// Profile shapes, decided in the AWS CLI's order: assume-role, web identity, SSO, static keys, process.
import type { IniValue } from './ini-parse.js';
import { stringValue, type Values } from './load-config.js';

export type ProfileKind = 'role' | 'web-identity' | 'sso' | 'static' | 'process' | 'environment' | 'empty' | 'keyring';

export const CREDENTIAL_SOURCES = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'] as const;
export type CredentialSource = (typeof CREDENTIAL_SOURCES)[number];

export const hasStaticKeys = (v: Values): boolean =>
  stringValue(v, 'aws_access_key_id') !== undefined && stringValue(v, 'aws_secret_access_key') !== undefined;

export const isAssumeRoleProfile = (v: Values): boolean =>
  stringValue(v, 'role_arn') !== undefined && stringValue(v, 'web_identity_token_file') === undefined;

export const isWebIdentityProfile = (v: Values): boolean =>
  stringValue(v, 'role_arn') !== undefined && stringValue(v, 'web_identity_token_file') !== undefined;

/** botocore treats a profile as SSO when sso_account_id or sso_role_name is present. */
export const isSsoProfile = (v: Values): boolean =>
  stringValue(v, 'sso_account_id') !== undefined || stringValue(v, 'sso_role_name') !== undefined;

export const isProcessProfile = (v: Values): boolean => stringValue(v, 'credential_process') !== undefined;

/** A non-empty string value (what stringValue reads), inline: this runs for every profile of every start. */
const set = (x: IniValue | undefined): boolean => typeof x === 'string' && x !== '';

export function profileKind(v: Values): ProfileKind {
  // isAssumeRoleProfile, isWebIdentityProfile, isSsoProfile, hasStaticKeys, isProcessProfile, in that order.
  if (set(v.role_arn)) return set(v.web_identity_token_file) ? 'web-identity' : 'role';
  if (set(v.sso_account_id) || set(v.sso_role_name)) return 'sso';
  if (set(v.aws_access_key_id) && set(v.aws_secret_access_key)) return 'static';
  if (set(v.credential_process)) return 'process';
  return 'empty';
}

/** Ways one profile is ambiguous between the AWS CLI and the JS SDK, worth a warning. */
export function ambiguities(v: Values): string[] {
  const out: string[] = [];
  if (!hasStaticKeys(v)) return out;
  if (isSsoProfile(v)) {
    out.push('has both static keys and sso_* keys: the AWS CLI uses SSO, JS SDKs use the keys; awsx follows the AWS CLI');
  }
  if (isProcessProfile(v)) out.push('has both static keys and credential_process; the keys win');
  return out;
}
