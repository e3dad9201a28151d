// Profile shapes, decided in the AWS CLI's order: assume-role, web identity, SSO, static keys, process.
import { stringValue, type Values } from './load-config.js';

export type ProfileKind = 'role' | 'web-identity' | 'sso' | 'static' | 'process' | 'environment' | 'empty';

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

export function profileKind(v: Values): ProfileKind {
  if (isAssumeRoleProfile(v)) return 'role';
  if (isWebIdentityProfile(v)) return 'web-identity';
  if (isSsoProfile(v)) return 'sso';
  if (hasStaticKeys(v)) return 'static';
  if (isProcessProfile(v)) return 'process';
  return 'empty';
}

/** Ways one profile is ambiguous between the AWS CLI and the JS SDK, worth a warning. */
export function ambiguities(v: Values): string[] {
  const out: string[] = [];
  if (hasStaticKeys(v) && isSsoProfile(v)) {
    out.push('has both static keys and sso_* keys: the AWS CLI uses SSO, JS SDKs use the keys; awsx follows the AWS CLI');
  }
  if (hasStaticKeys(v) && isProcessProfile(v)) out.push('has both static keys and credential_process; the keys win');
  return out;
}
