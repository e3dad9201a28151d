// Which credential provider a profile uses, decided as botocore's chain decides it (AWS CLI v1 and v2 agree):
// assume-role, then web identity, IAM Identity Center, the credentials file's keys, `aws login`, a
// credential_process and last the config file's keys. botocore tests most keys for presence (`key in
// profile`), so an empty value still picks its provider; awsx does the same and reports the empty value.
import type { IniValue } from './ini-values.js';
import type { RawProfile, Values } from './load-config.js';
import { pythonInt } from './py-int.js';

export type ProfileKind =
  'role' | 'web-identity' | 'sso' | 'static' | 'login' | 'process' | 'environment' | 'empty' | 'keyring';

/** botocore's provider METHOD names, for the profile-based providers. */
export type ProviderName =
  | 'assume-role'
  | 'assume-role-with-web-identity'
  | 'sso'
  | 'shared-credentials-file'
  | 'login'
  | 'custom-process'
  | 'config-file';

export const CREDENTIAL_SOURCES = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'] as const;
export type CredentialSource = (typeof CREDENTIAL_SOURCES)[number];

/** A non-empty string value (what stringValue reads), inline: this runs for every profile of every start. */
const set = (x: IniValue | undefined): boolean => typeof x === 'string' && x !== '';

/** Both keys, non-empty, in the merged profile. */
export const hasStaticKeys = (v: Values): boolean => set(v.aws_access_key_id) && set(v.aws_secret_access_key);

/** botocore's _has_static_credentials: either key present (even empty), in the merged profile. */
export const hasAnyKey = (v: Values): boolean =>
  v.aws_access_key_id !== undefined || v.aws_secret_access_key !== undefined;

/** botocore's _has_assume_role_config_vars: role_arn present and no web_identity_token_file. */
export const hasRoleVars = (v: Values): boolean => v.role_arn !== undefined && v.web_identity_token_file === undefined;

/** botocore treats a profile as SSO when sso_account_id or sso_role_name is present. */
export const isSsoProfile = (v: Values): boolean => v.sso_account_id !== undefined || v.sso_role_name !== undefined;

/**
 * A source profile whose role is followed further down (botocore's _resolve_credentials_from_profile):
 * role settings and no key at all. A source with a key uses its own providers and its role is ignored.
 */
export const continuesAsSource = (v: Values): boolean => hasRoleVars(v) && !hasAnyKey(v);

/** The first of the profile's own providers that applies (ProfileProviderBuilder.providers), or undefined. */
export function profileProvider(raw: RawProfile): Exclude<ProviderName, 'assume-role'> | undefined {
  const v = raw.values;
  if (set(v.web_identity_token_file)) return 'assume-role-with-web-identity';
  if (isSsoProfile(v)) return 'sso';
  if (raw.credentialsValues?.aws_access_key_id !== undefined) return 'shared-credentials-file';
  if (v.login_session !== undefined) return 'login';
  if (v.credential_process !== undefined) return 'custom-process';
  if (raw.configValues?.aws_access_key_id !== undefined) return 'config-file';
  return undefined;
}

/** The provider a profile named on its own uses: assume-role first, then its own providers. */
export function topProvider(raw: RawProfile): ProviderName | undefined {
  return hasRoleVars(raw.values) ? 'assume-role' : profileProvider(raw);
}

export function kindOfProvider(provider: ProviderName | undefined): ProfileKind {
  switch (provider) {
    case 'assume-role':
      return 'role';
    case 'assume-role-with-web-identity':
      return 'web-identity';
    case 'sso':
      return 'sso';
    case 'shared-credentials-file':
    case 'config-file':
      return 'static';
    case 'login':
      return 'login';
    case 'custom-process':
      return 'process';
    default:
      return 'empty';
  }
}

export function profileKind(raw: RawProfile): ProfileKind {
  return kindOfProvider(topProvider(raw));
}

/** Values the AWS CLI (and so awsx) ignores, and ways a profile reads differently in JS SDKs: worth a warning. */
export function ambiguities(raw: RawProfile): string[] {
  const out: string[] = raw.differences ? raw.differences.slice() : [];
  const v = raw.values;
  const duration = v.duration_seconds;
  if (typeof duration === 'string' && v.role_arn !== undefined) {
    if (v.web_identity_token_file !== undefined) {
      out.push(
        'duration_seconds is not used with web_identity_token_file: ' +
          "the AWS CLI and awsx send no duration (the role's default)",
      );
    } else if (pythonInt(duration) === undefined) {
      out.push(
        `duration_seconds "${duration.slice(0, 40)}" is not a whole number: ` +
          "the AWS CLI ignores it (the role's default, 1 hour), and so does awsx",
      );
    }
  }
  if (!hasStaticKeys(v)) return out;
  if (isSsoProfile(v))
    out.push('has both static keys and sso_* keys: the AWS CLI and awsx use IAM Identity Center; JS SDKs use the keys');
  const configKeys = raw.credentialsValues?.aws_access_key_id === undefined;
  if (configKeys && v.credential_process !== undefined) {
    out.push(
      'has both static keys (in the config file) and credential_process: ' +
        'the AWS CLI and awsx run credential_process; JS SDKs use the keys',
    );
  }
  if (configKeys && v.login_session !== undefined) {
    out.push(
      'has both static keys (in the config file) and login_session: ' +
        'the AWS CLI and awsx use the aws login session; JS SDKs use the keys',
    );
  }
  return out;
}
